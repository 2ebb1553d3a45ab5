/**
 * The script runtime in Chromium (issue 22), through the real `startScript`: its worker and the
 * QuickJS wasm as Vite bundles them, served under a sub-path. Every shipped script publishes
 * exactly what it publishes in Node; a runaway script is stopped at its limit while the page
 * keeps answering; the network is refused with the clear error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { browserAvailable, launchChromium, serve } from '../support/browser.ts';
import { GENEROUS, SHIPPED_SCRIPTS, shippedScript } from '../support/shippedScripts.ts';
import { runScript } from '../../src/script/runInNode.ts';
import type { ScriptResult, ScriptRunOptions } from '../../src/script/output.ts';

/** Runs a script in the page and returns its result (without the wall-clock time). */
function inPage(page: Page, source: string, options: ScriptRunOptions): Promise<ScriptResult> {
  return page.evaluate(([s, o]) => window.crosstalkScript.startScript(s, o).done, [source, options] as const);
}

describe.skipIf(!browserAvailable())('scripts in the browser', () => {
  let browser: BrowserContext;
  let server: Server;
  let page: Page;
  const outside: string[] = [];

  beforeAll(async () => {
    const root = new URL('../../', import.meta.url).pathname;
    const outDir = mkdtempSync(join(tmpdir(), 'crosstalk-script-harness-'));
    await build({
      root,
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, rollupOptions: { input: join(root, 'test/e2e/scriptHarness/index.html') } },
    });
    const served = await serve(outDir);
    server = served.server;
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('request', (request) => {
      if (!request.url().startsWith(served.url) && !request.url().startsWith('data:') && !request.url().startsWith('blob:'))
        outside.push(request.url());
    });
    await page.goto(`${served.url}test/e2e/scriptHarness/index.html`);
    await page.waitForFunction(() => window.crosstalkScript !== undefined);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it.each(SHIPPED_SCRIPTS)(
    '%s publishes the same items in Chromium as in Node, every check passing',
    async (name) => {
      const source = shippedScript(name);
      const node = await runScript(source, { ...GENEROUS, seed: 9 });
      const chromium = await inPage(page, source, { ...GENEROUS, seed: 9 });
      expect(chromium.error).toBeUndefined();
      expect(node.error).toBeUndefined();
      expect(chromium.items.length).toBeGreaterThan(0);
      expect(JSON.stringify(chromium.items)).toBe(JSON.stringify(node.items));
      expect(chromium.items.filter((i) => i.kind === 'check' && !i.passed)).toEqual([]);
    },
    240_000,
  );

  it('stops while (true) {} at its limit, and the page answers clicks meanwhile', async () => {
    await page.evaluate(() => {
      window.crosstalkScript.runs.push(window.crosstalkScript.startScript('log("start");\nwhile (true) {}', { timeLimitMs: 1500 }));
    });
    for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'ping' }).click({ timeout: 1000 });
    await expect.poll(() => page.locator('#pings').textContent()).toBe('5');
    const result = await page.evaluate(() => window.crosstalkScript.runs[0].done);
    expect(result.error?.kind).toBe('time');
    expect(result.items).toEqual([{ kind: 'log', text: 'start' }]);
    // QuickJS's own interrupt stopped it, not the worker's termination (limit + 2 s grace).
    expect(result.elapsedMs).toBeLessThan(1500 + 1500);
    // And the worker still runs the next script; onItem sees its items as they come.
    const streamed = await page.evaluate(async () => {
      const seen: string[] = [];
      await window.crosstalkScript.startScript('log("a"); log("b");', {}, (item) => {
        if (item.kind === 'log') seen.push(item.text);
      }).done;
      return seen;
    });
    expect(streamed).toEqual(['a', 'b']);
    expect((await inPage(page, 'check("ok", true)', {})).items).toEqual([{ kind: 'check', name: 'ok', passed: true }]);
  }, 60_000);

  it('stops a memory blow-up at the cap and runaway recursion with an error, as in Node', async () => {
    const memory = await inPage(page, 'const kept = [];\nwhile (true) kept.push(new Float64Array(1e6));', {
      memoryLimitMb: 64,
      timeLimitMs: 30_000,
    });
    expect(memory.error).toMatchObject({ kind: 'memory', line: 2 });
    const recursion = await inPage(page, 'function down(n: number): number { return down(n + 1); }\ndown(0);', {});
    expect(recursion.error).toMatchObject({ kind: 'runtime', message: 'InternalError: stack overflow' });
  }, 60_000);

  it('refuses fetch with the clear message', async () => {
    const result = await inPage(page, '\nconst r = fetch("https://example.com");', {});
    expect(result.error).toMatchObject({ kind: 'refused', message: 'scripts cannot use the network: fetch is not available', line: 2 });
  });

  it('cancel() stops a run at once', async () => {
    const result = await page.evaluate(() => {
      const run = window.crosstalkScript.startScript('while (true) {}', { timeLimitMs: 60_000 });
      setTimeout(() => run.cancel(), 200);
      return run.done;
    });
    expect(result.error?.kind).toBe('cancelled');
    expect(result.elapsedMs).toBeLessThan(5000);
  });

  it('loaded nothing from outside the local server', () => {
    expect(outside).toEqual([]);
  });
});
