/** Figures as the playback bar and node boxes show them. */

const COUNT = new Intl.NumberFormat('en');

/** `1,234`: one shared formatter (a `toLocaleString` call builds one each time, 100 boxes × 10 per second). */
export function formatCount(n: number): string {
  return n < 1000 ? String(n) : COUNT.format(n);
}

/** `0.42 ms`, `12.3 ms`, `1.25 s`. */
export function formatLatency(ms: number): string {
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
