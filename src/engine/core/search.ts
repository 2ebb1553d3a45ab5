/**
 * The one binary search over ascending sequences (times, rows), shared by the replay, its indexes,
 * the trace log, the stores and the engine instead of a hand-written one in each. All of them are
 * `partitionPoint`: the first index at which a condition true on a prefix turns false; the others
 * name the usual conditions over an array of numbers.
 */

/**
 * The first index in [from, end) at which `before(i)` is false, or `end` when it never is:
 * `before` must hold for a prefix of the range and not after it (so `before(i)` says "index i
 * comes before what I look for"). For sequences that are not a plain array of numbers (objects'
 * times, chunked rows, composite keys).
 */
export function partitionPoint(from: number, end: number, before: (i: number) => boolean): number {
  let lo = from,
    hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in [from, end) of the ascending `values` whose value is after `t` (`end` when none is). */
export function firstAfter(values: ArrayLike<number>, t: number, from = 0, end = values.length): number {
  let lo = from,
    hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in [from, end) of the ascending `values` whose value is at or after `t` (`end` when none is). */
export function firstAtOrAfter(values: ArrayLike<number>, t: number, from = 0, end = values.length): number {
  let lo = from,
    hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the ascending `values` are at or before `t` (so `values[count − 1]` is the last one, if any). */
export function countAtOrBefore(values: ArrayLike<number>, t: number): number {
  return firstAfter(values, t, 0, values.length);
}

/** The index of the last of the ascending `values` at or before `t`; −1 when none is. */
export function lastAtOrBefore(values: ArrayLike<number>, t: number): number {
  return firstAfter(values, t, 0, values.length) - 1;
}
