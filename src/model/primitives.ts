/** The small schemas the scenario's parts share: ids, probabilities, rates, counts. */
import { z } from 'zod';

export const Id = z
  .string()
  .min(1, { error: 'must not be empty', abort: true })
  .max(64, { error: 'must be at most 64 characters' }) // abort: an empty id is only empty, not also badly spelt
  .regex(/^[A-Za-z][A-Za-z0-9_.:>-]*$/, { error: 'must start with a letter and use only letters, digits and _ . : - >' })
  .meta({ description: 'A unique name: a letter, then letters, digits and _ . : - > (a link is "FROM->TO" unless named).' });

export const Probability = z.number().min(0, { error: 'must be between 0 and 1' }).max(1, { error: 'must be between 0 and 1' });

/** Upper bounds keep a typo (an extra few zeros) from asking for a run no machine can finish. */
export const MAX_RATE = 1_000_000;

export const Rate = z
  .number()
  .positive({ error: 'must be greater than 0' })
  .max(MAX_RATE, { error: 'must be at most 1000000 requests per second' })
  .meta({ description: 'Requests per second.' });

/** A whole number from 1 to `max` (of `what`, for the message). */
export const count = (max: number, what: string) =>
  z
    .int()
    .positive({ error: 'must be greater than 0' })
    .max(max, { error: `must be at most ${max} ${what}` });

/** A percentage in (0, 100], as resilience4j's thresholds are given. */
export const Percent = z.number().gt(0, { error: 'must be greater than 0' }).max(100, { error: 'must be at most 100' });
