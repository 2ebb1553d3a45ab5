/**
 * A sync (request/response) link: a solid line with an arrow towards the callee and a label with
 * its protocol ("HTTP", "gRPC") and, during a run, its circuit breaker's badge (see LinkEdgeBody).
 */
import { memo } from 'react';
import type { EdgeProps } from '@xyflow/react';
import type { DocumentFlowEdge } from '../flowElements.ts';
import { LinkEdgeBody } from './LinkEdgeBody.tsx';

/** React Flow edge component for `sync` links. */
export const SyncEdge = memo(function SyncEdge(props: EdgeProps<DocumentFlowEdge>) {
  return <LinkEdgeBody {...props} kind="sync" />;
});
