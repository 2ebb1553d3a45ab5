/**
 * An async link, to or from a queue: a dashed line with an arrow the way messages go (producer →
 * queue, queue → consumer) and the label "async", so nobody reads it as a caller waiting for a
 * callee. A producer's link may carry a breaker, whose badge shows as on a sync link.
 */
import { memo } from 'react';
import type { EdgeProps } from '@xyflow/react';
import type { DocumentFlowEdge } from '../flowElements.ts';
import { LinkEdgeBody } from './LinkEdgeBody.tsx';

/** React Flow edge component for `async` links. */
export const AsyncEdge = memo(function AsyncEdge(props: EdgeProps<DocumentFlowEdge>) {
  return <LinkEdgeBody {...props} kind="async" />;
});
