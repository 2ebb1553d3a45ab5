/**
 * The canvas's resilience views (a link's breaker badge, a node's bulkheads and rate limiter),
 * loaded only once a run has any breaker, bulkhead or rate limiter: a system without them, and
 * every system before its first run, never fetches their code (bench: bundle_initial_kib).
 */
import { lazy, Suspense } from 'react';
import { useLive } from '../app/stores.tsx';

const LinkGuardBadge = lazy(() => import('./LinkGuardBadge.tsx').then((m) => ({ default: m.LinkGuardBadge })));
const NodePolicyStatus = lazy(() => import('./NodePolicyStatus.tsx').then((m) => ({ default: m.NodePolicyStatus })));

/** A link's breaker badge, once the run at the playhead has guards. */
export function LinkGuardSlot({ linkId }: { readonly linkId: string }) {
  const guarded = useLive((s) => s.guards !== undefined);
  return guarded ? (
    <Suspense fallback={null}>
      <LinkGuardBadge linkId={linkId} />
    </Suspense>
  ) : null;
}

/** A node's bulkheads and rate limiter, once the run at the playhead has any. */
export function NodePolicySlot({ nodeId, compact }: { readonly nodeId: string; readonly compact?: boolean }) {
  const any = useLive((s) => s.guards !== undefined || s.limiters !== undefined);
  return any ? (
    <Suspense fallback={null}>
      <NodePolicyStatus nodeId={nodeId} compact={compact} />
    </Suspense>
  ) : null;
}
