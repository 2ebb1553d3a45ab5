/**
 * The spans of a request (issue 23): every call made for one client request, as a span per hop,
 * nested by parent, each split into segments (network out, waiting in line, working, waiting for
 * downstream, network back, backoff before a retry, waiting for a connection or a bulkhead place)
 * with marks (retries, timeouts, breaker refusals, fallbacks, broker hand-offs, pool waits).
 *
 * Built from the trace alone: its rows and the calls' fixed columns (who called whom over which
 * link, as part of which request), plus the run's topology. A finished simulation gives them
 * (`spanSourceOf` in runSpans.ts); so does a replay that holds the rows, for the waterfall view.
 *
 * A span is the call as its caller saw it: from the moment the caller began it (a retry: from the
 * end of the attempt before, so the backoff is part of it) to the moment the caller saw it end
 * (its reply, its timeout, a refusal by the caller's own guard). Its segments cover exactly that
 * time, one after the other. The callee may go on after a caller gave up: its children can then
 * outlive it (see `Span.orphaned`). A broker's hand-off (a queue's delivery, a topic's copy, a
 * stream's delivery) is a child of the publish that follows from it (`Span.async`), not inside it.
 *
 * A request is named by its first call; a client's resilient request is an operation whose
 * attempts are calls of their own, each a root of the request (as replay/requestPath.ts says).
 */
import { CALL_IN_A, CallStatus, TraceType } from '../trace/eventTypes.ts';
import type { StaticCalls } from '../trace/staticCalls.ts';
import type { RunTopology } from './topology.ts';

/** What a span's time went on. `request` / `reply`: the messages on the network. */
export type SegmentKind = 'backoff' | 'pool' | 'request' | 'queue' | 'work' | 'downstream' | 'reply';
export const SEGMENT_KINDS: readonly SegmentKind[] = ['backoff', 'pool', 'request', 'queue', 'work', 'downstream', 'reply'];

/** One stretch of a span, ms of simulated time, `start` < `end`. */
export interface Segment {
  readonly kind: SegmentKind;
  readonly start: number;
  readonly end: number;
}

export type MarkKind =
  | 'retry'
  | 'timeout'
  | 'breaker refused'
  | 'bulkhead refused'
  | 'fallback'
  | 'bulkhead wait'
  | 'pool wait'
  | 'rejected'
  | 'dropped'
  | 'late reply'
  | 'published'
  | 'delivered'
  | 'acked'
  | 'requeued'
  | 'dead letter'
  | 'deduplicated'
  | 'accepted'
  | 'no instance';

/** Something that happened to a span at an instant (a late reply comes after the span's end). */
export interface Mark {
  readonly kind: MarkKind;
  readonly time: number;
  /** A number the mark carries: a retry's backoff (ms), a queue's delivery count. */
  readonly value?: number;
}

export interface Span {
  /** The call's id (calls are numbered in the order they were made). */
  readonly call: number;
  /** The call during whose handling it was made (−1: a root of the request). */
  readonly parent: number;
  /** Engine node indices: who called, and the instance that was called. */
  readonly caller: number;
  readonly callee: number;
  /** The link's index in the topology. */
  readonly link: number;
  /** Which attempt of its resilient call it is (1: the first, or a plain call). */
  readonly attempt: number;
  /** ms; `end` is when its caller saw it end (the run's end if it had not). */
  readonly start: number;
  readonly end: number;
  /** How it ended for its caller (CallStatus; PENDING if it had not when the run stopped). */
  readonly status: number;
  /** A broker's hand-off from its parent (a delivery or a topic's copy): it follows from its parent, not inside it. */
  readonly async: boolean;
  /** Made after its parent's caller had given up (or its parent was so made): it may end after its parent. */
  readonly orphaned: boolean;
  /** Exactly cover [start, end], in order. */
  readonly segments: readonly Segment[];
  readonly marks: readonly Mark[];
  /** Its children's positions in the request's `spans`. */
  readonly children: readonly number[];
}

/** A request's spans, in the order its calls were made. */
export interface RequestSpans {
  /** The request's id: its first call. */
  readonly request: number;
  readonly spans: readonly Span[];
  /** Positions in `spans` of the roots (a client's retries make several). */
  readonly roots: readonly number[];
  /** When the client began it and saw it end (its operation's end, fallback included), ms. */
  readonly start: number;
  readonly end: number;
  /** How it ended for its client (CallStatus). */
  readonly status: number;
}

