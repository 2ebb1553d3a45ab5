/**
 * The sliding windows a circuit breaker judges calls by, as resilience4j keeps them: count-based
 * (the outcomes of the last N calls, a ring) or time-based (the calls of the last N seconds, in
 * one bucket per second of the clock, so the window moves a whole second at a time). Plain typed
 * arrays; recording a call allocates nothing.
 */

/** A call's outcome as the window counts it: a failure and slowness are independent. */
export const Outcome = { SUCCESS: 0, ERROR: 1, SLOW_SUCCESS: 2, SLOW_ERROR: 3 } as const;
export type OutcomeCode = (typeof Outcome)[keyof typeof Outcome];

export const isFailure = (o: number) => o === Outcome.ERROR || o === Outcome.SLOW_ERROR;
export const isSlow = (o: number) => o === Outcome.SLOW_SUCCESS || o === Outcome.SLOW_ERROR;

/** What a window holds now. */
export interface WindowTotals {
  readonly calls: number;
  readonly failed: number;
  readonly slow: number;
}

export interface SlidingWindow {
  /** Records a call that ended at `now` (ms) and returns the totals after it. */
  record(now: number, outcome: OutcomeCode): WindowTotals;
  /** The totals as of `now` (a time-based window forgets calls older than its span). */
  totals(now: number): WindowTotals;
}

/** The last `size` outcomes. */
export class CountWindow implements SlidingWindow {
  private readonly ring: Uint8Array;
  private head = 0;
  private count = 0;
  private failed = 0;
  private slow = 0;

  constructor(readonly size: number) {
    this.ring = new Uint8Array(Math.max(1, size));
  }

  record(_now: number, outcome: OutcomeCode): WindowTotals {
    if (this.size === 0) return { calls: 0, failed: 0, slow: 0 };
    if (this.count === this.size) {
      const evicted = this.ring[this.head];
      if (isFailure(evicted)) this.failed--;
      if (isSlow(evicted)) this.slow--;
    } else {
      this.count++;
    }
    this.ring[this.head] = outcome;
    this.head = (this.head + 1) % this.size;
    if (isFailure(outcome)) this.failed++;
    if (isSlow(outcome)) this.slow++;
    return this.totals();
  }

  totals(): WindowTotals {
    return { calls: this.count, failed: this.failed, slow: this.slow };
  }

  /** The recorded outcomes, oldest first (for showing the window as cells). */
  cells(): number[] {
    const out: number[] = [];
    const start = this.count === this.size ? this.head : 0;
    for (let i = 0; i < this.count; i++) out.push(this.ring[(start + i) % this.size]);
    return out;
  }
}

/** The calls of the last `seconds` whole seconds of the clock (the current one included). */
export class TimeWindow implements SlidingWindow {
  private readonly calls: Int32Array;
  private readonly failed: Int32Array;
  private readonly slow: Int32Array;
  /** The clock second the newest bucket holds (-Infinity before the first call). */
  private second = -Infinity;
  private total = { calls: 0, failed: 0, slow: 0 };

  constructor(readonly seconds: number) {
    const n = Math.max(1, seconds);
    this.calls = new Int32Array(n);
    this.failed = new Int32Array(n);
    this.slow = new Int32Array(n);
  }

  record(now: number, outcome: OutcomeCode): WindowTotals {
    this.moveTo(Math.floor(now / 1000));
    const b = this.bucket(this.second);
    this.calls[b]++;
    this.total.calls++;
    if (isFailure(outcome)) {
      this.failed[b]++;
      this.total.failed++;
    }
    if (isSlow(outcome)) {
      this.slow[b]++;
      this.total.slow++;
    }
    return { ...this.total };
  }

  totals(now: number): WindowTotals {
    this.moveTo(Math.floor(now / 1000));
    return { ...this.total };
  }

  /** Calls per second of the window, oldest second first: [calls, failed, slow] each. */
  buckets(now: number): [number, number, number][] {
    this.moveTo(Math.floor(now / 1000));
    const out: [number, number, number][] = [];
    for (let k = this.seconds - 1; k >= 0; k--) {
      const b = this.bucket(this.second - k);
      out.push([this.calls[b], this.failed[b], this.slow[b]]);
    }
    return out;
  }

  private bucket(second: number): number {
    const n = this.calls.length;
    return ((second % n) + n) % n;
  }

  /** Empties the buckets of the seconds between the newest one and `second`. */
  private moveTo(second: number): void {
    if (second <= this.second) return;
    const steps = Math.min(this.calls.length, this.second === -Infinity ? this.calls.length : second - this.second);
    for (let k = 1; k <= steps; k++) {
      const b = this.bucket(second - steps + k);
      this.total.calls -= this.calls[b];
      this.total.failed -= this.failed[b];
      this.total.slow -= this.slow[b];
      this.calls[b] = 0;
      this.failed[b] = 0;
      this.slow[b] = 0;
    }
    this.second = second;
  }
}
