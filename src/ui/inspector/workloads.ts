/**
 * The load patterns a client can follow, and how switching pattern carries over what it can (the
 * sending window, roughly the same rate), so a switch gives a working client at once.
 */
export type WorkloadPattern = 'constant' | 'poisson' | 'bursts' | 'ramp' | 'closed';

export const PATTERN_LABELS: Readonly<Record<WorkloadPattern, string>> = {
  constant: 'Constant rate',
  poisson: 'Poisson (random arrivals)',
  bursts: 'Bursts',
  ramp: 'Ramp',
  closed: 'Closed loop (users)',
};

export const PATTERNS = Object.keys(PATTERN_LABELS) as WorkloadPattern[];

export type WorkloadValue = { readonly pattern: string } & Readonly<Record<string, unknown>>;

/** A workload of `pattern`, keeping `from`'s window and, where it makes sense, its rate. */
export function switchPattern(from: WorkloadValue, pattern: WorkloadPattern): WorkloadValue {
  if (from.pattern === pattern) return from;
  const window = Object.fromEntries(['start', 'stop'].filter((k) => from[k] !== undefined).map((k) => [k, from[k]]));
  const number = (key: string) => (typeof from[key] === 'number' && (from[key] as number) > 0 ? (from[key] as number) : undefined);
  const rate = number('rate') ?? number('to') ?? number('from') ?? 5;
  switch (pattern) {
    case 'constant':
    case 'poisson':
      return { pattern, rate, ...window };
    case 'bursts':
      return { pattern, every: '1s', size: Math.max(1, Math.round(rate)), ...window };
    case 'ramp':
      return { pattern, from: 0, to: rate, over: '10s', ...window };
    case 'closed':
      return { pattern, users: number('users') ?? 5, ...window };
  }
}
