/**
 * The shared binary search (src/engine/core/search.ts) against a linear scan: over ascending
 * sequences with repeats, any sub-range and any t (before, between, on and after the values), each
 * search gives the index the scan finds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countAtOrBefore, firstAfter, firstAtOrAfter, lastAtOrBefore, partitionPoint } from '../../src/engine/core/search.ts';

/** The first index in [from, end) where `hit` holds, by looking at each in turn; `end` when none. */
function scan(from: number, end: number, hit: (i: number) => boolean): number {
  for (let i = from; i < end; i++) if (hit(i)) return i;
  return end;
}

/** Ascending values with repeats (small integers, so that t often lands on one), with a range [from, end) of them and a t. */
const sorted = fc.array(fc.integer({ min: -20, max: 20 }), { maxLength: 60 }).map((xs) => Float64Array.from(xs.sort((a, b) => a - b)));
const caseOf = sorted.chain((values) =>
  fc
    .record({
      values: fc.constant(values),
      from: fc.integer({ min: 0, max: values.length }),
      span: fc.integer({ min: 0, max: values.length }),
      t: fc.oneof(fc.integer({ min: -25, max: 25 }), fc.double({ min: -25, max: 25, noNaN: true }), fc.constantFrom(-Infinity, Infinity)),
    })
    .map(({ from, span, ...rest }) => ({ ...rest, from, end: Math.min(rest.values.length, from + span) })),
);

describe('the shared search', () => {
  it('finds the usual positions in a small example', () => {
    const times = [1, 2, 2, 2, 5];
    expect(firstAfter(times, 2)).toBe(4);
    expect(firstAtOrAfter(times, 2)).toBe(1);
    expect(countAtOrBefore(times, 2)).toBe(4);
    expect(lastAtOrBefore(times, 2)).toBe(3);
    expect(lastAtOrBefore(times, 0)).toBe(-1);
    expect(lastAtOrBefore(times, 9)).toBe(4);
    expect(firstAfter(times, 9)).toBe(5);
    expect(firstAtOrAfter(times, 2, 2, 4)).toBe(2);
    expect(firstAfter(times, 0, 3, 5)).toBe(3);
    expect(lastAtOrBefore([], 1)).toBe(-1);
    expect(partitionPoint(0, times.length, (i) => times[i] < 5)).toBe(4);
  });

  it('agrees with a linear scan over any ascending values, range and t (property)', () => {
    fc.assert(
      fc.property(caseOf, ({ values, from, end, t }) => {
        expect(firstAfter(values, t, from, end)).toBe(scan(from, end, (i) => values[i] > t));
        expect(firstAtOrAfter(values, t, from, end)).toBe(scan(from, end, (i) => values[i] >= t));
        expect(partitionPoint(from, end, (i) => values[i] <= t)).toBe(scan(from, end, (i) => !(values[i] <= t)));
        const count = values.filter((v) => v <= t).length;
        expect(countAtOrBefore(values, t)).toBe(count);
        expect(lastAtOrBefore(values, t)).toBe(count - 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('searches objects by a key, the first index where a prefix condition turns false (property)', () => {
    fc.assert(
      fc.property(caseOf, ({ values, from, end, t }) => {
        const points = Array.from(values, (time, index) => ({ time, index }));
        // A composite key, as (time, index) pairs: before (t, k) means earlier, or as early and listed before k.
        const k = Math.floor(Math.abs(t)) % (values.length + 1);
        const before = (i: number) => points[i].time < t || (points[i].time === t && points[i].index < k);
        expect(partitionPoint(from, end, before)).toBe(scan(from, end, (i) => !before(i)));
      }),
      { numRuns: 1000 },
    );
  });
});
