/**
 * An event stream on the canvas: producers append to it on the left, it delivers to its
 * consumers (grouped by the links' `group`) on the right. Its box shows its partitions as lanes
 * and, during a run, what its logs hold and how far its groups have read (NodeLiveStatus).
 */
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { StreamIcon } from '../../kinds/icons.tsx';
import { streamSummary } from '../../kinds/summaries.ts';
import type { DocumentFlowNode } from '../flowElements.ts';
import { NodeBox } from './NodeBox.tsx';

/** React Flow node component for `stream` nodes. */
export const StreamNode = memo(function StreamNode({ id, data, selected }: NodeProps<DocumentFlowNode>) {
  const node = data.node;
  if (node.kind !== 'stream') return null;
  return (
    <NodeBox
      nodeId={id}
      kind="stream"
      kindLabel="Stream"
      name={node.label ?? id}
      summary={streamSummary(node)}
      icon={StreamIcon}
      selected={selected}
      accepts
      sends
      sendsTo="a service (a consumer)"
    />
  );
});
