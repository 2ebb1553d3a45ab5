/**
 * Where a service's instance cards go in its box: they are loaded only once a run has a service
 * with several instances, so a system without replicas, and every system before its first run,
 * never fetches their code (bench: bundle_initial_kib).
 */
import { lazy, Suspense } from 'react';
import { useLive } from '../app/stores.tsx';
import { instancesOf } from './instances.ts';

const InstanceCards = lazy(() => import('./InstanceCards.tsx').then((m) => ({ default: m.InstanceCards })));

/** Node `nodeId`'s instance cards, while the run at the playhead gives it more than one instance. */
export function InstancesSlot({ nodeId, compact }: { readonly nodeId: string; readonly compact?: boolean }) {
  // A boolean: the box re-renders only when it flips (a new run), not every frame.
  const replicated = useLive((s) => {
    const index = s.nodeIndex.get(nodeId);
    return index !== undefined && s.topology !== undefined && instancesOf(s.topology, index).length > 1;
  });
  return replicated ? (
    <Suspense fallback={null}>
      <InstanceCards nodeId={nodeId} compact={compact} />
    </Suspense>
  ) : null;
}
