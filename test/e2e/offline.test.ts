/**
 * The site after a first visit, with the network gone: the service worker serves the app, its
 * lessons, examples, the simulation worker and the Script panel's editor from its cache, at any sub-path, and a newly
 * deployed version is noticed by an open page and taken on its "Reload".
 */
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserAvailable, buildSite, launchChromium, serve } from '../support/browser.ts';
import { simTime, step } from '../support/e2ePage.ts';

/** The entry script index.html names (its content hash changes with every different build). */
const entryIn = (dist: string) => /src="\.\/(assets\/index-[^"]+\.js)"/.exec(readFileSync(`${dist}/index.html`, 'utf8'))?.[1];
/** The entry script the page runs. */
const entryOf = (page: Page) => page.evaluate(() => document.querySelector<HTMLScriptElement>('script[type="module"]')?.src ?? '');

/** Waits until a service worker controls the page (it has precached everything by then). */
async function controlled(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), { timeout: 30_000 }).toBe('activated');
}

/** Stops the server for good (open keep-alive connections included): nothing more comes from it. */
function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Replaces what the server serves with another build, as a deploy does. */
function deploy(build: string, served: string): void {
  rmSync(served, { recursive: true, force: true });
  cpSync(build, served, { recursive: true });
}

/** Starts lesson 1 and plays it: the simulated clock must move on (the simulation worker runs). */
async function playLessonOne(page: Page): Promise<void> {
  const panel = page.getByRole('complementary', { name: 'Lessons' });
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await panel.getByRole('button', { name: 'Start A first request' }).click();
  await expect.poll(() => panel.getByRole('heading', { name: '1. A first request' }).isVisible()).toBe(true);
  await expect.poll(() => page.locator('.react-flow__node').count()).toBeGreaterThan(1);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => simTime(page), { timeout: 20_000 }).toBeGreaterThan(1000);
  expect(await page.getByRole('status').filter({ hasText: 'The simulation failed' }).count()).toBe(0);
}

describe.skipIf(!browserAvailable())('offline, after a first visit', () => {
  let dist = '';
  const open: { context?: BrowserContext; server?: Server }[] = [];

  beforeAll(async () => {
    dist = await buildSite();
  }, 120_000);
  afterEach(async () => {
    for (const { context, server } of open.splice(0)) {
      await context?.close();
      server?.close();
    }
  });

  /** The site served at `subPath` and a fresh Chromium profile on its first page. */
  async function visit(folder: string, subPath?: string) {
    const { url, server } = await serve(folder, subPath);
    const context = await launchChromium();
    open.push({ context, server });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
    await page.goto(url);
    return { url, server, context, page };
  }

  it('precaches every file of the build (a file type or size it skips would be missing offline)', () => {
    const files = readdirSync(dist, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `${entry.parentPath}/${entry.name}`.slice(dist.length + 1))
      // The worker itself and its runtime are kept by the browser with the registration.
      .filter((file) => file !== 'sw.js' && !/^workbox-[\w-]+\.js$/.test(file));
    const precached = [...readFileSync(`${dist}/sw.js`, 'utf8').matchAll(/\burl"?:\s*"([^"]+)"/g)].map((match) => match[1]);
    expect(files.length).toBeGreaterThan(40);
    expect(precached.sort()).toEqual(files.sort());
  });

  it('loads, opens a lesson and an example, and plays with the network off and the server gone', async () => {
    const { server, context, page } = await visit(dist);
    const failed: string[] = [];
    await step(page, 'offline', 'first visit: the service worker takes control', () => controlled(page));

    await step(page, 'offline', 'network off, server stopped, reload: the page is there', async () => {
      await context.setOffline(true);
      await stop(server);
      page.on('requestfailed', (request) => failed.push(request.url()));
      await page.reload();
      await expect.poll(() => page.getByRole('button', { name: 'Lessons', exact: true }).isVisible()).toBe(true);
    });

    await step(page, 'offline', 'an example opens and runs to the end', async () => {
      await page.getByLabel('Open an example').selectOption('checkout');
      await page.getByRole('button', { name: 'Run to the end' }).click();
      await expect.poll(() => page.getByTestId('trace-hash').textContent(), { timeout: 30_000 }).toMatch(/^[0-9a-f]{16}$/);
    });

    await step(page, 'offline', 'the Script panel opens: Monaco and its language worker are kept too', async () => {
      await page.getByRole('button', { name: 'Script panel', exact: true }).click();
      await page.locator('[data-editor-ready="true"] .view-lines').waitFor({ timeout: 20_000 });
      await page.getByRole('tab', { name: 'Script (TypeScript)' }).click();
      await page.locator('.script-editor .view-lines').click();
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.type('\nchec');
      await expect
        .poll(() => page.locator('.suggest-widget .monaco-list-row').allTextContents(), { timeout: 20_000 })
        .toEqual(expect.arrayContaining([expect.stringContaining('check')]));
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Script panel', exact: true }).click();
    });

    await step(page, 'offline', 'lesson 1 plays', () => playLessonOne(page));

    expect(failed).toEqual([]);
  }, 180_000);

  it('works the same served under a deeper sub-path, its worker scoped to it', async () => {
    const { url, server, context, page } = await visit(dist, '/teaching/tools/crosstalk/');
    await controlled(page);
    const registration = await page.evaluate(async () => {
      const found = await navigator.serviceWorker.getRegistration();
      return { scope: found?.scope, script: found?.active?.scriptURL };
    });
    expect(registration).toEqual({ scope: url, script: `${url}sw.js` });

    await step(page, 'subpath', 'offline, a link with a query opens the app', async () => {
      await context.setOffline(true);
      await stop(server);
      await page.goto(`${url}?overlay=off`);
      await playLessonOne(page);
    });
  }, 180_000);

  it('tells an open page of a newly deployed version, which "Reload" then runs (offline too)', async () => {
    const next = await buildSite({ rolldownOptions: { output: { postBanner: '/* the next version */' } } });
    expect(entryIn(next)).not.toBe(entryIn(dist));
    const served = `${dist}-served`;
    deploy(dist, served);
    const { server, context, page } = await visit(served);
    await controlled(page);
    expect(await entryOf(page)).toContain(entryIn(dist));
    const update = page.getByRole('region', { name: 'New version' });

    await step(page, 'update', 'deploy; the open page checks when it is shown again, and says so', async () => {
      deploy(next, served);
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      // The page's own check answers in ~2 s; Chromium's would come ~30 s after the first visit.
      await expect.poll(() => update.isVisible(), { timeout: 12_000 }).toBe(true);
      expect(await update.textContent()).toMatch(/New version available/);
      // Still the version it opened with, until the learner chooses.
      expect(await entryOf(page)).toContain(entryIn(dist));
    });

    await step(page, 'update', 'Reload runs the new version', async () => {
      await update.getByRole('button', { name: 'Reload' }).click();
      await expect.poll(() => entryOf(page), { timeout: 30_000 }).toContain(entryIn(next));
      await expect.poll(() => update.count()).toBe(0);
    });

    await step(page, 'update', 'and the new version is the one kept for offline', async () => {
      await controlled(page);
      await context.setOffline(true);
      await stop(server);
      await page.reload();
      expect(await entryOf(page)).toContain(entryIn(next));
      await playLessonOne(page);
    });
  }, 240_000);
});
