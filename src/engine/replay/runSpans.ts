/**
 * The spans of a finished (or stopped) simulation: its trace rows and call table as a SpanSource
 * (see spans.ts). The simulation must keep its rows and calls ('full' record, rows not reused).
 * Or a request's spans from the page's replay (`replayRequestSpans`), for the waterfall view.
 */
import type { Simulation } from '../simulation.ts';
import { requestSpans, type RequestSpans, type SpanRows, type SpanSource } from './spans.ts';
import type { StaticCalls } from '../trace/staticCalls.ts';
import type { TraceReplay } from './traceReplay.ts';
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
export function spansOfRequest(
  simulation: Simulation,
  call: number,
  source: SpanSource = spanSourceOf(simulation),
): RequestSpans | undefined {
  const { calls, trace } = simulation.rt;
  if (call < 0 || call >= calls.length) return undefined;
  const root = calls.root[call];
  const request = calls.op[root] >= 0 ? calls.firstOf(root) : root;
  // A resilient call's sentAt is its operation's start: the request's first row.
  return requestSpans(source, { requests: [request], fromRow: trace.indexAt(calls.sentAt[request]) })[0];
}

/**
 * Request `request`'s spans from a replay (the page's run): its calls' columns and the rows it
 * holds from the request's start on. Undefined when the replay does not know the request, or no
 * longer holds its start (a long run's window forgot it). Only the calls from the request on are
 * read (a request's calls all come after its first), renumbered from 0 for `requestSpans`.
 */
export function replayRequestSpans(replay: TraceReplay, request: number): RequestSpans | undefined {
  const { known, trace } = replay;
  if (!known.has(request) || replay.requests.requestOf(request) !== request) return undefined;
  const start = known.sentAt[request - known.base];
  if (start < replay.retainedFrom || trace.indexAt(start) < trace.first) return undefined;
  const from = request - known.base,
    n = known.count - request;
  const renumbered = (column: Int32Array) => {
    const out = column.slice(from, from + n);
    for (let i = 0; i < n; i++) if (out[i] >= 0) out[i] -= request;
    return out;
  };
  const calls: StaticCalls = {
    parent: renumbered(known.parent),
    root: renumbered(known.root),
    previous: renumbered(known.previous),
    first: renumbered(known.first),
    caller: known.caller.subarray(from, from + n),
    callee: known.callee.subarray(from, from + n),
    link: known.link.subarray(from, from + n),
    timeoutFlag: known.timeoutFlag.subarray(from, from + n),
  };
  const rows: SpanRows = {
    length: trace.length,
    first: trace.indexAt(start),
    time: (i) => trace.time(i),
    type: (i) => trace.type(i),
    node: (i) => trace.node(i),
    a: (i) => trace.a(i) - request,
    b: (i) => trace.b(i),
  };
  const [spans] = requestSpans({ rows, calls, topology: replay.topology, horizon: replay.horizon }, { requests: [0] });
  if (!spans) return undefined;
  return {
    ...spans,
    request,
    spans: spans.spans.map((s) => ({ ...s, call: s.call + request, parent: s.parent >= 0 ? s.parent + request : s.parent })),
  };
}
