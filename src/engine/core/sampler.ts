/**
 * Drawing durations from the scenario's distributions. A `Sampler` is the distribution compiled
 * to plain numbers once, so the hot path is one switch and a few arithmetic operations.
 */
import type { Distribution } from '../../model/index.ts';
import type { RandomStream } from './random.ts';
import { exp, log, powPositive } from './portableMath.ts';

const CONSTANT = 0,
  UNIFORM = 1,
  EXPONENTIAL = 2,
  NORMAL = 3,
  LOGNORMAL = 4,
  PARETO = 5;

/** A compiled distribution: `kind` and up to two parameters, meaning depends on kind. */
export interface Sampler {
  readonly kind: number;
  readonly p1: number;
  readonly p2: number;
}

export function compileSampler(d: Distribution): Sampler {
  switch (d.dist) {
    case 'constant':
      return { kind: CONSTANT, p1: d.value, p2: 0 };
    case 'uniform':
      return { kind: UNIFORM, p1: d.min, p2: d.max - d.min };
    case 'exponential':
      return { kind: EXPONENTIAL, p1: d.mean, p2: 0 };
    case 'normal':
      return d.stddev === 0 ? { kind: CONSTANT, p1: Math.max(0, d.mean), p2: 0 } : { kind: NORMAL, p1: d.mean, p2: d.stddev };
    case 'lognormal': {
      // From the mean and spread of the values themselves to the parameters of the log.
      const variance = log(1 + (d.stddev * d.stddev) / (d.mean * d.mean));
      return { kind: LOGNORMAL, p1: log(d.mean) - variance / 2, p2: Math.sqrt(variance) };
    }
    case 'pareto':
      return { kind: PARETO, p1: d.scale, p2: 1 / d.shape };
  }
}

/** A constant sampler, for places that need a fixed duration. */
export function constantSampler(value: number): Sampler {
  return { kind: CONSTANT, p1: value, p2: 0 };
}

/**
 * The longest draw, ms (10¹² ≈ 32 years, far past any run's end). The schema bounds the
 * parameters, but the tails of lognormal and Pareto can still overflow to Infinity; a capped draw
 * keeps every time the engine schedules a finite number (a NaN draw, too, becomes the cap).
 */
const MAX_DRAW_MS = 1e12;

function capped(x: number): number {
  return x < MAX_DRAW_MS ? x : MAX_DRAW_MS;
}

/**
 * One draw, in ms. Constant samplers draw no random number at all. Kept small (the rarer shapes
 * in `sampleOther`) so V8 inlines it into the engine's hot path: a draw returned from a call it
 * does not inline is boxed in a fresh heap number.
 */
export function sample(s: Sampler, rng: RandomStream): number {
  switch (s.kind) {
    case CONSTANT:
      return s.p1;
    case EXPONENTIAL:
      return s.p1 * rng.exponential();
    case LOGNORMAL:
      return capped(exp(s.p1 + s.p2 * rng.normal()));
    default:
      return sampleOther(s, rng);
  }
}

function sampleOther(s: Sampler, rng: RandomStream): number {
  switch (s.kind) {
    case UNIFORM:
      return s.p1 + s.p2 * rng.next();
    case NORMAL: {
      // Truncated at 0 by rejection, so the shape above 0 is the normal's own. Bounded tries keep
      // a mean far below 0 from looping; then the draw is 0.
      for (let i = 0; i < 64; i++) {
        const x = s.p1 + s.p2 * rng.normal();
        if (x >= 0) return x;
      }
      return 0;
    }
    case PARETO:
      return capped(s.p1 / powPositive(rng.nextOpen(), s.p2));
    default:
      throw new Error(`unknown sampler kind ${s.kind}`);
  }
}
