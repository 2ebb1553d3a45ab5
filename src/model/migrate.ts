/**
 * Versions and migrations. Every document says which version of the format it is written in;
 * older documents are brought up to date one version at a time before validation, so the rest
 * of Crosstalk only ever sees the current version.
 */
import { SCENARIO_VERSION } from './scenario.ts';

/** Upgrades a document from version N to N + 1. Receives and returns plain JSON. */
export type Migration = (document: Record<string, unknown>) => Record<string, unknown>;

/**
 * `MIGRATIONS[n]` turns a version-n document into a version-(n+1) one. Empty while there is
 * only version 1; the first format change adds `1: (doc) => ({ ...doc, version: 2, ... })`.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrationResult =
  | { readonly ok: true; readonly document: Record<string, unknown>; readonly migratedFrom?: number }
  | { readonly ok: false; readonly message: string; readonly path: string };

/** Brings a parsed JSON document to the current version, or says why it cannot. */
export function migrate(
  input: unknown,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  current: number = SCENARIO_VERSION,
): MigrationResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, path: '', message: 'must be a JSON object describing a scenario' };
  }
  let document = input as Record<string, unknown>;
  const version = document.version;
  if (version === undefined) return { ok: false, path: 'version', message: `is required (this version of Crosstalk writes ${current})` };
  if (typeof version === 'string' && /^\s*\d+\s*$/.test(version)) {
    return { ok: false, path: 'version', message: `must be a number, not text: write "version": ${version.trim()} without quotes` };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, path: 'version', message: `must be a whole number from 1 to ${current}` };
  }
  if (version > current) {
    return { ok: false, path: 'version', message: `is ${version}, made by a newer Crosstalk; this one reads up to version ${current}` };
  }
  for (let v = version; v < current; v++) {
    const step = migrations[v];
    if (!step) return { ok: false, path: 'version', message: `no migration from version ${v} to ${v + 1}` };
    document = step(document);
  }
  return version === current ? { ok: true, document } : { ok: true, document, migratedFrom: version };
}
