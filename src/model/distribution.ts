/**
 * Random durations (service times, link latencies, think times). Every parameter is a duration
 * in milliseconds. A bare duration (`"5ms"`) is shorthand for a constant.
 */
import { z } from 'zod';
import { DurationSchema } from './duration.ts';

const Constant = z
  .strictObject({
    dist: z.literal('constant'),
    value: DurationSchema,
  })
  .meta({ description: 'Always the same value.' });

const Uniform = z
  .strictObject({
    dist: z.literal('uniform'),
    min: DurationSchema,
    max: DurationSchema,
  })
  .refine((d) => d.max >= d.min, { error: 'max must be at least min', path: ['max'] })
  .meta({ description: 'Any value between min and max, equally likely.' });

const Exponential = z
  .strictObject({
    dist: z.literal('exponential'),
    mean: DurationSchema.refine((ms) => ms > 0, { error: 'must be greater than 0' }),
  })
  .meta({ description: 'Memoryless: many short values, a few long ones (the M in M/M/1).' });

const Normal = z
  .strictObject({
    dist: z.literal('normal'),
    mean: DurationSchema,
    stddev: DurationSchema,
  })
  .meta({ description: 'Bell curve around the mean; negative draws are cut to 0.' });

const LogNormal = z
  .strictObject({
    dist: z.literal('lognormal'),
    mean: DurationSchema.refine((ms) => ms > 0, { error: 'must be greater than 0' }),
    stddev: DurationSchema,
  })
  .refine((d) => d.stddev <= 100 * d.mean, { error: 'must be at most 100 times the mean', path: ['stddev'] })
  .meta({ description: 'Skewed to the right, like most real latencies; mean and stddev of the values themselves.' });

const Pareto = z
  .strictObject({
    dist: z.literal('pareto'),
    scale: DurationSchema.refine((ms) => ms > 0, { error: 'must be greater than 0' }),
    shape: z.number().min(0.1, { error: 'must be at least 0.1' }).max(100, { error: 'must be at most 100' }),
  })
  .meta({ description: 'Heavy tail: never below scale; the smaller the shape, the longer the tail (shape ≤ 1 has no finite mean).' });

/** The distribution objects, discriminated by `dist`. */
export const DistributionObjectSchema = z.discriminatedUnion('dist', [Constant, Uniform, Exponential, Normal, LogNormal, Pareto]);

/** A distribution field: an object, or a bare duration meaning a constant. */
export const DistributionSchema = z.union([
  DurationSchema.transform((value): Distribution => ({ dist: 'constant', value })),
  DistributionObjectSchema,
]);

export type Distribution = z.output<typeof DistributionObjectSchema>;
export type DistributionKind = Distribution['dist'];

/** The mean of a distribution in ms (Infinity for a Pareto with shape ≤ 1). */
export function distributionMean(d: Distribution): number {
  switch (d.dist) {
    case 'constant':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'exponential':
      return d.mean;
    case 'normal':
      return d.mean; // before truncation at 0
    case 'lognormal':
      return d.mean;
    case 'pareto':
      return d.shape > 1 ? (d.shape * d.scale) / (d.shape - 1) : Infinity;
  }
}
