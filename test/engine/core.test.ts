import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue, RandomSource, compileSampler, sample } from '../../src/engine/index.ts';

describe('EventQueue', () => {
  it('pops in (time, priority, sequence) order', () => {
    const q = new EventQueue(16);
    q.push(5, 1, 1, 0);
    q.push(1, 1, 2, 0);
    q.push(5, 0, 3, 0); // same time, lower priority number: first
    q.push(5, 1, 4, 0); // same time and priority as #1: after it (scheduled later)
    q.push(3, 9, 5, 0);
    const order: number[] = [];
    while (q.size > 0) {
      q.pop();
      order.push(q.word);
    }
    expect(order).toEqual([2, 5, 3, 1, 4]);
  });

  it('matches a stable sort of everything pushed, whatever the interleaving (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 3 }), fc.boolean()), { maxLength: 300 }),
        (ops) => {
          const q = new EventQueue(16);
          const pending: { time: number; priority: number; id: number }[] = [];
          let now = 0;
          let id = 0;
          for (const [dt, priority, popFirst] of ops) {
            if (popFirst && pending.length > 0) {
              pending.sort((a, b) => a.time - b.time || a.priority - b.priority || a.id - b.id);
              const expected = pending.shift()!;
              now = q.pop();
              expect([now, q.word]).toEqual([expected.time, expected.id]);
            }
            pending.push({ time: now + dt, priority, id });
            q.push(now + dt, priority, id++, 0);
          }
          pending.sort((a, b) => a.time - b.time || a.priority - b.priority || a.id - b.id);
          for (const e of pending) {
            expect(q.pop()).toBe(e.time);
            expect(q.word).toBe(e.id);
          }
          expect(q.pop()).toBe(Infinity);
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });

  it('orders times that differ only in their low bits, and -0 with 0, like a stable sort (property)', () => {
    // The heap picks between siblings by their times' high 32-bit words when those differ; these
    // times often share them (a few ulps apart), so the full comparison and the tie-break run too.
    const deltas = [0, -0, 1e-12, 3e-9, 1e-6, 0.25, 7, 1500];
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: deltas.length - 1 }), fc.integer({ min: 0, max: 2 }), fc.boolean()), {
          maxLength: 300,
        }),
        (origin, ops) => {
          const q = new EventQueue(16);
          const pending: { time: number; priority: number; id: number }[] = [];
          let now = origin === 0 ? -0 : origin;
          let id = 0;
          for (const [d, priority, popFirst] of ops) {
            if (popFirst && pending.length > 0) {
              pending.sort((a, b) => a.time - b.time || a.priority - b.priority || a.id - b.id);
              const expected = pending.shift()!;
              now = q.pop();
              expect(q.word).toBe(expected.id);
            }
            const time = d === 1 && now === 0 ? -0 : now + deltas[d];
            pending.push({ time, priority, id });
            q.push(time, priority, id++, 0);
          }
          pending.sort((a, b) => a.time - b.time || a.priority - b.priority || a.id - b.id);
          for (const e of pending) {
            q.pop();
            expect(q.word).toBe(e.id);
          }
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });

  it('treats -0 and 0 as the same time (then priority, then sequence decide)', () => {
    const q = new EventQueue(16);
    const pushed: { priority: number; id: number }[] = [];
    for (let id = 0; id < 64; id++) {
      const priority = (id * 7) % 3;
      q.push(id % 2 === 0 ? -0 : 0, priority, id, 0);
      pushed.push({ priority, id });
    }
    pushed.sort((a, b) => a.priority - b.priority || a.id - b.id);
    for (const e of pushed) {
      q.pop();
      expect(q.word).toBe(e.id);
    }
  });

  it('grows past its initial capacity', () => {
    const q = new EventQueue(16);
    for (let i = 999; i >= 0; i--) q.push(i, 0, i, 5000 - i);
    for (let i = 0; i < 1000; i++) {
      expect(q.pop()).toBe(i);
      expect(q.arg).toBe(5000 - i);
    }
  });
});

