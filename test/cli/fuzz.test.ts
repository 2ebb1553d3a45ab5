/**
 * Fuzzing the way in (issue 19): the example files, mutated the ways a hostile or broken file
 * can be (missing fields, wrong types, huge, negative and non-finite numbers, unknown kinds,
 * references to missing nodes, 10^5-deep nesting, a byte-order mark, text that is not JSON or
 * is cut short, graphs of 10^5 nodes). Every invalid case must end quickly with exit code 2 and
 * a named problem (a path and a sentence), never a stack trace; a mutation that stays valid need
 * only validate (it is not run: how long a valid run may take is the run budget's business).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { main } from '../../src/cli/main.ts';
import { validateScenarioText } from '../../src/model/index.ts';
import { chainScenario } from '../support/bigScenarios.ts';

const root = new URL('../../', import.meta.url).pathname;
const examplesDir = join(root, 'simulations/examples');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => readFileSync(join(examplesDir, f), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'crosstalk-fuzz-'));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path in a document to a value (not the root), found without recursion. */
function pathsOf(doc: Json): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: { value: Json; path: (string | number)[] }[] = [{ value: doc, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: Json; path: (string | number)[] };
    if (path.length > 0) out.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
  }
  return out.sort((a, b) => a.join('.').localeCompare(b.join('.'))); // an order that does not depend on the walk
}

/** The parent of `path` and its last key. */
function parentOf(doc: Json, path: readonly (string | number)[]): [Record<string | number, Json>, string | number] {
  let value = doc as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) value = value[key] as Record<string | number, Json>;
  return [value, path[path.length - 1]];
}

/** Stand-ins written into a document and then replaced in its text (by what JSON.stringify cannot write). */
const DEEP = 'fuzz-deep-value',
  NUMBER = 'fuzz-number-value';
