/**
 * A queue on the canvas: producers publish into it on the left, it delivers to its consumers on
 * the right. Its box shows its depth and the messages in flight during a run (NodeLiveStatus).
 */
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { QueueIcon } from '../../kinds/icons.tsx';
import { queueSummary } from '../../kinds/summaries.ts';
import type { DocumentFlowNode } from '../flowElements.ts';
import { NodeBox } from './NodeBox.tsx';

/** React Flow node component for `queue` nodes. */
export const QueueNode = memo(function QueueNode({ id, data, selected }: NodeProps<DocumentFlowNode>) {
  const node = data.node;
  if (node.kind !== 'queue') return null;
  return (
    <NodeBox
      nodeId={id}
      kind="queue"
      kindLabel="Queue"
      name={node.label ?? id}
      summary={queueSummary(node)}
      icon={QueueIcon}
      selected={selected}
      accepts
      sends
      sendsTo="a service (a consumer)"
    />
  );
});
