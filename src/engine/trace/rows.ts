/**
 * Typed decoders of trace rows: one per row kind that packs more than plain operands into its
 * columns, so that what `a` and `b` mean (eventTypes.ts) is read in one place. Used by the replay's
 * indexes (replay/indexes/) and the trace's description; code outside the engine gets typed
 * answers from those, never rows.
 */
import type { TraceLog } from './traceLog.ts';

/** A BREAKER row's `b`: the breaker's state before and after (BreakerState), packed as from × 16 + to. */
export const packBreakerChange = (from: number, to: number): number => from * 16 + to;
/** The state a BREAKER row's `b` says the breaker left. */
export const breakerFrom = (b: number): number => b >> 4;
/** The state a BREAKER row's `b` says the breaker entered. */
export const breakerTo = (b: number): number => b & 15;

/**
 * A STREAM_LOST or STREAM_SEEK row's `a`: a consumer group's index in its stream and a partition,
 * packed as group × 65536 + partition (both ≥ 0, a partition < 65536).
 */
export const packGroupPartition = (group: number, partition: number): number => group * 65536 + partition;
/** The consumer group a STREAM_LOST or STREAM_SEEK row's `a` names. */
export const groupOfPacked = (a: number): number => a >>> 16;
/** The partition a STREAM_LOST or STREAM_SEEK row's `a` names. */
export const partitionOfPacked = (a: number): number => a & 0xffff;

/** A BREAKER row: link `link`'s breaker at caller `caller` went from `from` to `to` (BreakerState). */
export interface BreakerRow {
  readonly time: number;
  readonly caller: number;
  readonly link: number;
  readonly from: number;
  readonly to: number;
}
export function breakerRow(trace: TraceLog, row: number): BreakerRow {
  const b = trace.b(row);
  return { time: trace.time(row), caller: trace.node(row), link: trace.a(row), from: breakerFrom(b), to: breakerTo(b) };
}

/**
 * A row that opens or closes a caller's window on an instance: EJECT / EJECT_END,
 * MARKED_UNHEALTHY / MARKED_HEALTHY, CACHE_ADD / CACHE_REMOVE. `caller` is the caller instance.
 */
export interface InstanceWindowRow {
  readonly time: number;
  readonly caller: number;
  readonly link: number;
  readonly instance: number;
}
export function instanceWindowRow(trace: TraceLog, row: number): InstanceWindowRow {
  return { time: trace.time(row), caller: trace.node(row), link: trace.a(row), instance: trace.b(row) };
}

/** A REGISTRY_ENTRY row: registry `registry`'s entry for `instance` entered `state` (EntryState). */
export interface RegistryEntryRow {
  readonly time: number;
  readonly registry: number;
  readonly instance: number;
  readonly state: number;
}
export function registryEntryRow(trace: TraceLog, row: number): RegistryEntryRow {
  return { time: trace.time(row), registry: trace.node(row), instance: trace.a(row), state: trace.b(row) };
}

/** A REGISTRY_ANSWER row: registry `registry` answered call `call` at once; `what` it was (RegistryCall). */
export interface RegistryAnswerRow {
  readonly time: number;
  readonly registry: number;
  readonly call: number;
  readonly what: number;
}
export function registryAnswerRow(trace: TraceLog, row: number): RegistryAnswerRow {
  return { time: trace.time(row), registry: trace.node(row), call: trace.a(row), what: trace.b(row) };
}

/**
 * A GATEWAY row: gateway `gateway` took call `call` on route `route` (−1: refused at the door, for `refused`, a RejectReason; 0 when
 * routed).
 */
export interface GatewayRow {
  readonly time: number;
  readonly gateway: number;
  readonly call: number;
  readonly route: number;
  readonly refused: number;
}
export function gatewayRow(trace: TraceLog, row: number): GatewayRow {
  const b = trace.b(row);
  return { time: trace.time(row), gateway: trace.node(row), call: trace.a(row), route: b >= 0 ? b : -1, refused: b >= 0 ? 0 : -b };
}

/** A ROUTE row: caller `caller`'s balancer sent call `call` to engine node `instance`. */
export interface RouteRow {
  readonly time: number;
  readonly caller: number;
  readonly call: number;
  readonly instance: number;
}
export function routeRow(trace: TraceLog, row: number): RouteRow {
  return { time: trace.time(row), caller: trace.node(row), call: trace.a(row), instance: trace.b(row) };
}

/**
 * A DELIVER or STREAM_DELIVER row: broker `broker` handed a message to a consumer by call `call` (`count`: a queue's delivery count, a
 * stream's message number).
 */
export interface DeliverRow {
  readonly time: number;
  readonly broker: number;
  readonly call: number;
  readonly count: number;
}
export function deliverRow(trace: TraceLog, row: number): DeliverRow {
  return { time: trace.time(row), broker: trace.node(row), call: trace.a(row), count: trace.b(row) };
}
