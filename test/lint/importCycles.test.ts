/**
 * Import cycles among the files of src/: none but the known ones, and those may only shrink.
 *
 * Two graphs (test/support/importGraph.ts): value imports only (what is evaluated at run time:
 * a cycle there makes evaluation order matter), and value plus type-only imports (a cycle there
 * still ties the files' designs together). Each has an allowlist of the cycles known today. The
 * test fails on a cycle outside the list (a new one, or a known one grown by a file), and on a
 * listed cycle that no longer exists as listed (gone or shrunk), so the list is kept honest: edit
 * it only to remove what the code no longer has. Never add to it; cut the new cycle instead.
 * The current cycles are printed on every run.
 *
 * Why the TypeScript parser and not madge or dependency-cruiser: neither is installed (each
 * brings a tree of packages into the lockfile every branch shares), and the parser already tells
 * `import type` from a value import exactly, which is the distinction this test is about.
 */
import { describe, expect, it } from 'vitest';
import {
  compareCycles,
  cyclesOf,
  importGraphs,
  importsOf,
  reader,
  resolveImport,
  shortestCycle,
  sourceFiles,
  type Graph,
} from '../support/importGraph.ts';

/** Known cycles by value imports. May only shrink. */
const ALLOWED_VALUE_CYCLES: readonly (readonly string[])[] = [];

/** Known cycles counting type-only imports too. May only shrink. */
const ALLOWED_ALL_CYCLES: readonly (readonly string[])[] = [
  ['src/engine/trace/spareMemory.ts', 'src/engine/trace/traceLog.ts'],
  ['src/ui/app/stores.tsx', 'src/ui/playback/liveState.ts'],
  [
    'src/ui/canvas/edges/AsyncEdge.tsx',
    'src/ui/canvas/edges/LinkEdgeBody.tsx',
    'src/ui/canvas/edges/SyncEdge.tsx',
    'src/ui/canvas/flowElements.ts',
    'src/ui/canvas/nodes/ClientNode.tsx',
    'src/ui/canvas/nodes/GatewayNode.tsx',
    'src/ui/canvas/nodes/LoadBalancerNode.tsx',
    'src/ui/canvas/nodes/QueueNode.tsx',
    'src/ui/canvas/nodes/RegistryNode.tsx',
    'src/ui/canvas/nodes/ServiceNode.tsx',
    'src/ui/canvas/nodes/StreamNode.tsx',
    'src/ui/canvas/nodes/TopicNode.tsx',
    'src/ui/kinds/linkKinds.ts',
    'src/ui/kinds/registry.ts',
  ],
];

const root = new URL('../../', import.meta.url).pathname;
const graph = (edges: Record<string, string[]>): Graph => new Map(Object.entries(edges).map(([k, v]) => [k, new Set(v)]));

describe('src has no import cycle but the known ones (they may only shrink)', () => {
  const files = sourceFiles(root, 'src');
  const { value, all } = importGraphs(files, reader(root));
  const print = (title: string, g: Graph) => {
    const cycles = cyclesOf(g);
    const lines = cycles.map((c) => `  ${c.length} files: ${c.join(', ')}\n    e.g. ${shortestCycle(g, c[0])?.join(' → ')}`);
    console.log(`${title}: ${cycles.length} cycle(s)\n${lines.join('\n')}`);
    return cycles;
  };

  it('reads the whole tree', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('src/engine/simulation.ts');
    expect([...value.values()].reduce((n, s) => n + s.size, 0)).toBeGreaterThan(files.length);
  });

  it('by value imports', () => {
    expect(compareCycles(print('Import cycles by value imports', value), ALLOWED_VALUE_CYCLES, value)).toEqual([]);
  });

  it('counting type-only imports too', () => {
    expect(compareCycles(print('Import cycles counting type-only imports', all), ALLOWED_ALL_CYCLES, all)).toEqual([]);
  });
});