/** Trace rows as spans read them: a TraceLog, or the rows a replay holds (from `first` on). */
export interface SpanRows {
  readonly length: number;
  readonly first?: number;
  time(i: number): number;
  type(i: number): number;
  node(i: number): number;
  a(i: number): number;
  b(i: number): number;
}

/** What spans are built from: a run's rows, its calls' fixed columns (call id = index), its topology, and how far it ran. */
export interface SpanSource {
  readonly rows: SpanRows;
  readonly calls: StaticCalls;
  readonly topology: Pick<RunTopology, 'nodeIds' | 'nodeKinds' | 'linkIds' | 'instanceOf'>;
  /** The run's end (ms): where a call still under way is cut. */
  readonly horizon: number;
}

export interface SpanOptions {
  /** The requests to build (by id); default: every client request. */
  readonly requests?: readonly number[];
  /** At most this many requests (the first ones), default unlimited. */
  readonly maxRequests?: number;
  /**
   * The first row to read (default: the first held): no row before it names a call of the requests
   * wanted, e.g. the first row at the time the earliest of them was sent (a request's calls are
   * all made after it). Makes one request's spans cheap on a long run.
   */
  readonly fromRow?: number;
}

/** The request call c was made for: its root's first attempt (or the root itself). */
export function requestOfCall(calls: StaticCalls, c: number): number {
  const root = calls.root[c];
  const first = calls.first[root];
  return first >= 0 ? first : root;
}

/** Whether a node kind hands messages on asynchronously (its calls to consumers follow from a publish). */
const BROKER_KINDS: ReadonlySet<string> = new Set(['queue', 'topic', 'stream']);

/**
 * The spans of the requests wanted (default: every request a client sent), in request order.
 * One pass over the calls and one over the rows, whatever the number of requests.
 */
export function requestSpans(source: SpanSource, options: SpanOptions = {}): RequestSpans[] {
  const { calls, rows, topology } = source;
  const n = calls.parent.length;
  const wanted = new Map<number, number[]>(); // request → its calls
  if (options.requests) for (const r of options.requests) if (r >= 0 && r < n && requestOfCall(calls, r) === r) wanted.set(r, []);
  const max = options.maxRequests ?? Infinity;
  // A request's calls all come after it (calls are numbered as they are made).
  for (let c = options.requests ? Math.min(n, ...options.requests.filter((r) => r >= 0)) : 0; c < n; c++) {
    const request = requestOfCall(calls, c);
    let list = wanted.get(request);
    if (list === undefined && !options.requests && request === c && wanted.size < max && topology.nodeKinds[calls.caller[c]] === 'client') {
      list = [];
      wanted.set(request, list);
    }
    list?.push(c);
  }
  const rowsOf = new Map<number, number[]>();
  for (const list of wanted.values()) for (const c of list) rowsOf.set(c, []);
  const callInA = CALL_IN_A; // once: a module's export can be a getter, read per row otherwise
  for (let i = Math.max(rows.first ?? 0, options.fromRow ?? 0), end = rows.length; i < end; i++) {
    if (callInA[rows.type(i)] !== 1) continue;
    rowsOf.get(rows.a(i))?.push(i);
  }
  return [...wanted].map(([request, list]) => buildRequest(source, request, list, rowsOf));
}

/** One request's spans from its calls (ascending) and each call's rows. */
function buildRequest(
  source: SpanSource,
  request: number,
  list: readonly number[],
  rowsOf: ReadonlyMap<number, readonly number[]>,
): RequestSpans {
  const { calls, rows, topology, horizon } = source;
  const position = new Map(list.map((c, k) => [c, k]));
  // Operation-wide rows (FALLBACK, OP_END name the first attempt) belong to the operation's last attempt.
  const lastAttempt = new Map<number, number>();
  for (const c of list) if (calls.first[c] >= 0) lastAttempt.set(calls.first[c], c);
  const spans = new Array<Span>(list.length);
  const children: number[][] = list.map(() => []);
  let opEnd = NaN,
    opStatus: number = CallStatus.PENDING;
  // Children first (their ids are larger), so a parent knows when its children waited.
  for (let k = list.length - 1; k >= 0; k--) {
    const c = list[k];
    // The operation's FALLBACK row names its first attempt: it goes to the last attempt, when the fallback happened.
    const first = calls.first[c],
      isLast = first < 0 || lastAttempt.get(first) === c;
    const own = isLast ? (rowsOf.get(c) ?? NONE) : ofType(rows, rowsOf.get(c), TraceType.FALLBACK, false);
    const moved = isLast && first >= 0 && first !== c ? ofType(rows, rowsOf.get(first), TraceType.FALLBACK, true) : NONE;
    const retryRow = calls.previous[c] >= 0 ? ofType(rows, rowsOf.get(calls.previous[c]), TraceType.RETRY, true)[0] : undefined;
    const parent = calls.parent[c];
    const async = parent >= 0 && BROKER_KINDS.has(topology.nodeKinds[calls.caller[c]]);
    const kids: Span[] = [];
    for (const p of children[k]) if (!spans[p].async) kids.push(spans[p]);
    const built = buildSpan(source, c, own, moved, retryRow, kids, horizon);
    spans[k] = { ...built, parent, async, orphaned: false, children: children[k].slice().reverse() };
    if (parent >= 0 && position.has(parent)) children[position.get(parent) as number].push(k);
    if (c === request)
      for (const i of rowsOf.get(c) ?? [])
        if (rows.type(i) === TraceType.OP_END) {
          opEnd = rows.time(i);
          opStatus = rows.b(i);
        }
  }
  markOrphans(spans, position);
  const roots: number[] = [];
  spans.forEach((s, k) => {
    if (s.parent < 0 || !position.has(s.parent)) roots.push(k);
  });
  const start = Math.min(...roots.map((k) => spans[k].start));
  const lastRoot = spans[roots[roots.length - 1]];
  const end = Number.isNaN(opEnd) ? lastRoot.end : opEnd;
  return { request, spans, roots, start, end, status: Number.isNaN(opEnd) ? lastRoot.status : opStatus };
}

