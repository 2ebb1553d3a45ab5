/**
 * How long a caller waits before retrying: a backoff schedule (none, constant, linear,
 * exponential, capped) with jitter as the AWS Architecture Blog post "Exponential Backoff And
 * Jitter" (Marc Brooker, 2015) defines it, where `backoff` is the capped schedule's delay:
 *
 * - none:         sleep = backoff
 * - full:         sleep = random(0, backoff)
 * - equal:        sleep = backoff / 2 + random(0, backoff / 2)
 * - decorrelated: sleep = min(cap, random(base, previous sleep × 3)), the first previous being base
 *
 * Pure: the random numbers come from the caller's seeded stream.
 */
import type { RandomStream } from '../core/random.ts';

export interface BackoffConfig {
  readonly kind: 'none' | 'constant' | 'linear' | 'exponential';
  /** The first delay, ms (also decorrelated jitter's lower bound). */
  readonly base: number;
  /** Exponential growth per retry. */
  readonly multiplier: number;
  /** The longest delay, ms. */
  readonly cap: number;
  readonly jitter: 'none' | 'full' | 'equal' | 'decorrelated';
}

/** The schedule's delay before retry `retry` (1 = the first retry), capped, before jitter. */
export function backoffDelay(config: BackoffConfig, retry: number): number {
  const { kind, base, multiplier, cap } = config;
  switch (kind) {
    case 'none':
      return 0;
    case 'constant':
      return Math.min(cap, base);
    case 'linear':
      return Math.min(cap, base * retry);
    case 'exponential': {
      // Repeated multiplication, not Math.pow or **: engines may round those differently.
      let delay = base;
      for (let i = 1; i < retry && delay < cap; i++) delay *= multiplier;
      return Math.min(cap, delay);
    }
  }
}

/**
 * The wait before retry `retry`, given the previous wait (`previous`, for decorrelated jitter;
 * NaN before the first retry), drawing from `rng` when there is jitter.
 */
export function retryDelay(config: BackoffConfig, retry: number, previous: number, rng: RandomStream): number {
  const delay = backoffDelay(config, retry);
  switch (config.jitter) {
    case 'none':
      return delay;
    case 'full':
      return rng.next() * delay;
    case 'equal':
      return delay / 2 + rng.next() * (delay / 2);
    case 'decorrelated': {
      if (config.kind === 'none') return 0;
      const last = Number.isNaN(previous) ? config.base : previous;
      const lo = config.base,
        hi = Math.max(lo, last * 3);
      return Math.min(config.cap, lo + rng.next() * (hi - lo));
    }
  }
}
