/**
 * Values over a run's time, as a replay's in-order pass appends them, answered by binary search;
 * `rows` orders entries at one instant.
 */
export class Series {
  readonly times: number[] = [];
  readonly rows: number[] = [];
  readonly values: number[] = [];
  push(t: number, row: number, value: number): void {
    this.times.push(t); this.rows.push(row); this.values.push(value);
  }
  /** The index of the last entry at or before t (−1: none). */
  last(t: number): number {
    let lo = 0, hi = this.times.length - 1, found = -1;
    while (lo <= hi) { const mid = (lo + hi) >> 1; if (this.times[mid] <= t) { found = mid; lo = mid + 1; } else hi = mid - 1; }
    return found;
  }
  valueAt(t: number, fallback: number): number {
    const i = this.last(t);
    return i < 0 ? fallback : this.values[i];
  }
  get lastValue(): number {
    return this.values.length > 0 ? this.values[this.values.length - 1] : 0;
  }
}
