/** A service on the canvas: called from the left, calls others on the right. */
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { ServiceIcon } from '../../kinds/icons.tsx';
import { serviceSummary } from '../../kinds/summaries.ts';
import type { DocumentFlowNode } from '../flowElements.ts';
import { NodeBox } from './NodeBox.tsx';

/** React Flow node component for `service` nodes. */
export const ServiceNode = memo(function ServiceNode({ id, data, selected }: NodeProps<DocumentFlowNode>) {
  const node = data.node;
  if (node.kind !== 'service') return null;
  return (
    <NodeBox
      nodeId={id}
      kind="service"
      kindLabel="Service"
      name={node.label ?? id}
      summary={serviceSummary(node)}
      icon={ServiceIcon}
      selected={selected}
      accepts
      sends
    />
  );
});
