/**
 * Durations in scenario files: plain milliseconds (`250`) or a string with a unit (`"250ms"`,
 * `"60s"`, `"5m"`). Everything inside Crosstalk is milliseconds as a float.
 */
import { z } from 'zod';

const UNIT_MS: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** The one spelling of a duration string, shared by the schema and the parser so they cannot disagree. */
const DURATION_PATTERN = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(us|ms|s|m|h)?\s*$/;

/**
 * The longest duration anywhere in a scenario: 1000 hours. Simulated time is a float of
 * milliseconds; keeping it below ~4·10⁹ ms keeps its resolution finer than a nanosecond, so the
 * clock always advances (at 10¹⁷ ms adding 1 ms to the clock changes nothing).
 */
export const MAX_DURATION_MS = 1000 * 3_600_000;

/** A plain sentence describing what a duration may look like, shared by the schema and the CLI. */
export const DURATION_HINT = 'must be a duration like 250ms, 60s or 5m (or a number of milliseconds)';
const TOO_LONG = 'must be at most 1000h';

/**
 * Parses `"250ms"`, `"60s"`, `"5m"`, `"1.5h"`, `"300us"`, `".5s"` or a plain number of
 * milliseconds (as a number or as text). Returns `undefined` for anything else, including
 * negative, infinite or longer-than-`MAX_DURATION_MS` values, so callers can phrase their own error.
 */
export function parseDuration(text: string | number): number | undefined {
  let ms: number;
  if (typeof text === 'number') ms = text;
  else {
    const match = DURATION_PATTERN.exec(text);
    if (!match) return undefined;
    ms = Number(match[1]) * UNIT_MS[match[2] ?? 'ms'];
  }
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_DURATION_MS ? ms : undefined;
}

/** Formats milliseconds the way a person reads them: `850ms`, `12.5s`, `3m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms === 0) return '0ms';
  if (Math.abs(ms) < 1) return `${round(ms * 1000)}us`;
  if (Math.abs(ms) < 1000) return `${round(ms)}ms`;
  if (Math.abs(ms) < 60_000 || ms % 60_000 !== 0) return `${round(ms / 1000)}s`;
  return `${ms / 60_000}m`;
}

/** A run's length as people say it: in hours from an hour on (`1000h`, not `60000m`), else as `formatDuration`. */
export function formatRunLength(ms: number): string {
  return ms >= 3_600_000 ? `${Math.round((ms / 3_600_000) * 100) / 100}h` : formatDuration(ms);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Schema of a duration field: accepts both spellings, yields milliseconds. */
export const DurationSchema = z
  .union(
    [
      z.number({ error: DURATION_HINT }).nonnegative({ error: 'must not be negative' }).max(MAX_DURATION_MS, { error: TOO_LONG }),
      z
        .string({ error: DURATION_HINT })
        .regex(DURATION_PATTERN, { error: DURATION_HINT })
        .refine((text) => parseDuration(text) !== undefined, { error: TOO_LONG }),
    ],
    { error: DURATION_HINT },
  )
  .transform((value) => parseDuration(value) as number)
  .meta({ description: 'Milliseconds, or a string such as "250ms", "60s", "5m" (at most 1000h).' });

/** A duration that must be strictly positive (a timeout, a period). */
export const PositiveDurationSchema = DurationSchema.refine((ms) => ms > 0, { error: 'must be greater than 0' });
