/**
 * Backoff and jitter: the schedules' delays, and (property) every jittered wait inside the bounds
 * of its strategy as the AWS Architecture Blog defines them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomSource } from '../../src/engine/core/random.ts';
import { backoffDelay, retryDelay, type BackoffConfig } from '../../src/engine/policies/backoff.ts';

const config = (over: Partial<BackoffConfig> = {}): BackoffConfig => ({
  kind: 'exponential',
  base: 100,
  multiplier: 2,
  cap: 1000,
  jitter: 'none',
  ...over,
});

describe('backoff', () => {
  it('waits nothing, the same, a growing line, or a capped doubling', () => {
    const delays = (c: BackoffConfig) => [1, 2, 3, 4, 5].map((r) => backoffDelay(c, r));
    expect(delays(config({ kind: 'none' }))).toEqual([0, 0, 0, 0, 0]);
    expect(delays(config({ kind: 'constant' }))).toEqual([100, 100, 100, 100, 100]);
    expect(delays(config({ kind: 'linear' }))).toEqual([100, 200, 300, 400, 500]);
    expect(delays(config({ kind: 'exponential' }))).toEqual([100, 200, 400, 800, 1000]);
    expect(delays(config({ kind: 'exponential', multiplier: 1.5 }))).toEqual([100, 150, 225, 337.5, 506.25]);
  });

  it("keeps every jittered wait within its strategy's bounds", () => {
    const arb = fc.record({
      kind: fc.constantFrom('constant', 'linear', 'exponential') as fc.Arbitrary<BackoffConfig['kind']>,
      base: fc.integer({ min: 1, max: 500 }),
      multiplier: fc.double({ min: 1, max: 4, noNaN: true }),
      cap: fc.integer({ min: 1, max: 10_000 }),
      jitter: fc.constantFrom('none', 'full', 'equal', 'decorrelated') as fc.Arbitrary<BackoffConfig['jitter']>,
      seed: fc.nat(),
      retries: fc.integer({ min: 1, max: 12 }),
    });
    fc.assert(
      fc.property(arb, ({ seed, retries, ...c }) => {
        const rng = new RandomSource(seed).stream('test/backoff');
        let previous = NaN;
        for (let retry = 1; retry <= retries; retry++) {
          const wait = retryDelay(c, retry, previous, rng);
          const d = backoffDelay(c, retry);
          switch (c.jitter) {
            case 'none':
              expect(wait).toBe(d);
              break;
            case 'full':
              expect(wait >= 0 && wait <= d).toBe(true);
              break;
            case 'equal':
              expect(wait >= d / 2 && wait <= d).toBe(true);
              break;
            case 'decorrelated': {
              const last = Number.isNaN(previous) ? c.base : previous;
              expect(wait >= Math.min(c.cap, c.base) && wait <= Math.min(c.cap, Math.max(c.base, last * 3))).toBe(true);
              break;
            }
          }
          previous = wait;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('draws the same waits from the same seed', () => {
    const waits = (seed: number) => {
      const rng = new RandomSource(seed).stream('x');
      return [1, 2, 3].map((r) => retryDelay(config({ jitter: 'full' }), r, NaN, rng));
    };
    expect(waits(1)).toEqual(waits(1));
    expect(waits(1)).not.toEqual(waits(2));
  });
});
