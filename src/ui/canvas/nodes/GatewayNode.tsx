/**
 * An API gateway on the canvas: clients call it on the left, it forwards to the services of its
 * routes on the right. Its box lists its routes; during a run, what each took and what the door
 * refused, by kind (GatewaySlot).
 */
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { GatewayIcon } from '../../kinds/icons.tsx';
import { gatewaySummary } from '../../kinds/summaries.ts';
import { GatewaySlot } from '../../playback/KindSlots.tsx';
import type { DocumentFlowNode } from '../flowElements.ts';
import { NodeBox } from './NodeBox.tsx';

/** React Flow node component for `gateway` nodes. */
export const GatewayNode = memo(function GatewayNode({ id, data, selected }: NodeProps<DocumentFlowNode>) {
  const node = data.node;
  if (node.kind !== 'gateway') return null;
  return (
    <NodeBox
      nodeId={id}
      kind="gateway"
      kindLabel="Gateway"
      name={node.label ?? id}
      summary={gatewaySummary(node)}
      icon={GatewayIcon}
      selected={selected}
      accepts
      sends
      sendsTo="a service (a route)"
    >
      <GatewaySlot nodeId={id} routes={Array.isArray(node.routes) ? node.routes : []} />
    </NodeBox>
  );
});
