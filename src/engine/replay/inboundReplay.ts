/**
 * Each service's inbound rate limiter at any instant, from the trace: the tokens in its bucket.
 * The engine refills a bucket lazily (at an arrival, at a change of limiter) and takes a token
 * for each arrival it lets past the limiter; the replay keeps the bucket after each of those
 * moments, so the tokens at t are the last entry refilled up to t (features/service/service.ts).
 *
 * Whether an arrival took a token shows in the row after its ARRIVE (the service decides at
 * once): a refusal because the service is down, the caller's deadline has passed or no token is
 * left means none was taken; anything else (a worker starts, it queues, it is shed) means one was.
 */
import { RejectReason, TraceType } from '../trace/eventTypes.ts';
import { lastAtOrBefore } from '../core/search.ts';
import { refilled } from '../core/tokenBucket.ts';
import type { RunTopology, TopologyRateLimit } from './topology.ts';

/** A rate limiter at an instant. */
export interface TokenBucketView {
  readonly tokens: number;
  /** The bucket's size and its refill rate (tokens per second). */
  readonly burst: number;
  readonly rate: number;
}

interface Bucket {
  /** After each moment the engine touched the bucket: when, tokens then, and the limiter's rate (per ms; 0 none) and size. */
  readonly times: number[];
  readonly tokens: number[];
  readonly rates: number[];
  readonly bursts: number[];
}

const NO_TOKEN_TAKEN: ReadonlySet<number> = new Set([RejectReason.UNAVAILABLE, RejectReason.DEADLINE_PASSED, RejectReason.RATE_LIMITED]);

export class InboundReplay {
  private readonly buckets: (Bucket | undefined)[];
  /** The call whose ARRIVE was the row before (−1: none), and where. */
  private arrived = -1;
  private arrivedAt = 0;
  private arrivedNode = -1;

  constructor(private readonly topology: RunTopology) {
    this.buckets = topology.nodeIds.map((_, n) => {
      const limit = topology.rateLimits?.[n];
      return limit ? { times: [-Infinity], tokens: [limit.burst], rates: [limit.rate / 1000], bursts: [limit.burst] } : undefined;
    });
  }

  /** Folds the next trace row (in order, once each). */
  onRow(t: number, type: number, node: number, a: number, b: number): void {
    if (this.arrived >= 0) {
      const tookToken = !(type === TraceType.REJECT && a === this.arrived && NO_TOKEN_TAKEN.has(b));
      const bucket = this.buckets[this.arrivedNode];
      if (tookToken && bucket && bucket.rates[bucket.rates.length - 1] > 0) this.take(bucket, this.arrivedAt);
      this.arrived = -1;
    }
    if (type === TraceType.ARRIVE) {
      this.arrived = a;
      this.arrivedAt = t;
      this.arrivedNode = node;
    } else if (type === TraceType.CHANGE && node >= 0) {
      const limit = this.topology.rateLimitChanges?.[a];
      // A service change sets every instance's limiter (each keeps its own bucket).
      const owner = this.topology.instanceOf;
      if (limit !== undefined) for (let n = 0; n < this.buckets.length; n++) if ((owner?.[n] ?? n) === node) this.change(n, t, limit);
    }
  }

  /** Service n's rate limiter at t; undefined if it has none then. */
  tokensAt(n: number, t: number): TokenBucketView | undefined {
    const bucket = this.buckets[n];
    if (!bucket) return undefined;
    const i = Math.max(0, lastAtOrBefore(bucket.times, t)); // (its first entry is at −Infinity)
    if (bucket.rates[i] === 0) return undefined;
    const tokens =
      t > bucket.times[i] ? refilled(bucket.tokens[i], bucket.times[i], t, bucket.rates[i], bucket.bursts[i]) : bucket.tokens[i];
    return { tokens, burst: bucket.bursts[i], rate: bucket.rates[i] * 1000 };
  }

  private take(bucket: Bucket, t: number): void {
    const i = bucket.times.length - 1;
    const tokens =
      t > bucket.times[i] ? refilled(bucket.tokens[i], bucket.times[i], t, bucket.rates[i], bucket.bursts[i]) : bucket.tokens[i];
    this.push(bucket, t, tokens - 1, bucket.rates[i], bucket.bursts[i]);
  }

  /** As setRateLimit: a limiter replacing another keeps its tokens (up to its size); a new one starts full. */
  private change(n: number, t: number, limit: TopologyRateLimit | null): void {
    let bucket = this.buckets[n];
    if (!bucket) {
      if (!limit) return;
      bucket = this.buckets[n] = { times: [-Infinity], tokens: [0], rates: [0], bursts: [0] };
    }
    const i = bucket.times.length - 1;
    const had = bucket.rates[i] > 0;
    const tokens =
      had && t > bucket.times[i] ? refilled(bucket.tokens[i], bucket.times[i], t, bucket.rates[i], bucket.bursts[i]) : bucket.tokens[i];
    if (!limit) this.push(bucket, t, 0, 0, 0);
    else this.push(bucket, t, had ? Math.min(tokens, limit.burst) : limit.burst, limit.rate / 1000, limit.burst);
  }

  private push(bucket: Bucket, t: number, tokens: number, rate: number, burst: number): void {
    bucket.times.push(t);
    bucket.tokens.push(tokens);
    bucket.rates.push(rate);
    bucket.bursts.push(burst);
  }
}
