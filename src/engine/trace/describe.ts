/**
 * Trace rows as readable objects with names instead of indices, for `--trace` JSON lines, the
 * event log view, and tests that assert event logs.
 */
import { ENTRY_STATE_NAMES } from './eventTypes.ts';
import type { Simulation } from '../simulation.ts';
import type { StreamRuntime } from '../kernel/streamRecords.ts';
import { SERVICE_MODE_NAMES } from './eventTypes.ts';
import { breakerFrom, breakerTo, groupOfPacked, partitionOfPacked } from './rows.ts';
import {
  BREAKER_STATE_NAMES,
  CALL_STATUS_NAMES,
  DROP_REASON_NAMES,
  FALLBACK_KIND_NAMES,
  NOT_PERMITTED_REASON_NAMES,
  REJECT_REASON_NAMES,
  TRACE_TYPE_NAMES,
  TraceType,
} from './eventTypes.ts';

export interface DescribedEvent {
  /** Simulated time, ms. */
  readonly t: number;
  readonly type: string;
  readonly node?: string;
  readonly call?: number;
  /** The call's trace (its root request). */
  readonly trace?: number;
  readonly [detail: string]: unknown;
}

/** Row `i` of the simulation's trace, with every index turned into a name. */
export function describeEvent(sim: Simulation, i: number): DescribedEvent {
  const { trace, calls, nodeIds, links } = sim.rt;
  const type = trace.type(i);
  const nodeIndex = trace.node(i);
  const a = trace.a(i),
    b = trace.b(i);
  const base = { t: trace.time(i), type: TRACE_TYPE_NAMES[type] ?? String(type), node: nodeIndex >= 0 ? nodeIds[nodeIndex] : undefined };
  const call = { call: a, trace: calls.root[a] };
  switch (type) {
    case TraceType.SEND:
      return {
        ...base,
        ...call,
        to: nodeIds[calls.callee[a]],
        link: links[b].id,
        parent: calls.parent[a] >= 0 ? calls.parent[a] : undefined,
      };
    case TraceType.QUEUE:
      return { ...base, ...call, line: b };
    case TraceType.WORK_DONE:
      return { ...base, ...call, failed: b === 1 };
    case TraceType.REPLY:
    case TraceType.RECEIVE:
    case TraceType.LATE_REPLY:
      return { ...base, ...call, status: CALL_STATUS_NAMES[b] };
    case TraceType.DROP:
      return { ...base, ...call, reason: DROP_REASON_NAMES[b] };
    case TraceType.REJECT:
      return { ...base, ...call, reason: REJECT_REASON_NAMES[b] };
    case TraceType.STATE:
      return { ...base, from: SERVICE_MODE_NAMES[a], to: SERVICE_MODE_NAMES[b] };
    case TraceType.ROUTE:
      return { ...base, ...call, instance: nodeIds[b] };
    case TraceType.EJECT:
    case TraceType.EJECT_END:
      return { ...base, link: links[a].id, instance: nodeIds[b] };
    case TraceType.REGISTRY_ANSWER:
      return { ...base, ...call, from: nodeIds[calls.caller[a]], answered: ['', 'heartbeat', 'deregistration', 'lookup'][b] };
    case TraceType.REGISTRY_ENTRY:
      return { ...base, instance: nodeIds[a], state: ENTRY_STATE_NAMES[b] };
    case TraceType.CACHE_ADD:
    case TraceType.CACHE_REMOVE:
      return { ...base, link: links[a].id, instance: nodeIds[b] };
    case TraceType.NO_INSTANCE:
      return { ...base, ...call, link: links[b].id };
    case TraceType.GATEWAY:
      return { ...base, ...call, from: nodeIds[calls.caller[a]], ...(b >= 0 ? { route: b } : { refused: REJECT_REASON_NAMES[-b] }) };
    case TraceType.PUSH:
      return { ...base, ...call, message: b };
    case TraceType.PUSH_RECEIVED:
      return { ...base, ...call, received: b };
    case TraceType.PUSH_RESET:
      return { ...base, ...call };
    case TraceType.PUSH_WORKER:
      return { ...base, ...call, worker: b === 1 ? 'held' : 'free' };
    case TraceType.CONN_WAIT:
      return { ...base, ...call, waiting: b };
    case TraceType.CONN_ACQUIRE:
      return { ...base, ...call, link: links[b].id };
    case TraceType.PROBE_ANSWER:
      return { ...base, ...call, from: nodeIds[calls.caller[a]] };
    case TraceType.MARKED_UNHEALTHY:
    case TraceType.MARKED_HEALTHY:
      return { ...base, link: links[a].id, instance: nodeIds[b] };
    case TraceType.FAULT_START:
    case TraceType.FAULT_END: {
      const fault = sim.scenario.faults[a];
      return { ...base, fault: a, kind: fault.kind, link: b >= 0 ? links[b].id : undefined };
    }
    case TraceType.CHANGE: {
      const change = sim.scenario.changes[a];
      return { ...base, change: a, kind: change.kind, link: b >= 0 ? links[b].id : undefined, set: change.set };
    }
    case TraceType.TIMEOUT:
      return { ...base, ...call, ...(b === 1 ? { deadline: true } : {}) };
    case TraceType.RETRY:
      return { ...base, ...call, attempt: attemptOf(sim, a), waitMs: b / 1000 };
    case TraceType.NOT_PERMITTED:
      return { ...base, ...call, attempt: attemptOf(sim, a), reason: NOT_PERMITTED_REASON_NAMES[b] };
    case TraceType.BULKHEAD_WAIT:
      return { ...base, ...call, waiting: b };
    case TraceType.FALLBACK:
      return { ...base, ...call, kind: FALLBACK_KIND_NAMES[b] };
    case TraceType.OP_START:
      return { ...base, ...call, to: nodeIds[calls.callee[a]], link: links[b].id };
    case TraceType.OP_END:
      return { ...base, ...call, status: CALL_STATUS_NAMES[b] };
    case TraceType.BREAKER:
      return {
        t: base.t,
        type: base.type,
        node: base.node,
        link: links[a].id,
        from: BREAKER_STATE_NAMES[breakerFrom(b)],
        to: BREAKER_STATE_NAMES[breakerTo(b)],
      };
    case TraceType.BREAKER_WINDOW:
      return { t: base.t, type: base.type, calls: nodeIndex, failed: a, slow: b };
    case TraceType.STORE:
      return { ...base, ...call, ready: b };
    case TraceType.DELIVER:
      return { ...base, ...call, to: nodeIds[calls.callee[a]], deliveries: b };
    case TraceType.REQUEUE:
      return { ...base, ...call, status: CALL_STATUS_NAMES[b] };
    case TraceType.DROP_HEAD:
      return { ...base, ...call, ready: b };
    case TraceType.FAN_OUT:
      return { ...base, ...call, copies: b };
    case TraceType.POLL:
      return { ...base, ...call, job: calls.parent[a], answer: CALL_STATUS_NAMES[b] };
    case TraceType.JOB_DONE:
      return { ...base, ...call, status: CALL_STATUS_NAMES[b] };
    default:
      return type >= TraceType.STREAM_APPEND ? describeStreamRow(sim, type, nodeIndex, a, b, base, call) : { ...base, ...call };
  }
}

