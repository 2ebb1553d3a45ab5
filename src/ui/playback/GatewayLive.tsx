/**
 * A gateway's door at the playhead, inside its box: its routes with the requests each took, what
 * it refused by kind (401: a missing, expired or forged token; 429: a client over its rate; 404: a
 * path no route matches), each a count of its own, and with a per-client rate limit each client's
 * bucket (a client that empties its bucket is refused while the others go on). From the gateway's
 * log (the replay's gateway index, engine/replay/indexes/gatewayLog.ts), with the run's own limit, via the sampled live store (the node's
 * lane). Loaded only once
 * a run has a gateway (see KindSlots.tsx).
 */
import { possessive } from '../../model/index.ts';
import type { NodeInput } from '../../store/document/commands.ts';
import { GatewayRoutes } from '../canvas/nodes/GatewayRoutes.tsx';
import { formatCount as count } from './format.ts';
import { gatewayAt } from '../../engine/replay/indexes/gatewayLog.ts';
import { instanceName } from './instances.ts';
import type { LiveState } from './liveState.ts';
import { sampleLane, useSampledFigures } from './sampledLive.ts';
import './kindLive.css';

type Route = Extract<NodeInput, { kind: 'gateway' }>['routes'][number];

/** Clients whose buckets are drawn at most. */
const MAX_BUCKETS = 4;

/** Gateway `nodeId` at the playhead as flat figures (routes and buckets encoded as strings); undefined before a run. */
export interface GatewayFigures {
  readonly routed: string;
  readonly noToken: number;
  readonly expired: number;
  readonly forged: number;
  readonly rateLimited: number;
  readonly noRoute: number;
  /** "web:9.5;scraper:0.0": each client's tokens, to a tenth. */
  readonly buckets: string;
  /** The buckets' size (the run's limit; 0: none). */
  readonly burst: number;
}

/** The figures of gateway `nodeId` (`routes` routes). */
export function selectGateway(live: LiveState, nodeId: string, routes: number): GatewayFigures | undefined {
  const index = live.nodeIndex.get(nodeId);
  const { state, topology, replay } = live;
  if (index === undefined || !state || !topology || !replay || replay.topology !== topology) return undefined;
  const v = gatewayAt(replay, index, routes, state.time);
  return {
    routed: v.routed.join(','),
    noToken: v.noToken,
    expired: v.expired,
    forged: v.forged,
    rateLimited: v.rateLimited,
    noRoute: v.noRoute,
    buckets: v.buckets.map((b) => `${instanceName(topology, b.caller)}:${(Math.floor(b.tokens * 10) / 10).toFixed(1)}`).join(';'),
    burst: v.limit?.burst ?? 0,
  };
}

/** The live view of gateway `nodeId` (see the file comment). */
export function GatewayLive({
  nodeId,
  routes,
  compact = false,
}: {
  readonly nodeId: string;
  readonly routes: readonly Partial<Route>[];
  readonly compact?: boolean;
}) {
  const f = useSampledFigures((live) => selectGateway(live, nodeId, routes.length), sampleLane(nodeId));
  if (!f) return compact ? null : <GatewayRoutes nodeId={nodeId} routes={routes} />;
  const unauthorized = f.noToken + f.expired + f.forged;
  const buckets =
    f.buckets === ''
      ? []
      : f.buckets.split(';').map((b) => {
          const at = b.lastIndexOf(':');
          return { name: b.slice(0, at), tokens: Number(b.slice(at + 1)) };
        });
  const refusals = (
    <span className="node-refusals" aria-label="Refused at the door">
      {unauthorized > 0 && (
        <span
          className="node-live-figure tone-warn"
          data-testid="gateway-401"
          title={`Unauthorized: ${count(f.noToken)} without a token, ${count(f.expired)} with an expired one, ${count(f.forged)} with a forged one`}
        >
          <span data-testid="refused-401">{count(unauthorized)}</span> × 401
        </span>
      )}
      {f.rateLimited > 0 && (
        <span className="node-live-figure tone-warn" data-testid="gateway-429" title="Too many requests: a client over its rate limit">
          <span data-testid="refused-429">{count(f.rateLimited)}</span> × 429
        </span>
      )}
      {f.noRoute > 0 && (
        <span className="node-live-figure tone-warn" data-testid="gateway-404" title="Not found: a path no route matches">
          <span data-testid="refused-404">{count(f.noRoute)}</span> × 404
        </span>
      )}
    </span>
  );
  if (compact) return refusals;
  return (
    <div className="node-gateway" data-testid={`gateway-${nodeId}`}>
      <GatewayRoutes nodeId={nodeId} routes={routes} counts={f.routed.split(',').map(Number)} />
      {refusals}
      {buckets.length > 0 && (
        <ul className="node-buckets" aria-label="Each client's tokens">
          {buckets.slice(0, MAX_BUCKETS).map((b) => (
            <li key={b.name} className="node-bucket" data-testid={`bucket-${b.name}`}>
              <span className="visually-hidden">
                {b.name}: {b.tokens.toFixed(1)} of {f.burst} tokens
              </span>
              <span
                className="node-bucket-body"
                aria-hidden="true"
                title={`${possessive(b.name)} bucket: ${b.tokens.toFixed(1)} of ${f.burst} tokens`}
              >
                <span className="node-bucket-name">{b.name}</span>
                <span className="node-live-meter">
                  <span
                    className="node-live-meter-fill"
                    style={{ width: `${Math.min(100, (b.tokens / Math.max(1, f.burst)) * 100).toFixed(1)}%` }}
                  />
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
