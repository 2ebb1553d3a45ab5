/**
 * Text ⇄ value for the inspector's inputs: numbers, durations ("250ms", "2s" or a number of ms,
 * as in scenario files), percentages. Parsing only checks that the text *is* a value of the
 * right sort; whether the value is allowed is the schema's call (see useFieldValidation).
 * An empty input means "not set": the schema's default applies, or it reports the field as required.
 */
import { DURATION_HINT, formatDuration, parseDuration } from '../../model/index.ts';

export type ParseResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

const ok = (value: unknown): ParseResult => ({ ok: true, value });
const fail = (error: string): ParseResult => ({ ok: false, error });

/** A number as typed: `12`, `2.5`, `1e3`. */
export function parseNumberText(text: string): ParseResult {
  const trimmed = text.trim();
  if (trimmed === '') return ok(undefined);
  const value = Number(trimmed);
  return Number.isFinite(value) ? ok(value) : fail('must be a number');
}

/** A capacity: a number, or nothing / "no limit" / "∞" for no limit (null). */
export function parseLimitText(text: string): ParseResult {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '' || trimmed === 'no limit' || trimmed === 'none' || trimmed === '∞' || trimmed === 'unlimited') return ok(null);
  const parsed = parseNumberText(trimmed);
  return parsed.ok ? parsed : fail('must be a number, or empty for no limit');
}

/**
 * A duration: a bare number is milliseconds (stored as a number), anything with a unit is kept as
 * written (`"2s"`), the way a person would write it in a scenario file.
 */
export function parseDurationText(text: string): ParseResult {
  const trimmed = text.trim();
  if (trimmed === '') return ok(undefined);
  if (trimmed.startsWith('-')) return fail('must not be negative');
  if (parseDuration(trimmed) === undefined) return fail(DURATION_HINT);
  return /^(\d+(\.\d+)?|\.\d+)$/.test(trimmed) ? ok(Number(trimmed)) : ok(trimmed);
}

/** A percentage as typed (`5`, `2.5 %`) → a probability (0.05, 0.025). */
export function parsePercentText(text: string): ParseResult {
  const trimmed = text.trim().replace(/\s*%$/, '');
  if (trimmed === '') return ok(undefined);
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return fail('must be a percentage, like 5 or 2.5');
  if (value < 0 || value > 100) return fail('must be between 0 % and 100 %');
  // 12.3 / 100 is 0.12300000000000001 in floating point: keep what the person meant.
  return ok(Number((value / 100).toPrecision(12)));
}

export function formatNumberText(value: unknown): string {
  return typeof value === 'number' ? String(value) : '';
}

/** A duration as stored (number of ms or text) → what the input shows. */
export function formatDurationText(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? formatDuration(value) : '';
}

export function formatPercentText(value: unknown): string {
  return typeof value === 'number' ? String(Number((value * 100).toPrecision(12))) : '';
}
