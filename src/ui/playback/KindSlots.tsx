/**
 * Where a registry's entries and a gateway's live figures go in their boxes: their code is loaded
 * only once a run has such a node, so a system without one, and every system before its first
 * run, never fetches it (bench: bundle_initial_kib). Before that a gateway shows its routes alone.
 */
import { lazy, Suspense } from 'react';
import type { NodeInput } from '../../store/document/commands.ts';
import { useLive } from '../app/stores.tsx';
import { GatewayRoutes } from '../canvas/nodes/GatewayRoutes.tsx';
import { useCompactCanvas } from '../canvas/nodes/NodeBox.tsx';

const RegistryEntries = lazy(() => import('./RegistryEntries.tsx').then((m) => ({ default: m.RegistryEntries })));
const GatewayLive = lazy(() => import('./GatewayLive.tsx').then((m) => ({ default: m.GatewayLive })));

type Route = Extract<NodeInput, { kind: 'gateway' }>['routes'][number];

/** Whether the run at the playhead has node `nodeId` as a `kind` (a boolean: the box re-renders only when it flips). */
function useInRun(nodeId: string, kind: 'registry' | 'gateway'): boolean {
  return useLive((s) => {
    const index = s.nodeIndex.get(nodeId);
    return index !== undefined && s.topology?.nodeKinds[index] === kind;
  });
}

/** Registry `nodeId`'s entries at the playhead, during a run. */
export function RegistrySlot({ nodeId }: { readonly nodeId: string }) {
  const inRun = useInRun(nodeId, 'registry');
  const compact = useCompactCanvas();
  return inRun ? (
    <Suspense fallback={null}>
      <RegistryEntries nodeId={nodeId} compact={compact} />
    </Suspense>
  ) : null;
}

/** Gateway `nodeId`'s routes, and during a run what each took, what its door refused and each client's bucket (the run's limit). */
export function GatewaySlot({ nodeId, routes }: { readonly nodeId: string; readonly routes: readonly Partial<Route>[] }) {
  const inRun = useInRun(nodeId, 'gateway');
  const compact = useCompactCanvas();
  const still = compact ? null : <GatewayRoutes nodeId={nodeId} routes={routes} />;
  if (!inRun) return still;
  return (
    <Suspense fallback={still}>
      <GatewayLive nodeId={nodeId} routes={routes} compact={compact} />
    </Suspense>
  );
}
