/** A client on the canvas: a load generator. Nothing calls a client, so it has no input handle. */
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { ClientIcon } from '../../kinds/icons.tsx';
import { clientSummary } from '../../kinds/summaries.ts';
import type { DocumentFlowNode } from '../flowElements.ts';
import { NodeBox } from './NodeBox.tsx';

/** React Flow node component for `client` nodes. */
export const ClientNode = memo(function ClientNode({ id, data, selected }: NodeProps<DocumentFlowNode>) {
  const node = data.node;
  if (node.kind !== 'client') return null;
  return (
    <NodeBox
      nodeId={id}
      kind="client"
      kindLabel="Client"
      name={node.label ?? id}
      summary={clientSummary(node)}
      icon={ClientIcon}
      selected={selected}
      accepts={false}
      sends
    />
  );
});