describe('RandomSource', () => {
  it('is a pure function of seed and stream name', () => {
    const draw = (seed: number, name: string) => {
      const s = new RandomSource(seed).stream(name);
      return [s.next(), s.next(), s.next()];
    };
    expect(draw(1, 'a')).toEqual(draw(1, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(2, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(1, 'b'));
  });

  it('gives every stream its own sequence: drawing from one does not move another', () => {
    const source = new RandomSource(7);
    const a = source.stream('service:a/work');
    const b1 = source.stream('service:b/work');
    for (let i = 0; i < 100; i++) a.next();
    const b2 = new RandomSource(7).stream('service:b/work');
    expect([b1.next(), b1.next()]).toEqual([b2.next(), b2.next()]);
  });

  it('is uniform on [0, 1) (chi-square over 20 bins, 10^5 draws)', () => {
    const s = new RandomSource(3).stream('uniformity');
    const bins = new Array<number>(20).fill(0);
    const n = 100_000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = s.next();
      if (!(u >= 0 && u < 1)) outside++;
      else bins[Math.floor(u * 20)]++;
    }
    expect(outside).toBe(0);
    const expected = n / 20;
    const chi2 = bins.reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(43.8); // 99.9th percentile of chi-square with 19 degrees of freedom
  });
});

describe('ziggurat normal and exponential draws', () => {
  /** Standard normal CDF via erf (Abramowitz & Stegun 7.1.26, error < 1.5e-7). */
  const normalCdf = (x: number) => {
    const z = Math.abs(x) / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * z);
    const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
    return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
  };
  /** Kolmogorov–Smirnov distance between a sample and a CDF. */
  const ksDistance = (xs: Float64Array, cdf: (x: number) => number) => {
    xs.sort();
    let d = 0;
    for (let i = 0; i < xs.length; i++) {
      const f = cdf(xs[i]);
      d = Math.max(d, Math.abs(f - i / xs.length), Math.abs(f - (i + 1) / xs.length));
    }
    return d;
  };
  const draw = (n: number, f: (rng: ReturnType<RandomSource['stream']>) => number) => {
    const rng = new RandomSource(11).stream('ziggurat');
    return Float64Array.from({ length: n }, () => f(rng));
  };

  it('normal: matches the normal CDF (KS at 10^5 draws), its moments, and the tail beyond the base layer', () => {
    const xs = draw(100_000, (r) => r.normal());
    expect(ksDistance(xs, normalCdf)).toBeLessThan(1.36 / Math.sqrt(xs.length)); // 5 % critical value
    const big = draw(2_000_000, (r) => r.normal());
    let sum = 0,
      sq = 0,
      quad = 0,
      beyond = 0;
    for (const x of big) {
      sum += x;
      sq += x * x;
      quad += x ** 4;
      if (Math.abs(x) > 3.6) beyond++;
    }
    const n = big.length;
    expect(Math.abs(sum / n)).toBeLessThan(0.003);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.004); // ~3 standard errors
    expect(quad / n / (sq / n) ** 2).toBeCloseTo(3, 1); // kurtosis of a normal
    // P(|Z| > 3.6) = 3.18e-4: draws past the ziggurat's base layer (3.44) come from its tail method.
    expect(beyond / n / 3.182e-4).toBeGreaterThan(0.85);
    expect(beyond / n / 3.182e-4).toBeLessThan(1.15);
  });

  it('exponential: matches 1 − e^−x (KS at 10^5 draws), mean 1, and the tail beyond the base layer', () => {
    const xs = draw(100_000, (r) => r.exponential());
    expect(ksDistance(xs, (x) => 1 - Math.exp(-x))).toBeLessThan(1.36 / Math.sqrt(xs.length));
    const big = draw(2_000_000, (r) => r.exponential());
    let sum = 0,
      beyond = 0,
      min = Infinity;
    for (const x of big) {
      sum += x;
      min = Math.min(min, x);
      if (x > 8) beyond++;
    }
    expect(Math.abs(sum / big.length - 1)).toBeLessThan(0.0025); // 3.5 standard errors at 2·10^6 draws
    expect(min).toBeGreaterThanOrEqual(0);
    // P(X > 8) = e^-8 = 3.35e-4, past the base layer's edge at 7.70.
    expect(beyond / big.length / Math.exp(-8)).toBeGreaterThan(0.85);
    expect(beyond / big.length / Math.exp(-8)).toBeLessThan(1.15);
  });
});