const nested = (depth: number, objects: boolean) =>
  objects ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** One way to damage a document: a function of the parsed example and a few random choices, giving the file's text. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('retype' as const),
    at: fc.nat(),
    value: fc.constantFrom<Json>('text', 7, true, null, [], {}, [1, 2], { x: 1 }, ''),
  }),
  fc.record({
    op: fc.constant('number' as const),
    at: fc.nat(),
    value: fc.constantFrom('1e308', '1e999', '-1e999', '-1', '-0.5', '0', '1e-300', '123456789012345678901234567890', 'NaN', 'Infinity'),
  }),
  fc.record({ op: fc.constant('kind' as const), at: fc.nat(), value: fc.constantFrom('teleporter', 'Service', '', 'client ') }),
  fc.record({ op: fc.constant('missingNode' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('deep' as const), at: fc.nat(), depth: fc.constantFrom(1_000, 100_000), objects: fc.boolean() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('garbage' as const),
    text: fc.constantFrom(
      '',
      ' ',
      'null',
      '[]',
      '"scenario"',
      'nodes: [web, api]',
      '{',
      '}{',
      '\u0000',
      '{"version": 1,}',
      '\uFEFF\uFEFF{}',
    ),
  }),
  fc.record({ op: fc.constant('bom' as const) }),
  fc.record({ op: fc.constant('bigGraph' as const), cycle: fc.boolean() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

/** The file's text after `m` (and, with `bom`, a byte-order mark before it). */
function mutate(source: string, m: Mutation, bom: boolean): string {
  const doc = JSON.parse(source) as Json;
  const paths = pathsOf(doc);
  const pick = (at: number, keep: (p: (string | number)[]) => boolean = () => true) => {
    const candidates = paths.filter(keep);
    return candidates.length === 0 ? undefined : candidates[at % candidates.length];
  };
  let text: string;
  switch (m.op) {
    case 'delete':
    case 'retype':
    case 'kind':
    case 'missingNode':
    case 'deep': {
      const keep =
        m.op === 'kind'
          ? (p: (string | number)[]) => p[p.length - 1] === 'kind'
          : m.op === 'missingNode'
            ? (p: (string | number)[]) => ['from', 'to', 'target', 'link'].includes(String(p[p.length - 1]))
            : undefined;
      const path = pick(m.at, keep);
      if (path) {
        const [parent, key] = parentOf(doc, path);
        if (m.op === 'delete') {
          if (Array.isArray(parent)) parent.splice(Number(key), 1);
          else delete parent[key];
        } else if (m.op === 'retype' || m.op === 'kind') parent[key] = m.value;
        else if (m.op === 'missingNode') parent[key] = 'nobody-here';
        else parent[key] = DEEP;
      }
      text = JSON.stringify(doc, null, 2);
      if (m.op === 'deep') text = text.replace(`"${DEEP}"`, nested(m.depth, m.objects));
      break;
    }
    case 'number': {
      // Written into the text as it stands: some of these are not JSON at all (NaN, Infinity).
      const path = pick(m.at, (p) => typeof parentOf(doc, p)[0][p[p.length - 1]] === 'number');
      if (path) parentOf(doc, path)[0][path[path.length - 1]] = NUMBER;
      text = JSON.stringify(doc, null, 2).replace(`"${NUMBER}"`, m.value);
      break;
    }
    case 'truncate':
      text = source.slice(0, m.at % source.length);
      break;
    case 'garbage':
      text = m.text;
      break;
    case 'bom':
      text = source;
      break;
    case 'bigGraph':
      text = JSON.stringify(chainScenario(100_000, m.cycle ? 0 : undefined));
      break;
  }
  return bom ? `\uFEFF${text}` : text;
}

/** A named problem as the CLI prints it: two spaces, a path (or "(document)"), a colon, a sentence. */
const NAMED_PROBLEM = /^ {2}(\(document\)|[^\s:][^:\n]*): \S/m;
const STACK_LINE = /\n\s+at .+:\d+:\d+/;

let cases = 0;
function write(text: string): string {
  const path = join(dir, `case-${cases++}.json`);
  writeFileSync(path, text);
  return path;
}

describe('fuzzing the way in: every broken file is refused plainly', () => {
  it('ends each mutated example within 10 s: valid, or exit code 2 with a named problem and no stack trace', () => {
    let invalid = 0;
    fc.assert(
      fc.property(fc.nat({ max: examples.length - 1 }), mutation, fc.boolean(), (example, m, bom) => {
        const text = mutate(examples[example], m, bom);
        const t0 = performance.now();
        if (validateScenarioText(text).ok) {
          expect(performance.now() - t0).toBeLessThan(10_000);
          return; // still valid: that is all it has to be (running it is not this test's business)
        }
        invalid++;
        const out: string[] = [],
          err: string[] = [];
        const code = main([write(text)], { log: (s) => out.push(s), error: (s) => err.push(s) });
        expect(performance.now() - t0).toBeLessThan(10_000);
        expect(code).toBe(2);
        expect(out).toEqual([]);
        const stderr = err.join('\n');
        expect(stderr).toMatch(/ is not a valid scenario \([\d,]+ problems?\):/);
        expect(stderr).toMatch(NAMED_PROBLEM);
        expect(stderr).not.toMatch(STACK_LINE);
      }),
      { seed: 19, numRuns: 150 },
    );
    expect(invalid).toBeGreaterThan(75); // most mutations break the file: the property was tested, not skipped
  });

  it('prints no stack trace from the real command either (a child process, as a person runs it)', () => {
    const mm1 = examples.find((e) => e.includes('"M/M/1 queue"')) as string;
    const texts = [
      mutate(mm1, { op: 'deep', at: 3, depth: 100_000, objects: false }, false),
      mutate(mm1, { op: 'deep', at: 5, depth: 100_000, objects: true }, true),
      mutate(mm1, { op: 'truncate', at: 200 }, false),
      mutate(mm1, { op: 'number', at: 1, value: 'NaN' }, false),
      mutate(mm1, { op: 'bigGraph', cycle: true }, true),
    ];
    for (const text of texts) {
      const result = spawnSync(join(root, 'node_modules/.bin/tsx'), ['src/cli/main.ts', write(text)], {
        cwd: root,
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toMatch(NAMED_PROBLEM);
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(result.stdout).toBe('');
    }
  });
});
