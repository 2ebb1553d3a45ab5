/**
 * A mean with its 95 % confidence interval over a few independent samples (Student t): what
 * `npm run sim -- compare` says of a difference measured over seeds.
 */

/** t quantiles at 0.975 for 1 … 30 degrees of freedom (the usual table, to 3 decimals). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** Student's t at 0.975 with `df` degrees of freedom (two-sided 95 %); beyond 30, the Cornish–Fisher expansion (within 1e-4). */
export function studentT975(df: number): number {
  if (!(df >= 1)) return Infinity;
  if (df <= 30) return T975[Math.floor(df) - 1];
  const z = 1.959963985;
  const z3 = z ** 3,
    z5 = z ** 5,
    z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

/** A sample mean and its 95 % confidence interval. */
export interface Interval {
  readonly mean: number;
  /** The interval's ends (±Infinity with fewer than two samples; NaN mean with none). */
  readonly low: number;
  readonly high: number;
  /** Samples it is over. */
  readonly n: number;
}

/** The mean of `values` with its 95 % confidence interval (mean ± t · s / √n). */
export function meanInterval(values: readonly number[]): Interval {
  const n = values.length;
  if (n === 0) return { mean: NaN, low: -Infinity, high: Infinity, n };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, low: -Infinity, high: Infinity, n };
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  const half = studentT975(n - 1) * Math.sqrt(variance / n);
  return { mean, low: mean - half, high: mean + half, n };
}