describe('samplers', () => {
  const stats = (dist: Parameters<typeof compileSampler>[0], n = 200_000) => {
    const s = compileSampler(dist);
    const rng = new RandomSource(5).stream(`sampler/${dist.dist}`);
    let sum = 0,
      sumSq = 0,
      min = Infinity;
    for (let i = 0; i < n; i++) {
      const x = sample(s, rng);
      sum += x;
      sumSq += x * x;
      min = Math.min(min, x);
    }
    const mean = sum / n;
    return { mean, sd: Math.sqrt(sumSq / n - mean * mean), min };
  };

  it('constant draws nothing random', () => {
    expect(stats({ dist: 'constant', value: 4 }, 10)).toEqual({ mean: 4, sd: 0, min: 4 });
  });
  it('uniform has the mean and spread of U(min, max)', () => {
    const { mean, sd, min } = stats({ dist: 'uniform', min: 2, max: 8 });
    expect(mean).toBeCloseTo(5, 1);
    expect(sd).toBeCloseTo(6 / Math.sqrt(12), 1);
    expect(min).toBeGreaterThanOrEqual(2);
  });
  it('exponential has mean = sd', () => {
    const { mean, sd } = stats({ dist: 'exponential', mean: 10 });
    expect(mean / 10).toBeCloseTo(1, 1);
    expect(sd / 10).toBeCloseTo(1, 1);
  });
  it('normal is truncated at 0 (never negative) and keeps its mean when far from 0', () => {
    expect(stats({ dist: 'normal', mean: 1, stddev: 2 }).min).toBeGreaterThanOrEqual(0);
    const { mean, sd } = stats({ dist: 'normal', mean: 50, stddev: 5 });
    expect(mean).toBeCloseTo(50, 0);
    expect(sd).toBeCloseTo(5, 0);
  });
  it('lognormal is parameterised by the mean and stddev of the values', () => {
    const { mean, sd, min } = stats({ dist: 'lognormal', mean: 20, stddev: 10 });
    expect(mean / 20).toBeCloseTo(1, 1);
    expect(sd / 10).toBeCloseTo(1, 1);
    expect(min).toBeGreaterThan(0);
  });
  it('the heaviest tails the schema allows stay finite: no NaN or Infinity ever reaches the clock', () => {
    for (const dist of [
      { dist: 'lognormal', mean: 3_600_000_000, stddev: 360_000_000_000 },
      { dist: 'lognormal', mean: 1e-9, stddev: 1e-7 },
      { dist: 'pareto', scale: 3_600_000_000, shape: 0.1 },
    ] as const) {
      const s = compileSampler(dist);
      const rng = new RandomSource(9).stream('tails');
      for (let i = 0; i < 100_000; i++) {
        const x = sample(s, rng);
        if (!(Number.isFinite(x) && x >= 0)) throw new Error(`${dist.dist} drew ${x}`);
      }
    }
  });
  it('pareto never goes below its scale and has mean αx/(α−1)', () => {
    const { mean, min } = stats({ dist: 'pareto', scale: 2, shape: 3 }, 400_000);
    expect(min).toBeGreaterThanOrEqual(2);
    expect(mean / 3).toBeCloseTo(1, 1);
  });
});
