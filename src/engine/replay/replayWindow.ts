/**
 * A replay's window over a long run (see traceReplay.ts): which rows, checkpoints and messages it
 * still holds, and the coarse counts it keeps of what it forgot (landmarks: one forgotten
 * checkpoint in LANDMARK_EVERY, without its latency histogram), so that a chart of the whole
 * run, or the screen while the page re-simulates, has something close to show before the window.
 */
import type { LatencyRecorder, LatencySummary } from '../trace/latency.ts';
import type { TraceLog } from '../trace/traceLog.ts';
import type { MessageIndex } from './messageIndex.ts';
import { partitionPoint } from '../core/search.ts';

/** Rows between checkpoints: the most a query replays (a multiple of the trace's chunk rows). */
export const CHECKPOINT_ROWS = 8192;

/** Checkpoints kept as landmarks once forgotten (one in this many): a long run's coarse history. */
export const LANDMARK_EVERY = 16;

/** The running counts after the first `row` rows. */
export interface Checkpoint {
  readonly row: number;
  /** The time of its last row (−Infinity: none). */
  readonly time: number;
  readonly state: Int32Array;
  readonly latency: LatencyRecorder;
}

/** A forgotten checkpoint's counts. */
export interface Landmark {
  readonly time: number;
  readonly state: Int32Array;
  readonly latency: LatencySummary;
}

export class ReplayWindow {
  private forgottenUpTo = -Infinity;
  private readonly landmarks: Landmark[] = [];
  private readonly rows: number;

  /** @param rows trace rows held at most, besides the latest checkpoint's span (Infinity: all) */
  constructor(rows: number) {
    this.rows = Math.max(CHECKPOINT_ROWS, rows);
  }

  /** The time of the last row forgotten: the replay is exact for playheads from here on (−Infinity: nothing forgotten). */
  get from(): number {
    return this.forgottenUpTo;
  }

  /**
   * After a batch: forgets the rows beyond the window (down to a checkpoint, so that one stays
   * for the rows after it), the checkpoints before it, and the messages over by then.
   */
  slide(trace: TraceLog, checkpoints: Checkpoint[], messages: MessageIndex): void {
    const over = trace.length - this.rows;
    const cut = Math.floor(over / CHECKPOINT_ROWS) * CHECKPOINT_ROWS;
    if (over <= trace.first || cut <= trace.first) return;
    this.forgottenUpTo = trace.time(cut - 1);
    trace.discardBefore(cut);
    let k = 0;
    while (k + 1 < checkpoints.length && checkpoints[k + 1].row <= cut) k++;
    for (const { row, time, state, latency } of checkpoints.splice(0, k)) {
      if ((row / CHECKPOINT_ROWS) % LANDMARK_EVERY === 0) this.landmarks.push({ time, state, latency: latency.summary() });
    }
    messages.forgetEndedBy(this.forgottenUpTo);
  }

  /** The last landmark at or before t (the run's start for an earlier t). */
  landmarkAt(t: number): Landmark {
    const { landmarks } = this;
    return landmarks[Math.max(0, partitionPoint(0, landmarks.length, (i) => landmarks[i].time <= t) - 1)];
  }
}
