/**
 * The import graph of the source files and its cycles, for test/lint/importCycles.test.ts.
 *
 * Imports are read with the TypeScript parser (already a dependency, so no new package): each
 * static import or re-export is a `value` edge, unless written `import type` / `export type`
 * (erased from the output: a `type` edge). Under `verbatimModuleSyntax` (tsconfig.json) an import
 * whose names are all marked `type` inline (`import { type A } from`) still loads its module, so
 * it counts as a value edge. A type position's `import('./x').T` is a `type` edge. A dynamic
 * `import('./x')` is a `dynamic` edge, left out of both graphs: the module it loads is evaluated
 * after its importer, so it cannot take part in an evaluation-order cycle.
 *
 * A cycle is reported as a strongly connected component (files that all reach one another), as
 * issue 21 counts them ("13 files by value imports"), with one concrete shortest cycle through it
 * to show where to cut.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import ts from 'typescript';

export type ImportKind = 'value' | 'type' | 'dynamic';

/** One import statement's target as written, and its kind. */
export interface ImportRef {
  readonly specifier: string;
  readonly kind: ImportKind;
}

/** The imports of one file's text (see the file comment for the kinds). */
export function importsOf(fileName: string, text: string): ImportRef[] {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const refs: ImportRef[] = [];
  const add = (specifier: ts.Node | undefined, kind: ImportKind) => {
    if (specifier && ts.isStringLiteralLike(specifier)) refs.push({ specifier: specifier.text, kind });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ? 'type' : 'value');
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly ? 'type' : 'value');
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly ? 'type' : 'value');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, 'type');
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], 'dynamic');
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

/**
 * The file a relative specifier names, among `files` (paths relative to the root, with `/`), or
 * undefined (a package, a file outside the set such as a .css or .json one). A `?query` (Vite's
 * `?url`, `?worker`) is ignored; an extensionless specifier tries .ts, .tsx and index files.
 */
export function resolveImport(from: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(from), specifier.replace(/\?.*$/, '')));
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((candidate) => files.has(candidate));
}

/** A directed graph: file → the files it imports. */
export type Graph = ReadonlyMap<string, ReadonlySet<string>>;

/** Value-import and type-inclusive graphs of the given files (`read` gives a file's text). */
export function importGraphs(files: readonly string[], read: (file: string) => string): { readonly value: Graph; readonly all: Graph } {
  const known = new Set(files);
  const value = new Map<string, Set<string>>(),
    all = new Map<string, Set<string>>();
  for (const file of files) {
    value.set(file, new Set());
    all.set(file, new Set());
  }
  for (const file of files) {
    for (const { specifier, kind } of importsOf(file, read(file))) {
      if (kind === 'dynamic') continue;
      const target = resolveImport(file, specifier, known);
      if (target === undefined) continue;
      all.get(file)!.add(target);
      if (kind === 'value') value.get(file)!.add(target);
    }
  }
  return { value, all };
}

/** Every .ts and .tsx file under `dir` of `root`, as paths relative to `root`, sorted. */
export function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(posix.join(root, rel))) {
      const path = posix.join(rel, name);
      if (statSync(posix.join(root, path)).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}

/** Reads a file relative to `root`. */
export const reader =
  (root: string) =>
  (file: string): string =>
    readFileSync(posix.join(root, file), 'utf8');

/**
 * The graph's cycles: its strongly connected components of two or more files, and single files
 * that import themselves. Each is sorted; the list is sorted by its first file.
 */
export function cyclesOf(graph: Graph): string[][] {
  // Tarjan's algorithm (recursive: a source tree is far shallower than the stack).
  let counter = 0;
  const index = new Map<string, number>(),
    low = new Map<string, number>();
  const stack: string[] = [],
    onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.has(v)) components.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);
  return components.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** A shortest cycle through `start` (start → … → start), or undefined if there is none. */
export function shortestCycle(graph: Graph, start: string): string[] | undefined {
  const previous = new Map<string, string>();
  let frontier = [start];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const v of frontier) {
      for (const w of graph.get(v) ?? []) {
        if (w === start) {
          const path = [start];
          for (let u: string | undefined = v; u !== undefined && u !== start; u = previous.get(u)) path.splice(1, 0, u);
          return [...path, start];
        }
        if (!previous.has(w)) {
          previous.set(w, v);
          next.push(w);
        }
      }
    }
    frontier = next;
  }
  return undefined;
}

/**
 * What is wrong with `current` cycles given the `allowed` ones: a cycle that is no allowed one's
 * subset (new, or an allowed one grown), and an allowed cycle that no longer exists as listed
 * (gone or shrunk: the list must shrink with it). Empty when they match exactly.
 */
export function compareCycles(current: readonly (readonly string[])[], allowed: readonly (readonly string[])[], graph: Graph): string[] {
  const key = (cycle: readonly string[]) => [...cycle].sort().join(' ');
  const allowedKeys = new Set(allowed.map(key));
  const currentKeys = new Set(current.map(key));
  const problems: string[] = [];
  for (const cycle of current) {
    if (allowedKeys.has(key(cycle))) continue;
    const within = allowed.find((a) => cycle.every((f) => a.includes(f)));
    if (within) continue; // a smaller cycle inside an allowed one: reported below, as the allowed one shrank
    const grown = allowed.find((a) => a.some((f) => cycle.includes(f)));
    const added = grown ? cycle.filter((f) => !grown.includes(f)) : cycle;
    const example = shortestCycle(graph, added[0])?.join(' → ');
    problems.push(
      grown
        ? `an allowed cycle grew: it now also takes in ${added.join(', ')} (e.g. ${example})`
        : `a new import cycle: ${cycle.join(', ')} (e.g. ${example})`,
    );
  }
  for (const cycle of allowed) {
    if (currentKeys.has(key(cycle))) continue;
    if (current.some((c) => cycle.every((f) => c.includes(f)))) continue; // it grew: reported above
    const now = current.filter((c) => c.every((f) => cycle.includes(f)));
    problems.push(
      now.length === 0
        ? `an allowed cycle is gone, well done: remove it from the allowlist (${cycle.join(', ')})`
        : `an allowed cycle shrank, well done: replace it in the allowlist by ${now.map((c) => `[${c.join(', ')}]`).join(' and ')}`,
    );
  }
  return problems;
}
