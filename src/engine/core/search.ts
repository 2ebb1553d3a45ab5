/**
 * The one "last at or before t" search over an ascending sequence (times, rows), shared by the
 * replay, its indexes and the engine instead of a hand-written binary search in each.
 */

/** How many of the ascending `values` are at or before `t` (so `values[count − 1]` is the last one, if any). */
export function countAtOrBefore(values: ArrayLike<number>, t: number): number {
  let lo = 0, hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= t) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** The index of the last of the ascending `values` at or before `t`; −1 when none is. */
export function lastAtOrBefore(values: ArrayLike<number>, t: number): number {
  return countAtOrBefore(values, t) - 1;
}
