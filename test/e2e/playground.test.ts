/**
 * What a newcomer does, in Chromium against the built site served under a sub-path: choose to
 * build their own on the welcome card, drag a client
 * and a service onto the canvas, connect them, press Play and watch requests complete and dots
 * move; crash the service mid-run and see failures climb and a marker on the timeline; undo it;
 * reload and find the system restored; import a malformed file and keep the system; share a link
 * and get the same trace hash as Node. Nothing may be fetched from outside the local server.
 *
 * Each step is named, so a failure says which step of the newcomer's path broke.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { simulate } from '../../src/engine/index.ts';
import { parseScenario } from '../../src/model/index.ts';
import { decodeDocument } from '../../src/ui/persistence/shareCodec.ts';
import { sharePayload, shareUrl } from '../../src/ui/persistence/shareLink.ts';
import { DOCUMENT_KEY } from '../../src/ui/persistence/storage.ts';
import { browserAvailable, buildSite, launchChromium, serve } from '../support/browser.ts';
import { runToTheEnd } from '../support/e2ePage.ts';

const checkout = JSON.parse(readFileSync(new URL('../../simulations/examples/checkout.json', import.meta.url), 'utf8'));

/** Runs one step of the path; a failure names the step. */
async function step(name: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    throw new Error(`step "${name}" failed: ${(error as Error).message}`, { cause: error });
  }
}

const nodes = (page: Page) => page.locator('.react-flow__node');
const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const edges = (page: Page) => page.locator('.react-flow__edge');
const numberIn = async (locator: Locator) => Number((await locator.textContent())?.replace(/[^\d.]/g, '') || 'NaN');

/** A palette item by its accessible name, whatever role the palette gives its items. */
function paletteItem(page: Page, name: string): Locator {
  const exact = { name, exact: true };
  return page
    .getByRole('button', exact)
    .or(page.getByRole('option', exact))
    .or(page.getByRole('listitem', exact))
    .or(page.getByRole('treeitem', exact))
    .first();
}

/** The sum of the summary's failure counters (failed, timed out, rejected, dropped), found by their test ids. */
async function failuresSoFar(page: Page): Promise<number> {
  const counters = page.locator('[data-testid^="summary-"]');
  let total = 0;
  for (const counter of await counters.all()) {
    if (/fail|timed|timeout|rejected|dropped/.test((await counter.getAttribute('data-testid')) ?? '')) total += await numberIn(counter);
  }
  return total;
}

