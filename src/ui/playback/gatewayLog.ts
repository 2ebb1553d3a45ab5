/**
 * What an API gateway has done by the playhead: requests per route, refusals at its door by kind
 * (401 no token / expired / forged, 429 rate limited, 404 no route), and each client's token
 * bucket. The gateway logs every request as a GATEWAY row (node = gateway, a = the call, b = the
 * route ≥ 0, or −RejectReason); the engine's replay does not fold them, so this index reads them out
 * of the replay's trace once, as batches arrive, only when a gateway's box asks. Pure: components
 * and tests share it.
 */
import type { TraceReplay } from '../../engine/replay/traceReplay.ts';
import { RejectReason, TraceType } from '../../engine/trace/eventTypes.ts';
import { countAtOrBefore as countUpTo } from '../../engine/core/search.ts';

/** A gateway's per-client rate limit (tokens per second, bucket size), as its document sets it. */
export interface GatewayLimit { readonly rate: number; readonly burst: number }

/** One client's bucket over the run: after each request the limiter saw, its time and the tokens left. */
interface Bucket { readonly caller: number; readonly times: number[]; readonly tokens: number[] }

interface GatewayTimes {
  /** Per route: when each request it took was logged. */
  readonly routes: number[][];
  /** Per RejectReason: when each refusal at the door was logged. */
  readonly refused: Map<number, number[]>;
  readonly buckets: Map<number, Bucket>;
}

interface GatewayIndex {
  scanned: number;
  readonly gateways: Map<number, GatewayTimes>;
  /** Per gateway: the limit its buckets are replayed with (the first asked for: a new limit is a new run). */
  readonly limits: Map<number, GatewayLimit | undefined>;
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
  /** Each client's tokens (callers in the order they first came), with a limit. */
  readonly buckets: readonly { readonly caller: number; readonly tokens: number }[];
}

const indexes = new WeakMap<TraceReplay, GatewayIndex>();

function timesOf(index: GatewayIndex, node: number): GatewayTimes {
  let g = index.gateways.get(node);
  if (!g) { g = { routes: [], refused: new Map(), buckets: new Map() }; index.gateways.set(node, g); }
  return g;
}

/**
 * The bucket of `caller` after a request at `time` (`took`: it passed and spent a token), as the
 * engine's limiter has it: full at a client's first request, refilled at `rate`, capped at `burst`.
 */
function spend(g: GatewayTimes, limit: GatewayLimit, caller: number, time: number, took: boolean): void {
  let b = g.buckets.get(caller);
  if (!b) { b = { caller, times: [], tokens: [] }; g.buckets.set(caller, b); }
  const last = b.times.length - 1;
  const before = last < 0 ? limit.burst : Math.min(limit.burst, b.tokens[last] + ((time - b.times[last]) * limit.rate) / 1000);
  b.times.push(time);
  b.tokens.push(took ? before - 1 : before);
}

function indexOf(replay: TraceReplay, node: number, limit: GatewayLimit | undefined): GatewayIndex {
  let index = indexes.get(replay);
  if (!index) { index = { scanned: 0, gateways: new Map(), limits: new Map() }; indexes.set(replay, index); }
  if (!index.limits.has(node)) {
    // Asked for the first time: the rows read so far are read again for this gateway's buckets.
    index.limits.set(node, limit);
    if (limit) {
      const g = timesOf(index, node);
      g.buckets.clear();
      forEachRow(replay, replay.trace.first, index.scanned, (row) => { if (replay.trace.node(row) === node) bucketRow(replay, g, limit, row); });
    }
  }
  forEachRow(replay, Math.max(index.scanned, replay.trace.first), replay.trace.length, (row) => {
    const trace = replay.trace, at = trace.node(row), b = trace.b(row), time = trace.time(row);
    const g = timesOf(index, at);
    if (b >= 0) (g.routes[b] ??= []).push(time);
    else {
      let list = g.refused.get(-b);
      if (!list) { list = []; g.refused.set(-b, list); }
      list.push(time);
    }
    const l = index.limits.get(at);
    if (l) bucketRow(replay, g, l, row);
  });
  index.scanned = replay.trace.length;
  return index;
}

function forEachRow(replay: TraceReplay, from: number, to: number, visit: (row: number) => void): void {
  const trace = replay.trace;
  for (let row = from; row < to; row++) if (trace.type(row) === TraceType.GATEWAY) visit(row);
}

/** A row the limiter saw: admitted (a token spent) or refused for the rate; 401s and 404s are refused before it. */
function bucketRow(replay: TraceReplay, g: GatewayTimes, limit: GatewayLimit, row: number): void {
  const b = replay.trace.b(row);
  if (b < 0 && -b !== RejectReason.RATE_LIMITED) return;
  spend(g, limit, replay.call(replay.trace.a(row)).caller, replay.trace.time(row), b >= 0);
}

/**
 * Gateway node `node` at `time` (after every row at or before it), with `routes` routes; `limit`:
 * its per-client rate limit, for the buckets (none without).
 */
export function gatewayAt(replay: TraceReplay, node: number, routes: number, time: number, limit?: GatewayLimit): GatewayView {
  const index = indexOf(replay, node, limit);
  const g = index.gateways.get(node);
  const refused = (reason: number) => countUpTo(g?.refused.get(reason) ?? [], time);
  const used = index.limits.get(node);
  const buckets = !g || !used ? [] : [...g.buckets.values()].flatMap((b) => {
    const n = countUpTo(b.times, time);
    if (n === 0) return [];
    // Refilled since its last request, up to the bucket's size.
    return [{ caller: b.caller, tokens: Math.min(used.burst, b.tokens[n - 1] + ((time - b.times[n - 1]) * used.rate) / 1000) }];
  });
  return {
    routed: Array.from({ length: routes }, (_, r) => countUpTo(g?.routes[r] ?? [], time)),
    noToken: refused(RejectReason.UNAUTHENTICATED), expired: refused(RejectReason.TOKEN_EXPIRED), forged: refused(RejectReason.TOKEN_INVALID),
    rateLimited: refused(RejectReason.RATE_LIMITED), noRoute: refused(RejectReason.NO_ROUTE), buckets,
  };
}
