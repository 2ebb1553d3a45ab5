/**
 * A load balancer on the canvas: callers send to it on the left, it forwards to its service's
 * instances on the right (its link to the service says how: the algorithm, health checks,
 * discovery). During a run its box shows its own pool and line, like a service's.
 */
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { LoadBalancerIcon } from '../../kinds/icons.tsx';
import { loadBalancerSummary } from '../../kinds/summaries.ts';
import type { DocumentFlowNode } from '../flowElements.ts';
import { NodeBox } from './NodeBox.tsx';

/** React Flow node component for `loadBalancer` nodes. */
export const LoadBalancerNode = memo(function LoadBalancerNode({ id, data, selected }: NodeProps<DocumentFlowNode>) {
  const node = data.node;
  if (node.kind !== 'loadBalancer') return null;
  return (
    <NodeBox
      nodeId={id}
      kind="loadBalancer"
      kindLabel="Load balancer"
      name={node.label ?? id}
      summary={loadBalancerSummary(node)}
      icon={LoadBalancerIcon}
      selected={selected}
      accepts
      sends
      sendsTo="a service (whose instances it spreads requests over)"
    />
  );
});
