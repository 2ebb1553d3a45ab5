/** The sandbox (issue 22): limits, refusals, and errors that point at the script's own line and column. */
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/script/runInNode.ts';
import { problemSentences } from '../../src/script/host.ts';
import { validateScenario } from '../../src/model/index.ts';

describe('limits', () => {
  it('stops while (true) {} at its time limit, keeping what it published before', async () => {
    const result = await runScript('log("before");\nwhile (true) {}', { timeLimitMs: 300 });
    expect(result.error).toMatchObject({ kind: 'time', message: expect.stringContaining('limit (0.3 s)') });
    expect(result.items).toEqual([{ kind: 'log', text: 'before' }]);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(300);
    expect(result.elapsedMs).toBeLessThan(3000);
  });

  it('stops a memory blow-up at the memory cap', async () => {
    const result = await runScript('const kept = [];\nwhile (true) kept.push(new Float64Array(1e6));', {
      memoryLimitMb: 64,
      timeLimitMs: 30_000,
    });
    expect(result.error).toMatchObject({ kind: 'memory', line: 2 });
  });

  it('reports runaway recursion as an error, and the next script still runs', async () => {
    const result = await runScript('function down(n: number): number { return down(n + 1); }\ndown(0);');
    expect(result.error).toMatchObject({ kind: 'runtime', message: 'InternalError: stack overflow' });
    expect((await runScript('log(1 + 1)')).items).toEqual([{ kind: 'log', text: '2' }]);
  });
});

describe('refusals', () => {
  it.each([
    ['fetch("https://example.com")', 'scripts cannot use the network: fetch is not available'],
    ['new XMLHttpRequest()', 'scripts cannot use the network: XMLHttpRequest is not available'],
    ['new WebSocket("ws://x")', 'scripts cannot use the network: WebSocket is not available'],
    ['importScripts("x.js")', 'scripts cannot use the network: importScripts is not available'],
    ['localStorage.setItem("a", "b")', 'scripts cannot use storage: localStorage is not available'],
    ['indexedDB.open("x")', 'scripts cannot use storage: indexedDB is not available'],
    ['document.title', 'scripts cannot use the page: document is not available'],
    ['Date.now()', 'scripts cannot use the wall clock (same script + same seed = same output): Date.now is not available'],
    ['new Date()', 'scripts cannot use the wall clock (same script + same seed = same output): Date.now is not available'],
  ])('%s is refused with a clear message', async (code, message) => {
    const result = await runScript(`const x = 1;\n${code};`);
    expect(result.error).toMatchObject({ kind: 'refused', message, line: 2 });
  });

  it('a refusal the script catches still ends the run as refused', async () => {
    const result = await runScript('try { fetch("x"); } catch { log("caught"); }');
    expect(result.error?.kind).toBe('refused');
  });

  it('a Date of a given time still works', async () => {
    expect((await runScript('log(new Date(0).toISOString())')).items).toEqual([{ kind: 'log', text: '1970-01-01T00:00:00.000Z' }]);
  });
});

describe('errors point at the script', () => {
  it("a runtime error has the script's own line and column, types removed before it notwithstanding", async () => {
    // Sucrase removes `: Map<string, number>` (21 characters) before the failing access on line 3.
    const source = 'const a: number = 1;\n\nconst m: Map<string, number> = new Map(); const v: { x: number } = null as any; v.x;\n';
    const result = await runScript(source);
    expect(result.error).toMatchObject({ kind: 'runtime', message: "TypeError: cannot read property 'x' of null", line: 3 });
    // QuickJS points at the property access: `.x` in the TypeScript source.
    expect(result.error?.column).toBe(source.split('\n')[2].indexOf('v.x') + 2);
  });

  it('a thrown Error keeps its message and line', async () => {
    const result = await runScript('\n\nfunction f(): void {\n  throw new Error("bad input");\n}\nf();');
    expect(result.error).toMatchObject({ kind: 'runtime', message: 'Error: bad input', line: 4 });
  });

  it('a syntax error names its line and column', async () => {
    const result = await runScript('const ok = 1;\nconst x: number = ;');
    expect(result.error).toMatchObject({ kind: 'syntax', line: 2, column: 19 });
  });

  it('an invalid system stops the script with the problem list an import shows, at the call', async () => {
    const bad = {
      version: 1,
      nodes: [
        { id: 'c', kind: 'client', target: 'nowhere', workload: { pattern: 'constant', rate: 1 } },
        { id: 's', kind: 'service', workers: 0 },
      ],
    };
    const result = await runScript(`log('building');\nrun(${JSON.stringify(bad)});\nlog('never');`);
    const expected = validateScenario(bad);
    if (expected.ok) throw new Error('the fixture should be invalid');
    expect(result.error).toMatchObject({ kind: 'invalid-system', line: 2, problems: problemSentences(expected) });
    expect(result.error?.problems?.length).toBeGreaterThanOrEqual(2);
    expect(result.items).toEqual([{ kind: 'log', text: 'building' }]);
  });

  it('open() of an invalid system is refused the same way', async () => {
    const result = await runScript(`open(system().link('a', 'b'));`);
    expect(result.error).toMatchObject({
      kind: 'invalid-system',
      message: expect.stringContaining('open() was given a system that is not valid'),
    });
  });
});
