/**
 * Browser tests drive Debian's Chromium (/usr/bin/chromium) through playwright-core, against the
 * built site served from a local static server: what a person gets from `npm run build`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { build, type InlineConfig } from 'vite';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run here. In CI (CI=true) they must: a missing browser is then a
 * failure, not a skip, so a broken install can never pass as green.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`Chromium not found at ${CHROMIUM}; .ci/run installs it with apt-get install chromium`);
  return false;
}

/** A fresh Chromium profile each time (its own user-data dir, `dir` if given), with the flags this machine needs. */
export function launchChromium(dir = mkdtempSync(join(tmpdir(), 'crosstalk-chromium-'))): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Builds the site into a fresh folder (relative asset paths, as shipped). `build` options are
 * added to the shipped ones (a test deploying "a new version" gives its chunks other content).
 */
export async function buildSite(extra: InlineConfig['build'] = {}): Promise<string> {
  const root = new URL('../../', import.meta.url).pathname;
  const outDir = mkdtempSync(join(tmpdir(), 'crosstalk-dist-'));
  await build({ root, logLevel: 'error', build: { ...extra, outDir, emptyOutDir: true } });
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

/** Serves a folder on 127.0.0.1 under a sub-path (so relative asset paths are exercised). */
export async function serve(folder: string, subPath = '/crosstalk/'): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(subPath)) {
      res.writeHead(404).end();
      return;
    }
    let file = normalize(join(folder, path.slice(subPath.length)));
    if (!file.startsWith(folder)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${subPath}`, server };
}

/** The built site served and a Chromium profile open, for the tests of one describe block. */
export interface BuiltSite {
  /** The site's address (set once the block's beforeAll has run). */
  readonly url: string;
  /** The profile's first page (a new one if it has none). */
  page(): Promise<Page>;
  /** Another page in the same profile. */
  newPage(): Promise<Page>;
}

/**
 * Builds and serves the site and launches Chromium before the tests of the calling describe
 * block, and closes both after them (registers its own beforeAll / afterAll).
 */
export function useBuiltSite(): BuiltSite {
  let server: Server | undefined;
  let context: BrowserContext | undefined;
  let url = '';
  beforeAll(async () => {
    const served = await serve(await buildSite());
    server = served.server;
    url = served.url;
    context = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    server?.close();
  });
  const opened = () => {
    if (!context) throw new Error('useBuiltSite: the site is not up yet (call it in a describe block)');
    return context;
  };
  return {
    get url() {
      return url;
    },
    page: async () => opened().pages()[0] ?? (await opened().newPage()),
    newPage: () => opened().newPage(),
  };
}

/** Resident memory of the renderer processes of the Chromium whose profile is `dir` (the page and its worker), bytes (NaN: not found). */
export function rendererBytes(dir: string): number {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null);
  const browser = rows.find((m) => m[4].includes(`--user-data-dir=${dir}`) && !m[4].includes('--type='));
  if (!browser) return NaN;
  const ours = new Set([browser[1]]);
  for (let grew = true; grew;) {
    // every descendant of the browser process
    grew = false;
    for (const m of rows)
      if (!ours.has(m[1]) && ours.has(m[2])) {
        ours.add(m[1]);
        grew = true;
      }
  }
  return rows.filter((m) => ours.has(m[1]) && m[4].includes('--type=renderer')).reduce((sum, m) => sum + Number(m[3]) * 1024, 0);
}
