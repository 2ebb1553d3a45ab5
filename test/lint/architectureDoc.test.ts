/**
 * docs/ARCHITECTURE.md stays true to the tree: every path it names under src/, test/, bench/,
 * simulations/, docs/ or public/ exists (a `*` or a `<placeholder>` matches any name; paths a
 * planned change will create are written without the `src/` prefix), and no source file cites the
 * design document the repository does not contain (it lived outside it).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const doc = readFileSync(posix.join(root, 'docs/ARCHITECTURE.md'), 'utf8');

/** Every repository path the text names (see the file comment), in order, without repeats. */
function pathsIn(text: string): string[] {
  const found = text.match(/(?<![\w./-])(?:src|test|bench|simulations|docs|public)\/[\w.*<>/-]*/g) ?? [];
  return [...new Set(found.map((p) => p.replace(/[.,]+$/, '')))];
}

/** Whether `path` (relative to the root; `*` and `<…>` match any name within one segment) exists. */
function exists(path: string): boolean {
  const segments = path.replace(/\/$/, '').split('/');
  let candidates = [root];
  for (const segment of segments) {
    if (!/[*<]/.test(segment)) {
      candidates = candidates.map((c) => posix.join(c, segment)).filter((c) => existsSync(c));
      continue;
    }
    const pattern = new RegExp(`^${segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*|<[^>]*>/g, '.+')}$`);
    const matches = (dir: string) =>
      readdirSync(dir)
        .filter((n) => pattern.test(n))
        .map((n) => posix.join(dir, n));
    candidates = candidates.flatMap((c) => (statSync(c).isDirectory() ? matches(c) : []));
  }
  return candidates.length > 0;
}

function filesUnder(dir: string): string[] {
  return readdirSync(posix.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(tsx?|js|css)$/.test(f))
    .map((f) => posix.join(dir, f));
}

describe('docs/ARCHITECTURE.md', () => {
  it('names only paths that exist', () => {
    const paths = pathsIn(doc);
    expect(paths.length).toBeGreaterThan(50);
    expect(paths.filter((p) => !exists(p))).toEqual([]);
  });

  it('is what the source files cite, not a design document the repository lacks', () => {
    const cited = 'DESIGN' + '.md'; // spelled apart so this file does not cite it
    const files = [...filesUnder('src'), ...filesUnder('test'), ...filesUnder('bench'), 'eslint.config.js'];
    expect(files.filter((f) => readFileSync(posix.join(root, f), 'utf8').includes(cited))).toEqual([]);
  });
});

describe('reading paths out of the text', () => {
  it('finds paths with or without backticks, trims sentence punctuation, skips paths inside other paths', () => {
    const text =
      'See `src/engine/simulate.ts`, then src/model/. Not engine/kernel/ nor ../src/x.ts; ' +
      'test/support/*.ts and simulations/lessons/<id>.json.';
    expect(pathsIn(text)).toEqual(['src/engine/simulate.ts', 'src/model/', 'test/support/*.ts', 'simulations/lessons/<id>.json']);
  });

  it('knows a missing path from a present one, with wildcards and placeholders', () => {
    expect(exists('src/engine/simulate.ts')).toBe(true);
    expect(exists('src/engine/')).toBe(true);
    expect(exists('simulations/lessons/<id>.json')).toBe(true);
    expect(exists('src/ui/canvas/nodes/*.tsx')).toBe(true);
    expect(exists('src/engine/nothing/')).toBe(false);
    expect(exists('src/engine/simulate.tsx')).toBe(false);
    expect(exists('src/nothing/*.ts')).toBe(false);
  });
});
