/**
 * The script API's generated files are up to date with their sources (`npm run script:types`),
 * and the declarations say what the editor needs: the global functions and the model's fields.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scriptTypesFiles } from '../../src/cli/writeScriptTypes.ts';
import { API_DECLARATIONS } from '../../src/script/apiDeclarations.ts';

describe('the generated script API files', () => {
  it('match what npm run script:types generates now', () => {
    for (const [path, text] of Object.entries(scriptTypesFiles()))
      expect(readFileSync(path, 'utf8'), `${path} is stale: run npm run script:types`).toBe(text);
  }, 60_000);

  it("declare the API as globals, with the model's own field documentation", () => {
    for (const fn of ['system', 'service', 'client', 'queue', 'link', 'run', 'table', 'chart', 'check', 'log', 'open', 'random']) {
      expect(API_DECLARATIONS).toMatch(new RegExp(`^declare function ${fn}\\(`, 'm'));
    }
    // A schema description (src/model/scenario.ts) as the field's doc comment.
    expect(API_DECLARATIONS).toContain('/** How many requests it works on at once (its worker pool). */\n  workers?: number;');
    // The report's types, from the engine's own interfaces with their docs.
    expect(API_DECLARATIONS).toMatch(
      /interface ClientReport \{[\s\S]*\/\*\* Sent but not ended when the run stopped. \*\/\n {2}readonly inFlight: number;/,
    );
    // Self-contained: no imports, no zod.
    expect(API_DECLARATIONS).not.toMatch(/import\(|\bz\./);
  });
});
