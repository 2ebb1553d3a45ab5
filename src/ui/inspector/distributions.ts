/**
 * The distributions the inspector offers, their parameters, and how switching from one to another
 * keeps the mean, so changing "exponential 40ms" to "lognormal" gives a lognormal around 40ms
 * rather than an arbitrary one.
 */
import { parseDuration, type DistributionKind } from '../../model/index.ts';

export const DISTRIBUTION_LABELS: Readonly<Record<DistributionKind, string>> = {
  constant: 'Constant',
  uniform: 'Uniform',
  exponential: 'Exponential',
  normal: 'Normal',
  lognormal: 'Log-normal',
  pareto: 'Pareto',
};

export interface DistributionParam {
  readonly key: string;
  readonly label: string;
  /** A duration (ms, "2s") or a plain number. */
  readonly type: 'duration' | 'number';
  /** What it means; the schema's parameters carry no description of their own. */
  readonly description: string;
}

export const DISTRIBUTION_PARAMS: Readonly<Record<DistributionKind, readonly DistributionParam[]>> = {
  constant: [{ key: 'value', label: 'Value', type: 'duration', description: 'Every draw takes exactly this long.' }],
  uniform: [
    { key: 'min', label: 'Min', type: 'duration', description: 'The shortest possible value.' },
    { key: 'max', label: 'Max', type: 'duration', description: 'The longest possible value.' },
  ],
  exponential: [{ key: 'mean', label: 'Mean', type: 'duration', description: 'The average value.' }],
  normal: [
    { key: 'mean', label: 'Mean', type: 'duration', description: 'The centre of the bell curve.' },
    { key: 'stddev', label: 'Std. deviation', type: 'duration', description: 'How far values typically stray from the mean.' },
  ],
  lognormal: [
    { key: 'mean', label: 'Mean', type: 'duration', description: 'The average of the values.' },
    { key: 'stddev', label: 'Std. deviation', type: 'duration', description: 'The spread of the values; larger means a longer tail.' },
  ],
  pareto: [
    { key: 'scale', label: 'Scale', type: 'duration', description: 'The smallest possible value.' },
    {
      key: 'shape',
      label: 'Shape',
      type: 'number',
      description: 'Tail weight: smaller means more very long values (1 or less: no finite mean).',
    },
  ],
};

export type DistributionValue = { readonly dist: DistributionKind } & Readonly<Record<string, unknown>>;

/** A distribution as written (an object, or a bare duration meaning a constant) as an object. */
export function asDistribution(value: unknown): DistributionValue {
  if (value !== null && typeof value === 'object' && 'dist' in value) return value as DistributionValue;
  return { dist: 'constant', value: value ?? 0 };
}

const ms = (value: unknown): number => (typeof value === 'number' || typeof value === 'string' ? (parseDuration(value) ?? 0) : 0);
const round = (value: number) => Math.round(value * 1000) / 1000;

/** The mean of a distribution as written, in ms (best effort: unreadable parameters count as 0). */
export function meanOf(d: DistributionValue): number {
  switch (d.dist) {
    case 'constant':
      return ms(d.value);
    case 'uniform':
      return (ms(d.min) + ms(d.max)) / 2;
    case 'pareto': {
      const shape = typeof d.shape === 'number' ? d.shape : 2;
      return shape > 1 ? (shape * ms(d.scale)) / (shape - 1) : 2 * ms(d.scale);
    }
    default:
      return ms(d.mean);
  }
}

/** A distribution of kind `kind` with (about) the same mean as `from`. */
export function switchDistribution(from: DistributionValue, kind: DistributionKind): DistributionValue {
  if (kind === from.dist) return from;
  const mean = meanOf(from) > 0 ? round(meanOf(from)) : 10;
  switch (kind) {
    case 'constant':
      return { dist: kind, value: mean };
    case 'uniform':
      return { dist: kind, min: round(mean / 2), max: round(mean * 1.5) };
    case 'exponential':
      return { dist: kind, mean };
    case 'normal':
      return { dist: kind, mean, stddev: round(mean / 4) };
    case 'lognormal':
      return { dist: kind, mean, stddev: round(mean / 2) };
    // Shape 2 has mean 2 × scale.
    case 'pareto':
      return { dist: kind, scale: round(mean / 2), shape: 2 };
  }
}
