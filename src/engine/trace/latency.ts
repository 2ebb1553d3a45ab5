/**
 * Latency figures: exact count, mean, min and max, and percentiles from a log-linear histogram
 * (the HdrHistogram idea): a value's bucket is its binary exponent plus the top 7 bits of its
 * mantissa, read straight off the IEEE-754 bits, so recording costs no logarithm. Every bucket
 * spans 1/128 of its power of two; a percentile is reported as its bucket's midpoint, within
 * 0.4 % of the true value. Range: 2^-20 ms (≈1 ns) to 2^31 ms (≈25 days), clamped beyond.
 *
 * Why not a library: DDSketch (@datadog/sketches-js) took a quarter of the engine's time in the
 * M/M/1 benchmark (one Math.log per record, three records per request); hdr-histogram-js needs
 * integers and ships a WebAssembly blob. This is the same technique in a few lines.
 */

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

const SUB_BITS = 7;
const MIN_EXP = -20;
const MAX_EXP = 31;
const BIAS = 1023;
const FIRST_KEY = (BIAS + MIN_EXP) << SUB_BITS;
const BUCKETS = (MAX_EXP - MIN_EXP + 1) << SUB_BITS;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the high 32-bit word of a float64 in the shared view (platform byte order). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

function bucketOf(ms: number): number {
  f64[0] = ms;
  const key = (u32[HI] >>> (20 - SUB_BITS)) - FIRST_KEY;
  return key < 0 ? 0 : key >= BUCKETS ? BUCKETS - 1 : key;
}

/** The middle of bucket i: its key back into the high bits of a double, plus half a step. */
function midpointOf(bucket: number): number {
  f64[0] = 0;
  u32[HI] = (bucket + FIRST_KEY) << (20 - SUB_BITS); // the bucket's lower edge, exactly
  const low = f64[0];
  return low + low / (2 << SUB_BITS); // + half of a 1/128 step of the power of two
}

export class LatencyRecorder {
  private counts: Uint32Array | undefined;
  private zeros = 0;
  count = 0;
  sum = 0;
  min = Infinity;
  max = 0;

  /**
   * Records the time from `starts[i]` to the clock's now: the engine's hot path. The operands
   * stay in their arrays (a time passed to a call V8 does not inline is boxed in a fresh heap
   * number, and the engine records three latencies for a one-hop request, more with more hops).
   */
  recordSince(clock: Float64Array, starts: Float64Array, i: number): void {
    this.record(clock[0] - starts[i]);
  }

  record(ms: number): void {
    this.count++;
    this.sum += ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
    if (ms > 0) {
      const counts = this.counts ?? (this.counts = new Uint32Array(BUCKETS));
      counts[bucketOf(ms)]++;
    } else this.zeros++;
  }

  /** An independent copy (for checkpoints of a replay). */
  clone(): LatencyRecorder {
    const copy = new LatencyRecorder();
    copy.merge(this);
    return copy;
  }

  /** Adds another recorder's values to this one. */
  merge(other: LatencyRecorder): void {
    if (other.count === 0) return;
    this.count += other.count;
    this.sum += other.sum;
    this.zeros += other.zeros;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    if (other.counts) {
      const counts = this.counts ?? (this.counts = new Uint32Array(BUCKETS));
      for (let i = 0; i < BUCKETS; i++) counts[i] += other.counts[i];
    }
  }

  /** The value at quantile q (0..1), never outside what was actually seen. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    if (rank <= this.zeros || !this.counts) return 0;
    let seen = this.zeros;
    const counts = this.counts;
    for (let i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, midpointOf(i)));
    }
    return this.max;
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