const seqsByStream = new WeakMap<StreamRuntime, { length: number; seqs: Map<number, number> }>();

/** Stream `s`'s messages by their publish call (built once per stream and extended as it grows: describing every row stays linear). */
function publishSeqs(s: StreamRuntime): Map<number, number> {
  const known = seqsByStream.get(s) ?? { length: 0, seqs: new Map<number, number>() };
  for (let seq = known.length; seq < s.length; seq++) known.seqs.set(s.publish[seq], seq);
  known.length = s.length;
  seqsByStream.set(s, known);
  return known.seqs;
}

/** A stream's row (features/stream/eventStream.ts), with its partition (its key's, or round robin's), offset and group by name. */
function describeStreamRow(
  sim: Simulation,
  type: number,
  node: number,
  a: number,
  b: number,
  base: DescribedEvent,
  call: { call: number; trace: number },
): DescribedEvent {
  const s = sim.rt.streams[node];
  if (!s) return { ...base, ...call };
  const { calls, nodeIds } = sim.rt;
  const group = (c: number) => s.deliveries.get(c);
  switch (type) {
    case TraceType.STREAM_APPEND:
      return {
        ...base,
        ...call,
        key: b,
        partition: s.spreadKeys.has(calls.link[a]) ? s.partitionOf[publishSeqs(s).get(a) ?? 0] : b % s.partitions,
      };
    case TraceType.STREAM_DELIVER:
      return {
        ...base,
        ...call,
        to: nodeIds[calls.callee[a]],
        group: s.groups[group(a)?.group ?? 0].name,
        partition: s.partitionOf[b],
        offset: s.offsetOf[b],
      };
    case TraceType.STREAM_COMMIT:
    case TraceType.STREAM_SKIP:
      return { ...base, ...call, group: s.groups[group(a)?.group ?? 0].name, partition: group(a)?.partition, committed: b };
    case TraceType.STREAM_RETRY:
      return { ...base, ...call, status: CALL_STATUS_NAMES[b] };
    case TraceType.STREAM_REVOKE:
      return { ...base, ...call, partition: b };
    case TraceType.STREAM_REBALANCE:
      return { t: base.t, type: base.type, node: base.node, group: s.groups[a].name, ...(b < 0 ? { begins: true } : { members: b }) };
    case TraceType.STREAM_EXPIRE:
      return { t: base.t, type: base.type, node: base.node, partition: a, removed: b };
    case TraceType.STREAM_LOST:
    case TraceType.STREAM_SEEK:
      return {
        t: base.t,
        type: base.type,
        node: base.node,
        group: s.groups[groupOfPacked(a)].name,
        partition: partitionOfPacked(a),
        committed: b,
      };
    default:
      return { ...base, ...call };
  }
}

/** Which attempt of its call call c is (1 for the first, or a plain call). */
function attemptOf(sim: Simulation, c: number): number {
  let n = 1;
  for (let p = sim.rt.calls.previous[c]; p >= 0; p = sim.rt.calls.previous[p]) n++;
  return n;
}
