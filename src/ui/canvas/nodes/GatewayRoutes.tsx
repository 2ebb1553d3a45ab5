/**
 * A gateway's routes inside its box: each path prefix and where it goes ("/orders → orders",
 * "/catalog → catalog + prices", an aggregate), with how many requests each took by the playhead
 * during a run. Read from the document (so they show before any run, and as they are edited).
 */
import type { NodeInput } from '../../../store/document/commands.ts';
import { formatCount as count } from '../../playback/format.ts';

type Route = Extract<NodeInput, { kind: 'gateway' }>['routes'][number];

/** Where a route goes, as people read it: its service, or its aggregated ones joined by "+". */
export function routeDestination(route: Partial<Route>): string {
  if (typeof route.to === 'string') return route.to || '?';
  return Array.isArray(route.aggregate) && route.aggregate.length > 0 ? route.aggregate.join(' + ') : '?';
}

/** The routes list; `counts`: per route, the requests it took by the playhead (during a run). */
export function GatewayRoutes({
  nodeId,
  routes,
  counts,
}: {
  readonly nodeId: string;
  readonly routes: readonly Partial<Route>[];
  readonly counts?: readonly number[];
}) {
  if (routes.length === 0) return null;
  return (
    <ul className="node-routes" aria-label={`Routes of ${nodeId}`}>
      {routes.map((route, r) => (
        // Routes have no ids of their own; their order is what the document and the engine's route numbers share.
        <li key={r} className="node-route" data-testid={`route-${r}`}>
          <code className="node-route-prefix">{typeof route.prefix === 'string' ? route.prefix : '?'}</code>
          <span aria-hidden="true"> → </span>
          <span className="visually-hidden"> to </span>
          <span className="node-route-to">{routeDestination(route)}</span>
          {counts && (
            <span className="node-route-count" title="Requests it took by the playhead">
              {' '}
              {count(counts[r] ?? 0)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
