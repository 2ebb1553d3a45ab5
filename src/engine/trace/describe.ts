/**
 * Trace rows as readable objects with names instead of indices, for `--trace` JSON lines, the
 * event log view, and tests that assert event logs.
 */
import type { Simulation } from '../simulation.ts';
import { SERVICE_MODE_NAMES } from '../components/serviceMachine.ts';
import { CALL_STATUS_NAMES, DROP_REASON_NAMES, REJECT_REASON_NAMES, TRACE_TYPE_NAMES, TraceType } from './eventTypes.ts';

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
  const a = trace.a(i), b = trace.b(i);
  const base = { t: trace.time(i), type: TRACE_TYPE_NAMES[type] ?? String(type), node: nodeIndex >= 0 ? nodeIds[nodeIndex] : undefined };
  const call = { call: a, trace: calls.root[a] };
  switch (type) {
    case TraceType.SEND: return { ...base, ...call, to: nodeIds[calls.callee[a]], link: links[b].id, parent: calls.parent[a] >= 0 ? calls.parent[a] : undefined };
    case TraceType.QUEUE: return { ...base, ...call, line: b };
    case TraceType.WORK_DONE: return { ...base, ...call, failed: b === 1 };
    case TraceType.REPLY:
    case TraceType.RECEIVE:
    case TraceType.LATE_REPLY: return { ...base, ...call, status: CALL_STATUS_NAMES[b] };
    case TraceType.DROP: return { ...base, ...call, reason: DROP_REASON_NAMES[b] };
    case TraceType.REJECT: return { ...base, ...call, reason: REJECT_REASON_NAMES[b] };
    case TraceType.STATE: return { ...base, from: SERVICE_MODE_NAMES[a], to: SERVICE_MODE_NAMES[b] };
    case TraceType.FAULT_START:
    case TraceType.FAULT_END: {
      const fault = sim.scenario.faults[a];
      return { ...base, fault: a, kind: fault.kind, link: b >= 0 ? links[b].id : undefined };
    }
    case TraceType.CHANGE: {
      const change = sim.scenario.changes[a];
      return { ...base, change: a, kind: change.kind, link: b >= 0 ? links[b].id : undefined, set: change.set };
    }
    default: return { ...base, ...call };
  }
}
