/**
 * Writes the published JSON Schema of the scenario document, generated from the zod schema
 * (the single source of truth). With `--check`, fails if the file on disk is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../model/jsonSchema.ts';

const target = fileURLToPath(new URL('../../public/schema/scenario.v1.json', import.meta.url));
const text = scenarioJsonSchemaText();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* missing counts as stale */
  }
  if (current !== text) {
    console.error('public/schema/scenario.v1.json is out of date with src/model: run `npm run schema` and commit the result.');
    process.exit(1);
  }
  console.log('public/schema/scenario.v1.json is up to date.');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