const NONE: readonly number[] = [];

/** The rows of `list` of type `type` (`keep`) or of any other type (not `keep`); plain loops, as this runs per call. */
function ofType(rows: SpanRows, list: readonly number[] | undefined, type: number, keep: boolean): readonly number[] {
  if (list === undefined) return NONE;
  const out: number[] = [];
  for (const i of list) if ((rows.type(i) === type) === keep) out.push(i);
  return out;
}

/** Sets `orphaned` on every span that began, or whose ancestor began, after its parent's caller stopped waiting. */
function markOrphans(spans: Span[], position: ReadonlyMap<number, number>): void {
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k];
    const p = position.get(s.parent);
    if (p === undefined || s.async) continue;
    const parent = spans[p];
    if (parent.orphaned || s.end > parent.end) spans[k] = { ...s, orphaned: true };
  }
}

type Built = Omit<Span, 'parent' | 'async' | 'orphaned' | 'children'>;

/**
 * Call c's span from its rows (`own`; `moved`: its operation's rows when it is the last attempt),
 * the RETRY row of the attempt before (its start), and its synchronous children.
 */
function buildSpan(
  source: SpanSource,
  c: number,
  own: readonly number[],
  moved: readonly number[],
  retryRow: number | undefined,
  kids: readonly Span[],
  horizon: number,
): Built {
  const { rows, calls } = source;
  const all = moved.length === 0 ? own : [...own, ...moved].sort((x, y) => x - y);
  const start = retryRow !== undefined ? rows.time(retryRow) : all.length > 0 ? rows.time(all[0]) : horizon;
  const changes: { time: number; state: SegmentKind }[] = [{ time: start, state: retryRow !== undefined ? 'backoff' : 'request' }];
  const marks: Mark[] = [];
  let end = NaN,
    status: number = CallStatus.PENDING,
    callee = calls.callee[c];
  const set = (time: number, state: SegmentKind) => {
    if (Number.isNaN(end)) changes.push({ time, state });
  };
  const finish = (time: number, how: number) => {
    if (Number.isNaN(end)) {
      end = time;
      status = how;
    }
  };
  for (const i of all) {
    const t = rows.time(i),
      b = rows.b(i);
    switch (rows.type(i)) {
      case TraceType.SEND:
      case TraceType.CONN_ACQUIRE:
        set(t, 'request');
        break;
      case TraceType.BULKHEAD_WAIT:
        set(t, 'pool');
        marks.push({ kind: 'bulkhead wait', time: t, value: b });
        break;
      case TraceType.CONN_WAIT:
        set(t, 'pool');
        marks.push({ kind: 'pool wait', time: t, value: b });
        break;
      case TraceType.ROUTE:
        callee = b;
        break;
      case TraceType.ARRIVE:
        set(t, 'queue');
        break;
      case TraceType.START:
      case TraceType.ACCEPTED:
        set(t, 'work');
        break;
      case TraceType.REPLY:
      case TraceType.POLL:
      case TraceType.REGISTRY_ANSWER:
      case TraceType.PROBE_ANSWER:
        set(t, 'reply');
        break;
      case TraceType.PUSH:
        if (b === 1) set(t, 'reply');
        break;
      case TraceType.ACCEPT:
        set(t, 'reply');
        marks.push({ kind: 'accepted', time: t });
        break;
      case TraceType.REJECT:
        set(t, 'reply');
        marks.push({ kind: 'rejected', time: t, value: b });
        break;
      case TraceType.STORE:
      case TraceType.FAN_OUT:
      case TraceType.STREAM_APPEND:
        set(t, 'reply');
        marks.push({ kind: 'published', time: t });
        break;
      case TraceType.DELIVER:
      case TraceType.STREAM_DELIVER:
        marks.push({ kind: 'delivered', time: t, value: b });
        break;
      case TraceType.ACK:
      case TraceType.STREAM_COMMIT:
        marks.push({ kind: 'acked', time: t });
        break;
      case TraceType.REQUEUE:
      case TraceType.STREAM_RETRY:
        marks.push({ kind: 'requeued', time: t });
        break;
      case TraceType.DEAD_LETTER:
      case TraceType.STREAM_SKIP:
        marks.push({ kind: 'dead letter', time: t });
        break;
      case TraceType.DEDUPED:
        marks.push({ kind: 'deduplicated', time: t });
        break;
      case TraceType.NO_INSTANCE:
        set(t, 'reply');
        marks.push({ kind: 'no instance', time: t });
        break;
      case TraceType.RECEIVE:
      case TraceType.JOB_DONE:
        finish(t, b);
        break;
      case TraceType.TIMEOUT:
        marks.push({ kind: 'timeout', time: t });
        finish(t, CallStatus.TIMEOUT);
        break;
      case TraceType.ABANDON:
        finish(t, CallStatus.ABANDONED);
        break;
      case TraceType.NOT_PERMITTED:
        marks.push({ kind: b === 1 ? 'breaker refused' : 'bulkhead refused', time: t, value: b });
        finish(t, CallStatus.NOT_PERMITTED);
        break;
      case TraceType.DROP:
        marks.push({ kind: 'dropped', time: t, value: b });
        if (calls.timeoutFlag[c] === 0) finish(t, CallStatus.DROPPED);
        break;
      case TraceType.LATE_REPLY:
        marks.push({ kind: 'late reply', time: t, value: b });
        break;
      case TraceType.RETRY:
        marks.push({ kind: 'retry', time: t, value: b / 1000 });
        break;
      case TraceType.FALLBACK:
        marks.push({ kind: 'fallback', time: t, value: b });
        break;
    }
  }
  if (Number.isNaN(end)) end = Math.max(horizon, start);
  return {
    call: c,
    caller: calls.caller[c],
    callee,
    link: calls.link[c],
    attempt: attemptOf(calls, c),
    start,
    end,
    status,
    segments: segmentsOf(changes, end, kids),
    marks,
  };
}

