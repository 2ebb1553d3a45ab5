/**
 * What an API gateway has done by any instant: requests per route, refusals at its door by kind
 * (401 no token / expired / forged, 429 rate limited, 404 no route), and each client's token
 * bucket. The gateway logs every request as a GATEWAY row (rows.ts `gatewayRow`); the replay's
 * folds do not keep them, so this index gathers them, only once a gateway's box asks. The buckets
 * are rebuilt with the run's own limits (the topology's `gatewayLimits`) and the engine's refill
 * (core/tokenBucket.ts), so they match features/gateway/gateway.ts to the last bit.
 */
import { countAtOrBefore } from '../../core/search.ts';
import { refilled } from '../../core/tokenBucket.ts';
import { RejectReason, TraceType } from '../../trace/eventTypes.ts';
import { gatewayRow, type GatewayRow } from '../../trace/rows.ts';
import type { HostsIndexes, IndexedReplay, ReplayIndex, ReplayIndexDef } from '../indexHost.ts';
import type { TopologyRateLimit } from '../topology.ts';

/** One client's bucket over the run: after each request the limiter saw, its time and the tokens left. */
interface Bucket {
  readonly caller: number;
  readonly times: number[];
  readonly tokens: number[];
}

interface GatewayTimes {
  /** Per route: when each request it took was logged. */
  readonly routes: number[][];
  /** Per RejectReason: when each refusal at the door was logged. */
  readonly refused: Map<number, number[]>;
  /** Per caller node, in the order they first came (only with a limit). */
  readonly buckets: Map<number, Bucket>;
}

/** What gateway `node` has done by an instant. */
export interface GatewayView {
  /** Requests each route took. */
  readonly routed: readonly number[];
  readonly noToken: number;
  readonly expired: number;
  readonly forged: number;
  readonly rateLimited: number;
  readonly noRoute: number;
  /** Its per-client limit (undefined: none). */
  readonly limit: TopologyRateLimit | undefined;
  /** Each client's tokens (callers in the order they first came), with a limit. */
  readonly buckets: readonly { readonly caller: number; readonly tokens: number }[];
}

/** Every gateway's log (see the file comment). */
export class GatewayLogIndex implements ReplayIndex {
  private readonly gateways = new Map<number, GatewayTimes>();

  constructor(private readonly replay: IndexedReplay) {}

  feed(from: number, to: number): void {
    const trace = this.replay.trace;
    for (let row = from; row < to; row++) {
      if (trace.type(row) !== TraceType.GATEWAY) continue;
      const r = gatewayRow(trace, row),
        g = this.timesOf(r.gateway);
      if (r.route >= 0) (g.routes[r.route] ??= []).push(r.time);
      else {
        let list = g.refused.get(r.refused);
        if (!list) {
          list = [];
          g.refused.set(r.refused, list);
        }
        list.push(r.time);
      }
      const limit = this.limitOf(r.gateway);
      if (limit) this.spend(g, limit, r);
    }
  }

  /** Gateway node `node` at `time` (after every row at or before it), with `routes` routes. */
  at(node: number, routes: number, time: number): GatewayView {
    const g = this.gateways.get(node),
      limit = this.limitOf(node);
    const count = (times: readonly number[] | undefined) => (times ? countAtOrBefore(times, time) : 0);
    const refused = (reason: number) => count(g?.refused.get(reason));
    const buckets =
      !g || !limit
        ? []
        : [...g.buckets.values()].flatMap((b) => {
            const n = countAtOrBefore(b.times, time);
            // Refilled since its last request, up to the bucket's size.
            return n === 0
              ? []
              : [{ caller: b.caller, tokens: refilled(b.tokens[n - 1], b.times[n - 1], time, limit.rate / 1000, limit.burst) }];
          });
    return {
      routed: Array.from({ length: routes }, (_, r) => count(g?.routes[r])),
      noToken: refused(RejectReason.UNAUTHENTICATED),
      expired: refused(RejectReason.TOKEN_EXPIRED),
      forged: refused(RejectReason.TOKEN_INVALID),
      rateLimited: refused(RejectReason.RATE_LIMITED),
      noRoute: refused(RejectReason.NO_ROUTE),
      limit,
      buckets,
    };
  }

  /** Gateway `node`'s per-client limit in this run (none: undefined, or a rate of 0). */
  private limitOf(node: number): TopologyRateLimit | undefined {
    const limit = this.replay.topology.gatewayLimits?.[node];
    return limit && limit.rate > 0 ? limit : undefined;
  }

  private timesOf(node: number): GatewayTimes {
    let g = this.gateways.get(node);
    if (!g) {
      g = { routes: [], refused: new Map(), buckets: new Map() };
      this.gateways.set(node, g);
    }
    return g;
  }

  /**
   * A request the limiter saw: admitted (a token spent) or refused for the rate; 401s and 404s
   * are refused before it. As the engine's limiter: full at a client's first request, refilled at
   * its rate, capped at its size.
   */
  private spend(g: GatewayTimes, limit: TopologyRateLimit, r: GatewayRow): void {
    if (r.route < 0 && r.refused !== RejectReason.RATE_LIMITED) return;
    const caller = this.replay.call(r.call).caller;
    let b = g.buckets.get(caller);
    if (!b) {
      b = { caller, times: [], tokens: [] };
      g.buckets.set(caller, b);
    }
    const last = b.times.length - 1;
    const before = last < 0 ? limit.burst : refilled(b.tokens[last], b.times[last], r.time, limit.rate / 1000, limit.burst);
    b.times.push(r.time);
    b.tokens.push(r.route >= 0 ? before - 1 : before);
  }
}

export const gatewayLogIndex: ReplayIndexDef<GatewayLogIndex> = { name: 'gatewayLog', create: (replay) => new GatewayLogIndex(replay) };

/** Gateway node `node` at `time` in `replay`'s run, with `routes` routes (see `GatewayLogIndex.at`). */
export function gatewayAt(replay: HostsIndexes, node: number, routes: number, time: number): GatewayView {
  return replay.index(gatewayLogIndex).at(node, routes, time);
}
