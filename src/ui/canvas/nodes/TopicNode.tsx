/**
 * A topic on the canvas: producers publish into it on the left, it sends a copy of each publish
 * to every queue it links to on the right (its subscriptions). Its summary counts them, read from
 * the document's links (a topic has no settings of its own); its box shows the publishes fanned
 * out during a run (NodeLiveStatus).
 */
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useDocument } from '../../app/stores.tsx';
import { TopicIcon } from '../../kinds/icons.tsx';
import { topicSummary } from '../../kinds/summaries.ts';
import type { DocumentFlowNode } from '../flowElements.ts';
import { NodeBox } from './NodeBox.tsx';

/** React Flow node component for `topic` nodes. */
export const TopicNode = memo(function TopicNode({ id, data, selected }: NodeProps<DocumentFlowNode>) {
  // A string: the box re-renders when its subscriptions change, not at every edit of the document.
  const summary = useDocument((s) => topicSummary(s.document, id));
  const node = data.node;
  if (node.kind !== 'topic') return null;
  return (
    <NodeBox
      nodeId={id}
      kind="topic"
      kindLabel="Topic"
      name={node.label ?? id}
      summary={summary}
      icon={TopicIcon}
      selected={selected}
      accepts
      sends
      sendsTo="a queue (a subscription)"
    />
  );
});
