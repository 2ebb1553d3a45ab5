/**
 * The spans of a finished (or stopped) simulation: its trace rows and call table as a SpanSource
 * (see spans.ts). The simulation must keep its rows and calls ('full' record, rows not reused).
 */
import type { Simulation } from '../simulation.ts';
import { requestSpans, type RequestSpans, type SpanSource } from './spans.ts';
import { topologyOf } from './topology.ts';

/** The span source of a simulation run so far (every call made, every row still held). */
export function spanSourceOf(simulation: Simulation): SpanSource {
  const { trace, calls } = simulation.rt;
  if (calls.reusing) throw new Error('spanSourceOf: the simulation reuses call rows; run it with reuseCallRows off');
  return { rows: trace, calls: calls.exportStatic(0, calls.length), topology: topologyOf(simulation), horizon: simulation.now };
}

/**
 * The spans of one request (named by any of its calls; a health probe or a heartbeat is a request
 * of its own) of a simulation, reading only the rows from the moment it began: what a waterfall
 * opened on one request needs (about 10–20 ms on reference.json's 640k rows). Undefined: no such call.
 */
export function spansOfRequest(simulation: Simulation, call: number, source: SpanSource = spanSourceOf(simulation)): RequestSpans | undefined {
  const { calls, trace } = simulation.rt;
  if (call < 0 || call >= calls.length) return undefined;
  const root = calls.root[call];
  const request = calls.op[root] >= 0 ? calls.firstOf(root) : root;
  // A resilient call's sentAt is its operation's start: the request's first row.
  return requestSpans(source, { requests: [request], fromRow: trace.indexAt(calls.sentAt[request]) })[0];
}
