/**
 * Every shipped script (simulations/scripts) runs in Node's sandbox with every check passing, and
 * typechecks against the generated API declarations, as the editor would check it.
 */
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { runScript } from '../../src/script/runInNode.ts';
import { API_DECLARATIONS } from '../../src/script/apiDeclarations.ts';
import { GENEROUS, SHIPPED_SCRIPTS, shippedScript } from '../support/shippedScripts.ts';

/** TypeScript's diagnostics for a script beside the API declarations (ES2023 library, no DOM: a script has none). */
function typeErrors(source: string): string[] {
  const files: Record<string, string> = { '/crosstalk.d.ts': API_DECLARATIONS, '/script.ts': source };
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2023.d.ts'], types: [] };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => files[name] ?? readFile(name);
  host.fileExists = (name) => name in files || ts.sys.fileExists(name);
  host.getSourceFile = (name, version) => (name in files ? ts.createSourceFile(name, files[name], version) : getSourceFile(name, version));
  const program = ts.createProgram(Object.keys(files), options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return `${d.file?.fileName ?? ''}:${where ? where.line + 1 : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('the shipped scripts', () => {
  it('are at least six', () => {
    expect(SHIPPED_SCRIPTS.length).toBeGreaterThanOrEqual(6);
  });

  it.each(SHIPPED_SCRIPTS)(
    '%s runs to its end in Node with every check passing',
    async (name) => {
      const result = await runScript(shippedScript(name), GENEROUS);
      expect(result.error).toBeUndefined();
      const checks = result.items.filter((i) => i.kind === 'check');
      expect(checks.length).toBeGreaterThan(0);
      expect(checks.filter((c) => !c.passed)).toEqual([]);
      expect(result.items.some((i) => i.kind === 'table')).toBe(true);
    },
    120_000,
  );

  it.each(SHIPPED_SCRIPTS)(
    '%s typechecks against the API declarations',
    (name) => {
      expect(typeErrors(shippedScript(name))).toEqual([]);
    },
    60_000,
  );

  it('a type error in a script is caught by the same check (it is not vacuous)', () => {
    const errors = typeErrors('const r = run(system()); r.clients.x.notAField;\nservice("a", { workers: "four" });');
    expect(errors).toEqual([
      expect.stringMatching(/^\/script\.ts:1: .*notAField/),
      expect.stringMatching(/^\/script\.ts:2: .*'string' is not assignable to type 'number'/),
    ]);
  }, 60_000);
});
