/**
 * `npm run sim -- script FILE.ts`: its output, and its exit codes (0 passed, 1 a check failed, 2 an invalid script), as a person runs it.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sim } from '../support/cli.ts';

function scriptFile(source: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'crosstalk-script-')), 'script.ts');
  writeFileSync(file, source);
  return file;
}

describe('npm run sim -- script', () => {
  it("prints a shipped script's tables and checks as plain text and exits 0", () => {
    const { code, out, err } = sim('script', 'simulations/scripts/retry-amplification.ts');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('A failing database behind three layers of retries');
    expect(out).toMatch(/attempts per layer +user requests/);
    expect(out).toContain('PASS  3 × 3 × 3 attempts reach the database 27 times per request');
    expect(out).toContain('2 of 2 checks passed.');
  });

  it('--json prints the items; the same seed gives the same items, another seed other ones', () => {
    const file = scriptFile(
      `log(random()); const r = run(system({ duration: '2s' }).client('c', { target: 's', workload: { pattern: 'poisson', rate: 20 } }).service('s').link('c', 's')); table([{ sent: r.clients.c.sent }]);`,
    );
    const a = sim('script', file, '--seed', '4', '--json');
    const b = sim('script', file, '--seed', '4', '--json');
    const c = sim('script', file, '--seed', '5', '--json');
    expect(a.code).toBe(0);
    const parsed = JSON.parse(a.out) as { items: { kind: string }[] };
    expect(parsed.items.map((i) => i.kind)).toEqual(['log', 'table']);
    expect(b.out).toBe(a.out);
    expect(c.out).not.toBe(a.out);
  });

  it('exits 1 when a check fails', () => {
    const { code, out } = sim('script', scriptFile(`check('fine', true); check('broken', false, 'as expected');`));
    expect(code).toBe(1);
    expect(out).toContain('FAIL  broken: as expected');
    expect(out).toContain('1 of 2 checks passed.');
  });

  it.each([
    ['a syntax error', 'const a = 1;\nconst b: number = ;', /script\.ts:2:19: syntax error: Unexpected token/],
    ['a runtime error', 'log("hi");\nnull.x;', /script\.ts:2:\d+: error: TypeError: cannot read property 'x' of null/],
    [
      'an invalid system',
      'run(system().service("s", { workers: 0 }));',
      /script\.ts:1:\d+: invalid system: run\(\) was given a system that is not valid \(1 problem\)\n {2}nodes\[0\]\.workers: must be greater than 0/,
    ],
    ['a limit', 'while (true) {}', /script\.ts: stopped: the script ran longer than its limit \(0\.5 s\)/],
    ['the network', 'fetch("https://example.com")', /script\.ts:1:\d+: refused: scripts cannot use the network: fetch is not available/],
  ])('exits 2 with a plain message, no stack trace, for %s', (_, source, message) => {
    const { code, err } = sim('script', scriptFile(source), '--time-limit', '0.5');
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a missing file or bad arguments', () => {
    expect(sim('script', 'nowhere.ts')).toMatchObject({ code: 2, err: expect.stringContaining('cannot read nowhere.ts: no such file') });
    expect(sim('script', 'x.ts', '--seed', 'abc')).toMatchObject({ code: 2, err: expect.stringContaining('--seed needs a whole number') });
    expect(sim('script')).toMatchObject({ code: 2, err: expect.stringContaining('which script?') });
  });
});
