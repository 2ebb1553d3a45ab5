/**
 * Timers that share one delay fire in the order they were set, so a FIFO per delay (a "lane")
 * keeps them ordered and only each lane's head needs an entry in the event queue. Most timers
 * are timeouts that never fire (the reply came first); those are skipped when they reach their
 * lane's head, without a trip through the heap.
 *
 * Ordering is exactly as if every timer had its own queue entry: each timer takes its sequence
 * number from the queue when it is set, and its lane's head enters the queue with that number.
 */
import type { EventQueue } from './eventQueue.ts';

class Lane {
  times = new Float64Array(64);
  seqs = new Float64Array(64);
  args = new Int32Array(64);
  head = 0;
  length = 0;

  /** Makes room for one more timer and returns its cell (the caller fills it in). */
  pushCell(): number {
    if (this.length === this.times.length) this.grow();
    return (this.head + this.length++) & (this.times.length - 1);
  }

  shift(): void {
    this.head = (this.head + 1) & (this.times.length - 1);
    this.length--;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity),
      seqs = new Float64Array(capacity),
      args = new Int32Array(capacity);
    for (let k = 0; k < this.length; k++) {
      const i = (this.head + k) & (this.times.length - 1);
      times[k] = this.times[i];
      seqs[k] = this.seqs[i];
      args[k] = this.args[i];
    }
    this.times = times;
    this.seqs = seqs;
    this.args = args;
    this.head = 0;
  }
}

export class TimerLanes {
  private readonly lanes: Lane[] = [];
  private readonly delays: number[] = [];

  /**
   * @param clock the simulated time now, in one cell (see `Runtime.clock`)
   * @param queue where lane heads wait
   * @param kind the engine event kind a lane head is queued as (the lane index goes in the target bits)
   * @param isStale whether a timer's purpose is gone, so it can be dropped unfired
   */
  constructor(
    private readonly clock: Float64Array,
    private readonly queue: EventQueue,
    private readonly kind: number,
    private readonly priority: number,
    private readonly isStale: (arg: number) => boolean,
  ) {}

  /** The lane for timers of this delay (created on first use). Resolve once, set many times. */
  /** The delay of lane `index`, ms. */
  delayOf(index: number): number {
    return this.delays[index];
  }

  laneFor(delay: number): number {
    let index = this.delays.indexOf(delay);
    if (index < 0) {
      index = this.delays.length;
      this.delays.push(delay);
      this.lanes.push(new Lane());
    }
    return index;
  }

  /**
   * Sets a timer in lane `index` to fire the lane's delay from now, carrying `arg`. (It takes no
   * time argument, and passes none to what it calls: see `TraceLog.recordNow`.)
   */
  set(index: number, arg: number): void {
    const lane = this.lanes[index];
    const time = this.clock[0] + this.delays[index];
    const seq = this.queue.reserveSeq();
    const cell = lane.pushCell();
    lane.times[cell] = time;
    lane.seqs[cell] = seq;
    lane.args[cell] = arg;
    if (lane.length === 1) this.queue.pushWithSeq(lane.times, cell, this.priority, seq, this.kind | (index << 8), arg);
  }

  /** Calls `visit(arg)` for every timer still set (stale ones too), in no particular order. Off the hot path. */
  forEachArg(visit: (arg: number) => void): void {
    for (const lane of this.lanes) {
      const mask = lane.times.length - 1;
      for (let k = 0; k < lane.length; k++) visit(lane.args[(lane.head + k) & mask]);
    }
  }

  /**
   * Lane `index`'s head came out of the queue: removes it, drops any stale timers now at the
   * head, queues the next live one, and returns the fired timer's `arg`.
   */
  fire(index: number): number {
    const lane = this.lanes[index];
    const arg = lane.args[lane.head];
    lane.shift();
    while (lane.length > 0 && this.isStale(lane.args[lane.head])) lane.shift();
    if (lane.length > 0) {
      const h = lane.head;
      this.queue.pushWithSeq(lane.times, h, this.priority, lane.seqs[h], this.kind | (index << 8), lane.args[h]);
    }
    return arg;
  }
}
