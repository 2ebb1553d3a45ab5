/**
 * What a replay takes in (a worker's batches) and what it answers at a playhead: the shapes
 * shared by the replay, the worker and the page.
 */
import type { LatencySummary } from '../trace/latency.ts';
import type { TraceRows } from '../trace/traceLog.ts';
import type { StaticCalls } from '../trace/callTable.ts';

/** A batch of a run, as a worker sends it: new trace rows, the calls they introduce, how far it got. */
export interface RunBatch {
  readonly rows: TraceRows;
  /** Fixed columns of calls numbered from `firstCall` on. */
  readonly calls: StaticCalls;
  readonly firstCall: number;
  /**
   * No row after this batch names a call below this one, and no call it names has one below as
   * its parent, root or attempt (a worker whose call table reuses rows: `CallTable.oldestHeld`;
   * 0 or absent: unknown). The replay may forget the calls below it that its rows no longer name.
   */
  readonly oldestCall?: number;
  /** Simulated time up to which the trace is now complete. */
  readonly horizon: number;
  /** True when the run has reached its end (nothing more will come). */
  readonly done: boolean;
}

/** Per-node counters at one instant. Services use all fields; clients use the request counts. */
export interface NodeState {
  busy: number;
  line: number;
  mode: number;
  arrivals: number;
  ok: number;
  errors: number;
  rejected: number;
  dropped: number;
  // Clients: requests they sent and how those ended.
  sent: number;
  completed: number;
  failed: number;
  timedOut: number;
}

export interface PlayheadState {
  readonly time: number;
  readonly nodes: readonly NodeState[];
  /** End-to-end latency of the client requests completed so far. */
  readonly latency: LatencySummary;
  /** Every client together. */
  readonly totals: { sent: number; completed: number; failed: number; timedOut: number; rejected: number; dropped: number };
  /** True for a playhead before a windowed replay's window: the counts of a little earlier (see TraceReplay.stateAt). */
  readonly approximate?: boolean;
}

/** How a replay is kept. */
export interface ReplayOptions {
  /** Trace rows held at most, besides the latest checkpoint's span (default: every row). */
  readonly windowRows?: number;
}
