/**
 * Plain state the trace replay keeps: per call (where each call is, as the trace tells it) and
 * the counters recomputed from the trace, to compare with the call table and the report.
 */

/** Caller-side state of a call, as the replay sees it. */
export const Caller = { UNSENT: 0, PENDING: 1, RECEIVED: 2, TIMED_OUT: 3, ABANDONED: 4 } as const;
/** Callee-side (message) state of a call, as the replay sees it. */
export const Where = {
  IN_TRANSIT: 0,
  REQUEST_LOST: 1,
  ARRIVED: 2,
  QUEUED: 3,
  WORKING: 4,
  CALLING: 5,
  REPLY_IN_TRANSIT: 6,
  REPLY_LOST: 7,
  LOST_AT_CALLEE: 8,
  REPLY_DELIVERED: 9,
} as const;

/** Per-call state, indexed by call id (columns, like the engine's call table). NaN: not yet / never. */
export class CallReplay {
  /** `Caller` state. */
  readonly caller: Uint8Array;
  /** `Where` state. */
  readonly where: Uint8Array;
  /** The status the callee replied with (or REJECTED). */
  readonly replyStatus: Uint8Array;
  /** The timeout the call was sent with, per the scenario (NaN: none). */
  readonly timeoutOf: Float64Array;
  /**
   * How long the request / reply may take on the wire: the link's overhead, latency range and
   * latency faults' extra delay when it was sent (a later change or fault does not touch it).
   */
  readonly requestMin: Float64Array;
  readonly requestMax: Float64Array;
  readonly replyAt: Float64Array;
  readonly replyMin: Float64Array;
  readonly replyMax: Float64Array;
  /** When the callee started work on it, and the range of the work drawn then (slow factor included). */
  readonly startedAt: Float64Array;
  readonly workMin: Float64Array;
  readonly workMax: Float64Array;
  /** 1 once any message of the call was lost; the first loss while nothing watched it. */
  readonly lost: Uint8Array;
  readonly droppedAt: Float64Array;
  /** When the caller saw the call end (reply, timeout or abandon). */
  readonly endedAt: Float64Array;
  // Progress of a request through its callee's plan.
  readonly workFailed: Uint8Array;
  readonly step: Int32Array;
  /** Sub-calls of the current step (fixed when it begins: the plan may change while it runs). */
  readonly stepSize: Int32Array;
  /** Sub-calls of the current step not yet ended. */
  readonly outstanding: Int32Array;
  readonly stepFailed: Uint8Array;
  /** The id of the current step's first sub-call (the others follow it). */
  readonly firstChild: Int32Array;

  constructor(nCalls: number) {
    this.caller = new Uint8Array(nCalls);
    this.where = new Uint8Array(nCalls);
    this.replyStatus = new Uint8Array(nCalls);
    this.timeoutOf = new Float64Array(nCalls).fill(NaN);
    this.requestMin = new Float64Array(nCalls);
    this.requestMax = new Float64Array(nCalls);
    this.replyAt = new Float64Array(nCalls);
    this.replyMin = new Float64Array(nCalls);
    this.replyMax = new Float64Array(nCalls);
    this.startedAt = new Float64Array(nCalls).fill(NaN);
    this.workMin = new Float64Array(nCalls);
    this.workMax = new Float64Array(nCalls);
    this.lost = new Uint8Array(nCalls);
    this.droppedAt = new Float64Array(nCalls).fill(NaN);
    this.endedAt = new Float64Array(nCalls).fill(NaN);
    this.workFailed = new Uint8Array(nCalls);
    this.step = new Int32Array(nCalls);
    this.stepSize = new Int32Array(nCalls);
    this.outstanding = new Int32Array(nCalls);
    this.stepFailed = new Uint8Array(nCalls);
    this.firstChild = new Int32Array(nCalls).fill(-1);
  }
}

/** Count, extremes and sum of latencies, to compare with a report's latency summary. */
export interface LatencyTally {
  count: number;
  min: number;
  max: number;
  sum: number;
}

export function newLatencyTally(): LatencyTally {
  return { count: 0, min: Infinity, max: -Infinity, sum: 0 };
}

export function record(r: LatencyTally, ms: number): void {
  r.count++;
  r.sum += ms;
  r.min = Math.min(r.min, ms);
  r.max = Math.max(r.max, ms);
}

/** A link's counters, named and ordered as the comparison with the report prints them. */
export interface LinkCounts {
  calls: number;
  messages: number;
  lost: number;
  ok: number;
  errors: number;
  rejected: number;
  timeouts: number;
  late: number;
}

/** Link counters recomputed from the trace, indexed by link. */
export class TraceCounters {
  readonly linkCount: LinkCounts[];
  /** Caller-seen latency of calls that got an OK reply. */
  readonly linkLatency: LatencyTally[];
  /** Work done for replies that arrived after their caller gave up, ms. */
  readonly wasted: number[];

  constructor(nLinks: number) {
    this.linkCount = Array.from({ length: nLinks }, () => ({
      calls: 0,
      messages: 0,
      lost: 0,
      ok: 0,
      errors: 0,
      rejected: 0,
      timeouts: 0,
      late: 0,
    }));
    this.linkLatency = Array.from({ length: nLinks }, newLatencyTally);
    this.wasted = new Array<number>(nLinks).fill(0);
  }
}
