/**
 * A retry budget as Finagle keeps one: over a sliding window, retries may be at most `percent`
 * of the first attempts, plus `minPerSecond` for every second of the window, so that when
 * everything fails the retries stop multiplying the load. Counts live in one bucket per second.
 */
export class RetryBudget {
  private readonly firsts: Int32Array;
  private readonly retries: Int32Array;
  private second = -Infinity;
  private firstTotal = 0;
  private retryTotal = 0;

  constructor(
    private readonly percent: number,
    private readonly windowMs: number,
    private readonly minPerSecond: number,
  ) {
    const seconds = Math.max(1, Math.ceil(windowMs / 1000));
    this.firsts = new Int32Array(seconds);
    this.retries = new Int32Array(seconds);
  }

  /** A first attempt was made at `now`. */
  deposit(now: number): void {
    this.moveTo(now);
    this.firsts[this.bucket(this.second)]++;
    this.firstTotal++;
  }

  /** Whether a retry at `now` is within budget; if so it is counted. */
  tryWithdraw(now: number): boolean {
    this.moveTo(now);
    const allowed = (this.firstTotal * this.percent) / 100 + (this.minPerSecond * this.windowMs) / 1000;
    if (this.retryTotal + 1 > allowed) return false;
    this.retries[this.bucket(this.second)]++;
    this.retryTotal++;
    return true;
  }

  private bucket(second: number): number {
    const n = this.firsts.length;
    return ((second % n) + n) % n;
  }

  private moveTo(now: number): void {
    const second = Math.floor(now / 1000);
    if (second <= this.second) return;
    const steps = Math.min(this.firsts.length, this.second === -Infinity ? this.firsts.length : second - this.second);
    for (let k = 1; k <= steps; k++) {
      const b = this.bucket(second - steps + k);
      this.firstTotal -= this.firsts[b];
      this.retryTotal -= this.retries[b];
      this.firsts[b] = 0;
      this.retries[b] = 0;
    }
    this.second = second;
  }
}
