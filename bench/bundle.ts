/**
 * `bundle_initial_kib`: how much JavaScript the first page load needs, gzipped. The site is built
 * (as shipped) into a temporary folder with Vite's manifest; the JS counted is the entry chunk of
 * index.html and, recursively, its static imports (what the browser fetches before the page can
 * run). Lazy chunks (dynamic imports, e.g. the editor or image export) and the simulation worker
 * are not counted; the worker's size is given alongside. Monaco must never be among the counted
 * files: it loads only when the editor opens.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface InitialBundle {
  /** Sum of the gzipped (level 9) sizes of the counted files, in KiB. */
  readonly kib: number;
  /** The counted files (relative to the build folder) with their gzipped sizes in KiB. */
  readonly files: readonly { readonly file: string; readonly kib: number }[];
  /** Counted files (or their sources) that come from Monaco; must be empty. */
  readonly monaco: readonly string[];
  /** The simulation worker(s), gzipped, in KiB (fetched when the page starts, not counted). */
  readonly workerKib: number;
}

const gzipKib = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length / 1024;

/** The entry's file and every file it statically imports, transitively (each once). */
export function initialFiles(manifest: Manifest, entryKey = 'index.html'): ManifestChunk[] {
  const seen = new Set<string>();
  const out: ManifestChunk[] = [];
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build manifest has no chunk "${key}"`);
    out.push(chunk);
    for (const next of chunk.imports ?? []) visit(next);
  };
  visit(entryKey);
  return out.filter((chunk) => chunk.file.endsWith('.js'));
}

/** Builds the site into a temporary folder and measures its initial JavaScript. */
export async function measureInitialBundle(): Promise<InitialBundle> {
  const root = new URL('../', import.meta.url).pathname;
  const outDir = mkdtempSync(join(tmpdir(), 'crosstalk-bundle-'));
  try {
    await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true, manifest: true } });
    const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
    const chunks = initialFiles(manifest);
    const files = chunks.map((chunk) => ({ file: chunk.file, kib: gzipKib(join(outDir, chunk.file)) }));
    const monaco = chunks.filter((chunk) => /monaco/i.test(`${chunk.file} ${chunk.src ?? ''}`)).map((chunk) => chunk.file);
    const assets = readdirSync(join(outDir, 'assets'));
    const workerKib = assets
      .filter((name) => /worker.*\.js$/i.test(name))
      .reduce((sum, name) => sum + gzipKib(join(outDir, 'assets', name)), 0);
    return { kib: files.reduce((sum, f) => sum + f.kib, 0), files, monaco, workerKib };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
