/**
 * A finished (or running) simulation's trace as typed events, for code outside the engine that
 * asks what happened in a run (lesson goals and watches, src/lessons; experiments, src/experiments): each row kind they need is
 * decoded once here (trace/rows.ts for the packed ones), so none of them reads row codes or
 * columns. Rows of other kinds are skipped.
 */
import { TraceType } from '../trace/eventTypes.ts';
import {
  breakerRow,
  instanceWindowRow,
  registryEntryRow,
  type BreakerRow,
  type InstanceWindowRow,
  type RegistryEntryRow,
} from '../trace/rows.ts';
import type { TraceLog } from '../trace/traceLog.ts';
import { foldBrokerRow } from './brokerFold.ts';

/** What a run's trace says happened, one event per row of the kinds below. */
export type RunEvent =
  | ({ readonly kind: 'breaker' } & BreakerRow)
  /** A request waited in `node`'s line, `line` long after it. */
  | { readonly kind: 'queued'; readonly time: number; readonly node: number; readonly call: number; readonly line: number }
  /** A caller sent call `call` over `link`. */
  | { readonly kind: 'sent'; readonly time: number; readonly caller: number; readonly call: number; readonly link: number }
  /** Attempt `call` failed and will be retried. */
  | { readonly kind: 'retry'; readonly time: number; readonly call: number }
  /** The caller of `call` gave up waiting. */
  | { readonly kind: 'timeout'; readonly time: number; readonly call: number }
  /** `node` refused `call` for `reason` (RejectReason). */
  | { readonly kind: 'refused'; readonly time: number; readonly node: number; readonly call: number; readonly reason: number }
  /** The reply to `call` reached its caller with `status` (CallStatus). */
  | { readonly kind: 'received'; readonly time: number; readonly call: number; readonly status: number }
  /** `caller`'s fallback answered the failed call whose first attempt is `call`, of `fallback` kind (FallbackKind). */
  | { readonly kind: 'fallback'; readonly time: number; readonly caller: number; readonly call: number; readonly fallback: number }
  | ({ readonly kind: 'ejected' | 'readmitted' | 'uncached' } & InstanceWindowRow)
  | ({ readonly kind: 'registryEntry' } & RegistryEntryRow);

function decode(trace: TraceLog, row: number): RunEvent | undefined {
  const time = trace.time(row);
  switch (trace.type(row)) {
    case TraceType.BREAKER:
      return { kind: 'breaker', ...breakerRow(trace, row) };
    case TraceType.QUEUE:
      return { kind: 'queued', time, node: trace.node(row), call: trace.a(row), line: trace.b(row) };
    case TraceType.SEND:
      return { kind: 'sent', time, caller: trace.node(row), call: trace.a(row), link: trace.b(row) };
    case TraceType.RETRY:
      return { kind: 'retry', time, call: trace.a(row) };
    case TraceType.TIMEOUT:
      return { kind: 'timeout', time, call: trace.a(row) };
    case TraceType.REJECT:
      return { kind: 'refused', time, node: trace.node(row), call: trace.a(row), reason: trace.b(row) };
    case TraceType.RECEIVE:
      return { kind: 'received', time, call: trace.a(row), status: trace.b(row) };
    case TraceType.FALLBACK:
      return { kind: 'fallback', time, caller: trace.node(row), call: trace.a(row), fallback: trace.b(row) };
    case TraceType.EJECT:
      return { kind: 'ejected', ...instanceWindowRow(trace, row) };
    case TraceType.EJECT_END:
      return { kind: 'readmitted', ...instanceWindowRow(trace, row) };
    case TraceType.CACHE_REMOVE:
      return { kind: 'uncached', ...instanceWindowRow(trace, row) };
    case TraceType.REGISTRY_ENTRY:
      return { kind: 'registryEntry', ...registryEntryRow(trace, row) };
    default:
      return undefined;
  }
}

/**
 * Visits the events of rows [from, to) in order (rows the trace no longer holds are skipped);
 * stops after the event for which `visit` returns true. Returns the row after the last one read.
 */
export function scanRunEvents(trace: TraceLog, from: number, to: number, visit: (e: RunEvent) => boolean | void): number {
  for (let row = Math.max(from, trace.first); row < to; row++) {
    const e = decode(trace, row);
    if (e && visit(e) === true) return row + 1;
  }
  return Math.max(from, to);
}

/** How many events of `kind` rows [from, to) hold. */
export function countRunEvents(trace: TraceLog, kind: RunEvent['kind'], from = 0, to = trace.length): number {
  let n = 0;
  scanRunEvents(trace, from, to, (e) => {
    if (e.kind === kind) n++;
  });
  return n;
}

/** The rows of events at times in [from, to), as a row range for `scanRunEvents`. */
export function rowsWithin(trace: TraceLog, from: number, to: number): [number, number] {
  return [Math.max(trace.first, trace.indexAt(from)), trace.indexAt(to)];
}

/** A queue's or topic's ready messages over [0, to): the most at a time in [from, to), when, and how many at `to`. */
export function brokerBacklog(trace: TraceLog, node: number, from: number, to: number): { most: number; at: number; ready: number } {
  const state = new Int32Array(5);
  const F = { busy: 0, line: 1, ok: 2, errors: 3, dropped: 4 };
  let most = 0,
    at = 0;
  const [first, end] = rowsWithin(trace, 0, to);
  for (let row = first; row < end; row++) {
    if (trace.node(row) !== node || !foldBrokerRow(trace.type(row), state, 0, F)) continue;
    const t = trace.time(row);
    if (t >= from && state[F.line] > most) {
      most = state[F.line];
      at = t;
    }
  }
  return { most, at, ready: state[F.line] };
}