/** Which attempt call c is (1 for a first attempt or a plain call). */
function attemptOf(calls: StaticCalls, c: number): number {
  let n = 1;
  for (let p = calls.previous[c]; p >= 0; p = calls.previous[p]) n++;
  return n;
}

/**
 * The segments from the state changes (in time order) up to `end`: consecutive, non-empty, covering
 * [first change, end]. While working (or a polled job's answer is awaited), the time some
 * synchronous child was out is `downstream`.
 */
function segmentsOf(changes: readonly { time: number; state: SegmentKind }[], end: number, kids: readonly Span[]): Segment[] {
  const out: Segment[] = [];
  const push = (kind: SegmentKind, start: number, stop: number) => {
    if (!(stop > start)) return;
    const last = out[out.length - 1];
    if (last !== undefined && last.kind === kind && last.end === start) out[out.length - 1] = { kind, start: last.start, end: stop };
    else out.push({ kind, start, end: stop });
  };
  const busy = union(kids.map((k) => [k.start, k.end] as const));
  for (let i = 0; i < changes.length; i++) {
    const from = changes[i].time,
      to = Math.min(i + 1 < changes.length ? changes[i + 1].time : end, end);
    const state = changes[i].state;
    // Children are out while it works, and (a polled job's polls) after the job is done until its caller hears of it.
    if (state !== 'work' && state !== 'reply') {
      push(state, from, to);
      continue;
    }
    let t = from;
    for (const [a, b] of busy) {
      if (b <= t || a >= to) continue;
      push(state, t, Math.max(t, a));
      push('downstream', Math.max(t, a), Math.min(b, to));
      t = Math.min(b, to);
    }
    push(state, t, to);
  }
  return out;
}

/** The union of intervals, as disjoint intervals in order. */
function union(intervals: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
