/** The shipped simulation scripts (simulations/scripts/*.ts), by name, for the tests that run them. */
import { readdirSync, readFileSync } from 'node:fs';

const folder = new URL('../../simulations/scripts/', import.meta.url);

/** Every shipped script's name (its file name without .ts), sorted. */
export const SHIPPED_SCRIPTS: readonly string[] = readdirSync(folder)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

/** A shipped script's source. */
export function shippedScript(name: string): string {
  return readFileSync(new URL(`${name}.ts`, folder), 'utf8');
}

/** Limits generous enough for a loaded test machine: these tests are about output, not speed. */
export const GENEROUS = { timeLimitMs: 120_000 } as const;