/** Drags with intermediate mouse moves (React Flow follows pointer moves, not a single jump). */
async function dragBetween(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('an element to drag between is not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

async function chooseFromFileMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

/** Chooses a File menu item that downloads a file; returns the file's suggested name and content. */
async function downloadOf(page: Page, item: string): Promise<{ name: string; content: Buffer }> {
  const download = page.waitForEvent('download');
  await chooseFromFileMenu(page, item);
  const file = await download;
  const path = await file.path();
  return { name: file.suggestedFilename(), content: readFileSync(path) };
}

describe.skipIf(!browserAvailable())('the playground, as a newcomer uses it', () => {
  let server: Server;
  let siteUrl: string;
  const contexts: BrowserContext[] = [];
  const outside: string[] = [];

  /** A page in a fresh browser profile (own storage), watched for requests leaving the server. */
  async function freshPage(): Promise<Page> {
    const context = await launchChromium();
    contexts.push(context);
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(siteUrl) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(siteUrl).origin });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    return page;
  }

  beforeAll(async () => {
    const served = await serve(await buildSite());
    server = served.server;
    siteUrl = served.url;
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    server?.close();
  });

  it('builds a system by drag and drop, runs it, breaks it, undoes, and finds it again after a reload', async () => {
    const page = await freshPage();
    let shared = '';

    await step('open the site', async () => {
      await page.goto(siteUrl);
      await expect.poll(() => page.getByText('Crosstalk', { exact: true }).first().isVisible()).toBe(true);
    });

    await step('choose "Build your own" on the welcome card of a first visit', async () => {
      await page
        .getByRole('region', { name: 'Welcome to Crosstalk' })
        .getByRole('button', { name: /Build your own/ })
        .click();
      await expect.poll(() => page.getByRole('region', { name: 'Welcome to Crosstalk' }).count()).toBe(0);
    });

    await step('drag a Client and a Service from the palette onto the canvas', async () => {
      const canvas = page.locator('.react-flow');
      const box = await canvas.boundingBox();
      if (!box) throw new Error('no canvas (.react-flow) on the page');
      await paletteItem(page, 'Client').dragTo(canvas, { targetPosition: { x: box.width * 0.25, y: box.height * 0.45 } });
      await paletteItem(page, 'Service').dragTo(canvas, { targetPosition: { x: box.width * 0.7, y: box.height * 0.45 } });
      await expect.poll(() => nodes(page).count()).toBe(2);
      await expect.poll(() => node(page, 'client-1').count()).toBe(1);
      await expect.poll(() => node(page, 'service-1').count()).toBe(1);
    });

    await step('connect the client to the service', async () => {
      await dragBetween(
        page,
        node(page, 'client-1').locator('.react-flow__handle-right'),
        node(page, 'service-1').locator('.react-flow__handle-left'),
      );
      await expect.poll(() => edges(page).count()).toBe(1);
    });

    await step('export the system as JSON, and the diagram as PNG and SVG (without minimap and controls)', async () => {
      const json = await downloadOf(page, 'Export');
      expect(json.name).toBe('Untitled-system.json');
      expect(JSON.parse(json.content.toString('utf8')).nodes.map((n: { id: string }) => n.id)).toEqual(['client-1', 'service-1']);
      const png = await downloadOf(page, 'Export PNG');
      expect(png.name).toBe('Untitled-system.png');
      expect(png.content.subarray(1, 4).toString('latin1')).toBe('PNG');
      const svg = await downloadOf(page, 'Export SVG');
      expect(svg.name).toBe('Untitled-system.svg');
      const text = svg.content.toString('utf8');
      expect(text).toContain('<svg');
      expect(text).toContain('service-1');
      expect(text).not.toContain('react-flow__minimap');
      expect(text).not.toContain('react-flow__controls');
    });

    await step('copy a share link of the system', async () => {
      await chooseFromFileMenu(page, 'Copy share link');
      const field = page.getByRole('dialog', { name: 'Copy share link' }).getByRole('textbox', { name: 'Share link' });
      await expect
        .poll(
          async () =>
            (await field.count()) > 0 ||
            /Share link copied/.test(
              await page
                .getByRole('status')
                .allTextContents()
                .then((t) => t.join(' ')),
            ),
        )
        .toBe(true);
      if ((await field.count()) > 0) {
        shared = await field.inputValue();
        await page.getByRole('button', { name: 'Done' }).click();
      } else {
        shared = await page.evaluate(() => navigator.clipboard.readText());
      }
      expect(sharePayload(new URL(shared).hash)).toBeDefined();
    });

    await step('press Play and see completed requests climb', async () => {
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      const completed = page.getByTestId('summary-completed');
      await expect.poll(() => numberIn(completed), { timeout: 20_000 }).toBeGreaterThan(0);
      const first = await numberIn(completed);
      await expect.poll(() => numberIn(completed), { timeout: 20_000 }).toBeGreaterThan(first);
    });

    await step('see message dots drawn and moving', async () => {
      // The overlay canvas says how many messages it shows (data-messages; data-dots also accepted).
      const overlay = page.locator('canvas[data-messages], [data-dots]');
      await expect.poll(() => overlay.count(), { timeout: 10_000 }).toBeGreaterThan(0);
      const shown = async () =>
        Number((await overlay.first().getAttribute('data-messages')) ?? (await overlay.first().getAttribute('data-dots')));
      await expect.poll(shown, { timeout: 10_000 }).toBeGreaterThan(0);
      const before = await overlay.first().screenshot();
      await page.waitForTimeout(400);
      const after = await overlay.first().screenshot();
      expect(before.equals(after)).toBe(false);
    });

    await step('crash the service mid-run from its context menu', async () => {
      await node(page, 'service-1').click({ button: 'right' });
      await page
        .getByRole('menuitem', { name: /^Crash/ })
        .first()
        .click();
      await page.getByRole('button', { name: 'Inject fault' }).click();
    });

    await step('see failures or timeouts climb', async () => {
      const before = await failuresSoFar(page);
      await expect.poll(() => failuresSoFar(page), { timeout: 20_000 }).toBeGreaterThan(before);
    });

    const markers = page.locator('footer [data-testid="fault-marker"]').or(page.locator('footer').getByRole('button', { name: /crash/i }));
    await step('see a fault marker on the timeline', async () => {
      await expect.poll(() => markers.count()).toBeGreaterThan(0);
    });

    await step('Undo (Ctrl+Z) removes the fault', async () => {
      await page.keyboard.press('Control+z');
      await expect.poll(() => markers.count()).toBe(0);
      expect(await nodes(page).count()).toBe(2);
    });

    await step('reload and find the system restored', async () => {
      await page.waitForTimeout(500); // past the autosave's pause (a reload also saves on pagehide)
      await page.reload();
      await expect.poll(() => nodes(page).count()).toBe(2);
      await expect.poll(() => edges(page).count()).toBe(1);
      expect(await markers.count()).toBe(0);
    });

    await step('import a malformed file: every problem shown, the system intact', async () => {
      const chooser = page.waitForEvent('filechooser');
      await chooseFromFileMenu(page, 'Import');
      await (
        await chooser
      ).setFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ "version": 1, "nodes": [ { "id": "a", ') });
      const dialog = page.getByRole('alertdialog', { name: 'Import failed' });
      await expect.poll(() => dialog.isVisible()).toBe(true);
      expect(await dialog.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/not valid JSON/)]);
      await dialog.getByRole('button', { name: 'Close' }).click();
      expect(await nodes(page).count()).toBe(2);
      expect(await edges(page).count()).toBe(1);
    });

    await step('the copied share link opens the same system, to the same trace hash as Node', async () => {
      const decoded = decodeDocument(sharePayload(new URL(shared).hash) ?? '');
      if (!decoded.ok) throw new Error(`the copied link does not decode: ${decoded.problems.map((p) => p.message).join('; ')}`);
      const other = await freshPage();
      await other.goto(shared);
      await expect.poll(() => nodes(other).count()).toBe(2);
      expect(await runToTheEnd(other)).toBe(simulate(parseScenario(decoded.document)).report.traceHash);
    });
  }, 180_000);

  it('opens a share link to the exact run Node simulates', async () => {
    const page = await freshPage();
    await page.goto(shareUrl(siteUrl, checkout));
    expect(await runToTheEnd(page)).toBe(simulate(parseScenario(checkout)).report.traceHash);
  }, 60_000);

  it('reports every problem of a broken share link and keeps the autosaved system', async () => {
    const page = await freshPage();
    await page.goto(siteUrl);
    const saved = JSON.stringify(checkout);
    await page.evaluate(([key, text]) => localStorage.setItem(key, text), [DOCUMENT_KEY, saved]);
    const invalid = shareUrl(siteUrl, {
      version: 1,
      nodes: [
        { id: 'a', kind: 'service', workers: 0 },
        { id: 'b', kind: 'client', target: 'nowhere', workload: { pattern: 'poisson', rate: 1 } },
      ],
    });
    await page.goto(invalid);
    await page.reload(); // a change of hash alone does not reload the page
    const dialog = page.getByRole('alertdialog', { name: 'Share link failed' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const problems = await dialog.getByRole('listitem').allTextContents();
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^nodes\[0\]\.workers/), expect.stringMatching(/^nodes\[1\]\.target/)]),
    );
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await page.evaluate((key) => localStorage.getItem(key), DOCUMENT_KEY)).toBe(saved);
    await expect.poll(() => nodes(page).count()).toBe(checkout.nodes.length);

    await page.goto(`${siteUrl}#s=not*base64`);
    await page.reload();
    await expect
      .poll(() => page.getByRole('alertdialog', { name: 'Share link failed' }).getByRole('listitem').allTextContents())
      .toEqual([expect.stringMatching(/not base64url/)]);
  }, 60_000);

  it('loads nothing from outside its own server', () => {
    expect(outside).toEqual([]);
  });
});
