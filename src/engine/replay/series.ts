/**
 * Values over a run's time, as a replay's in-order pass appends them, answered by binary search;
 * `rows` orders entries at one instant.
 */
import { lastAtOrBefore } from '../core/search.ts';

export class Series {
  readonly times: number[] = [];
  readonly rows: number[] = [];
  readonly values: number[] = [];
  push(t: number, row: number, value: number): void {
    this.times.push(t);
    this.rows.push(row);
    this.values.push(value);
  }
  /** The index of the last entry at or before t (−1: none). */
  last(t: number): number {
    return lastAtOrBefore(this.times, t);
  }
  valueAt(t: number, fallback: number): number {
    const i = this.last(t);
    return i < 0 ? fallback : this.values[i];
  }
  get lastValue(): number {
    return this.values.length > 0 ? this.values[this.values.length - 1] : 0;
  }
}
