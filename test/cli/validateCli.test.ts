/**
 * The command line at the edges of validation (issue 19), driven in-process through `main`:
 * a flood of problems is listed in part and counted in full; a byte-order mark is accepted.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { missingNodesText } from '../support/bigScenarios.ts';

const dir = mkdtempSync(join(tmpdir(), 'crosstalk-validate-'));

/** Runs `npm run sim -- …args` in this process; its exit code and what it wrote. */
export function simInProcess(...args: string[]) {
  const out: string[] = [],
    err: string[] = [];
  const code = main(args, { log: (text) => out.push(text), error: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('npm run sim on a file with a flood of problems', () => {
  it('lists the first 100 and counts the rest by kind, exactly', () => {
    const text = missingNodesText(2_000_000);
    const links = text.split('"from"').length - 1;
    const total = 2 * links + 1;
    const { code, err } = simInProcess(file('flood.json', text));
    expect(code).toBe(2);
    const lines = err.split('\n');
    expect(lines[0]).toBe(`${join(dir, 'flood.json')} is not a valid scenario (${total.toLocaleString('en')} problems):`);
    // The shape problem first, then the links' own, in order; the rest counted by kind.
    expect(lines[1]).toBe('  links: must have at most 10000 links');
    expect(lines.slice(2, 101)).toEqual(
      Array.from(
        { length: 99 },
        (_, k) => `  links[${k >> 1}].${k % 2 ? 'to' : 'from'}: no node has the id "${k % 2 ? 'b' : 'a'}${k >> 1}"`,
      ),
    );
    expect(lines[101]).toBe(
      `  … and ${(total - 100).toLocaleString('en')} more: ${(total - 100).toLocaleString('en')} × no node has the id "…"`,
    );
    expect(lines).toHaveLength(102);
  });

  it('does the same with a flood of warnings (20,000 queues nobody consumes from)', () => {
    const nodes = Array.from({ length: 20_000 }, (_, i) => ({ id: `q${i}`, kind: 'queue' }));
    const { code, err } = simInProcess(file('queues.json', JSON.stringify({ version: 1, nodes })));
    expect(code).toBe(2);
    const lines = err.split('\n');
    expect(
      lines
        .slice(0, 100)
        .every((l, i) => l === `warning: nodes[${i}]: nothing consumes from "q${i}": its messages pile up (link it to a service)`),
    ).toBe(true);
    expect(lines[100]).toBe('warning: … and 19,900 more: 19,900 × nothing consumes from "…": its messages pile up (link it to a service)');
    expect(lines.slice(101)).toEqual([
      `${join(dir, 'queues.json')} is not a valid scenario (1 problem):`,
      '  nodes: must have at most 1000 nodes',
    ]);
  });
});

describe('a byte-order mark before the JSON', () => {
  it('is accepted by npm run sim', () => {
    const text = readFileSync(new URL('../../simulations/examples/mm1.json', import.meta.url), 'utf8');
    const { code, out, err } = simInProcess(file('bom.json', `\uFEFF${text}`), '--until', '1s', '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ until: 1000 });
  });
});
