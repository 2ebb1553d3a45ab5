/**
 * Queueing-theory helpers for the engine's validation tests: the Erlang C formula, and the mean
 * and standard error of independent replications.
 */

/**
 * Erlang C: the probability that an arrival to an M/M/c queue has to wait, with offered load
 * a = λ/μ (in erlangs) and c servers; requires a < c.
 *
 *   C(c, a) = (a^c / c!) · c/(c − a)  /  ( Σ_{k=0}^{c−1} a^k / k!  +  (a^c / c!) · c/(c − a) )
 *
 * The terms a^k / k! are built up one by one, so nothing overflows for the small c used here.
 */
export function erlangC(c: number, a: number): number {
  if (!Number.isInteger(c) || c < 1) throw new Error(`erlangC: c must be a positive integer, got ${c}`);
  if (!(a >= 0 && a < c)) throw new Error(`erlangC: need 0 ≤ a < c, got a = ${a}, c = ${c}`);
  let term = 1; // a^k / k!, starting at k = 0
  let sum = 0;
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const waiting = (term * c) / (c - a); // term is now a^c / c!
  return waiting / (sum + waiting);
}

/**
 * Erlang B (blocking probability of M/M/c/c) by the standard recursion B(0) = 1,
 * B(n) = a·B(n−1) / (n + a·B(n−1)); used only to cross-check `erlangC` by a different route:
 * C = c·B / (c − a·(1 − B)).
 */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let n = 1; n <= c; n++) b = (a * b) / (n + a * b);
  return b;
}

/** Mean wait in line (arrival → start of service) of M/M/c, in the unit of 1/μ: C(c, a) / (cμ − λ). */
export function mmcMeanWait(c: number, lambda: number, mu: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

export interface Estimate {
  /** How many values (replications). */
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation of one value (n − 1 in the denominator). */
  readonly sd: number;
  /** Standard error of the mean: sd / √n. */
  readonly se: number;
}

/** Mean and standard error of independent, identically distributed values (e.g. replications). */
export function estimate(values: readonly number[]): Estimate {
  const n = values.length;
  if (n < 2) throw new Error('estimate: need at least two values');
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  return { n, mean, sd, se: sd / Math.sqrt(n) };
}

/** |measured − expected| / expected. */
export function relativeError(measured: number, expected: number): number {
  return Math.abs(measured - expected) / Math.abs(expected);
}