describe('reading imports', () => {
  it('tells value, type-only and dynamic imports apart', () => {
    const text = [
      "import { a } from './a.ts';",
      "import type { B } from './b.ts';",
      "import { type C } from './c.ts';",
      "import './d.css';",
      "export { e } from './e.ts';",
      "export type { F } from './f.ts';",
      "export * from './g.ts';",
      "import * as h from './h.ts';",
      "let x: import('./i.ts').I;",
      "const j = () => import('./j.ts');",
      "import React from 'react';",
    ].join('\n');
    expect(importsOf('x.tsx', text)).toEqual([
      { specifier: './a.ts', kind: 'value' },
      { specifier: './b.ts', kind: 'type' },
      // verbatimModuleSyntax keeps `import {} from './c.ts'`: it still loads the module.
      { specifier: './c.ts', kind: 'value' },
      { specifier: './d.css', kind: 'value' },
      { specifier: './e.ts', kind: 'value' },
      { specifier: './f.ts', kind: 'type' },
      { specifier: './g.ts', kind: 'value' },
      { specifier: './h.ts', kind: 'value' },
      { specifier: './i.ts', kind: 'type' },
      { specifier: './j.ts', kind: 'dynamic' },
      { specifier: 'react', kind: 'value' },
    ]);
  });

  it('resolves relative specifiers to known files only', () => {
    const files = new Set(['src/a/x.ts', 'src/b/y.tsx', 'src/b/index.ts']);
    expect(resolveImport('src/a/x.ts', '../b/y.tsx', files)).toBe('src/b/y.tsx');
    expect(resolveImport('src/a/x.ts', '../b/y', files)).toBe('src/b/y.tsx');
    expect(resolveImport('src/a/x.ts', '../b', files)).toBe('src/b/index.ts');
    expect(resolveImport('src/a/x.ts', './x.ts?url', files)).toBe('src/a/x.ts');
    expect(resolveImport('src/a/x.ts', './style.css', files)).toBeUndefined();
    expect(resolveImport('src/a/x.ts', 'react', files)).toBeUndefined();
  });

  it('builds a value graph and a type-inclusive one, leaving out dynamic imports', () => {
    const texts: Record<string, string> = {
      'src/a.ts': "import { b } from './b.ts';\nimport type { C } from './c.ts';\nconst d = () => import('./d.ts');",
      'src/b.ts': '',
      'src/c.ts': '',
      'src/d.ts': "import { a } from './a.ts';",
    };
    const { value, all } = importGraphs(Object.keys(texts), (f) => texts[f]);
    expect([...value.get('src/a.ts')!]).toEqual(['src/b.ts']);
    expect([...all.get('src/a.ts')!].sort()).toEqual(['src/b.ts', 'src/c.ts']);
    expect(cyclesOf(all)).toEqual([]);
  });
});

describe('finding cycles', () => {
  it('finds none in a graph without one, however it branches and joins', () => {
    expect(cyclesOf(graph({ a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }))).toEqual([]);
  });

  it('finds each strongly connected set of files, and a file importing itself', () => {
    const g = graph({ a: ['b'], b: ['c'], c: ['a', 'd'], d: ['e'], e: ['d'], f: ['f'], g: ['a'] });
    expect(cyclesOf(g)).toEqual([['a', 'b', 'c'], ['d', 'e'], ['f']]);
    expect(shortestCycle(g, 'a')).toEqual(['a', 'b', 'c', 'a']);
    expect(shortestCycle(g, 'f')).toEqual(['f', 'f']);
    expect(shortestCycle(g, 'g')).toBeUndefined();
  });

  it('gives the shortest of several cycles through a file', () => {
    expect(shortestCycle(graph({ a: ['b', 'x'], b: ['c'], c: ['a'], x: ['a'] }), 'a')).toEqual(['a', 'x', 'a']);
  });
});

describe('the allowlist', () => {
  const g = graph({ a: ['b'], b: ['a', 'c'], c: ['a'], d: ['e'], e: ['d'] });

  it('passes the known cycles exactly as listed', () => {
    expect(compareCycles([['a', 'b', 'c']], [['c', 'b', 'a']], g)).toEqual([]);
  });

  it('fails on a new cycle, naming its files and a path round it', () => {
    expect(
      compareCycles(
        [
          ['a', 'b', 'c'],
          ['d', 'e'],
        ],
        [['a', 'b', 'c']],
        g,
      ),
    ).toEqual(['a new import cycle: d, e (e.g. d → e → d)']);
  });

  it('fails on a known cycle that took in another file', () => {
    expect(compareCycles([['a', 'b', 'c']], [['a', 'b']], g)).toEqual([
      'an allowed cycle grew: it now also takes in c (e.g. c → a → b → c)',
    ]);
  });

  it('fails on a known cycle that shrank or is gone, so the list shrinks with the code', () => {
    expect(compareCycles([['a', 'b']], [['a', 'b', 'c']], g)).toEqual([
      'an allowed cycle shrank, well done: replace it in the allowlist by [a, b]',
    ]);
    expect(compareCycles([], [['a', 'b', 'c']], g)).toEqual([
      'an allowed cycle is gone, well done: remove it from the allowlist (a, b, c)',
    ]);
  });
});
