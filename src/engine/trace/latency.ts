/**
 * Latency figures: exact count, mean, min and max, and percentiles from a DDSketch (Datadog's
 * mergeable quantile sketch, 1 % relative accuracy, fixed memory whatever the count).
 */
import { DDSketch } from '@datadog/sketches-js';

export interface LatencySummary {
  readonly count: number;
  /** Milliseconds; 0 when count is 0. */
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
}

export class LatencyRecorder {
  private readonly sketch = new DDSketch({ relativeAccuracy: 0.01 });
  count = 0;
  sum = 0;
  min = Infinity;
  max = 0;

  record(ms: number): void {
    this.count++;
    this.sum += ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
    this.sketch.accept(ms);
  }

  /** Adds another recorder's values to this one. */
  merge(other: LatencyRecorder): void {
    if (other.count === 0) return;
    this.count += other.count;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    this.sketch.merge(other.sketch);
  }

  quantile(q: number): number {
    if (this.count === 0) return 0;
    // The sketch answers within 1 % of the true value; never outside what was actually seen.
    return Math.min(this.max, Math.max(this.min, this.sketch.getValueAtQuantile(q)));
  }

  summary(): LatencySummary {
    if (this.count === 0) return { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, min: 0, max: 0 };
    return {
      count: this.count,
      mean: this.sum / this.count,
      p50: this.quantile(0.5),
      p95: this.quantile(0.95),
      p99: this.quantile(0.99),
      min: this.min,
      max: this.max,
    };
  }
}
