import { describe, expect, it } from 'vitest';
import { median, Rounds, timeRounds } from '../../bench/timing.ts';

describe('bench timing', () => {
  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('runs every contender once a round, rotating who goes first, after the warm-up', () => {
    const order: string[] = [];
    const rounds = timeRounds({ a: () => order.push('a'), b: () => order.push('b'), c: () => order.push('c') }, 3, 1);
    // Warm-up round, then rounds starting with a, b, c.
    expect(order.join('')).toBe('abc' + 'abc' + 'bca' + 'cab');
    expect(rounds.samples.a).toHaveLength(3);
    expect(rounds.samples.c).toHaveLength(3);
  });

  it('judges a ratio within each round, then takes the median', () => {
    // Ratios within rounds 2, 6, 2: their median is 2; the ratio of the medians (60 / 10) would be 6.
    const r = new Rounds({ engine: [10, 10, 30], peer: [20, 60, 60] });
    expect(r.perRound((t) => t.peer / t.engine)).toBe(2);
    expect(r.ms('engine')).toBe(10);
    expect(r.ms('peer')).toBe(60);
    expect(r.best('engine')).toBe(10);
    expect(r.best('peer')).toBe(20);
  });

  it('refuses to time nothing', () => {
    expect(() => timeRounds({}, 3)).toThrow(RangeError);
    expect(() => timeRounds({ a: () => undefined }, 0)).toThrow(RangeError);
  });
});
