/**
 * A valid file whose run could never finish cannot crash the tab. In Chromium against the built
 * site: importing a system at the maximum rate for 1000 h shows its estimate and a refusal; "Run
 * to the end" and Play refuse with the same message on screen, nothing is simulated, and the page
 * stays responsive (the canvas still edits).
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DOCUMENT_KEY } from '../../src/ui/persistence/storage.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { simTime, step } from '../support/e2ePage.ts';

const small: DocumentInput = {
  version: 1,
  name: 'Small',
  seed: 1,
  duration: '10s',
  nodes: [
    { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 5 }, position: { x: 0, y: 0 } },
    { id: 'api', kind: 'service', position: { x: 300, y: 0 } },
  ],
  links: [{ from: 'web', to: 'api' }],
  faults: [],
};

/** The largest load a file may ask for, for the longest time a file may last: about 2.3·10¹³ events. */
const endless: DocumentInput = {
  version: 1,
  name: 'Endless',
  seed: 1,
  duration: '1000h',
  nodes: [
    { id: 'load', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 1_000_000 }, position: { x: 0, y: 0 } },
    { id: 'api', kind: 'service', workers: 64, serviceTime: '1us', position: { x: 300, y: 0 } },
  ],
  links: [{ from: 'load', to: 'api', latency: 0 }],
  faults: [],
};

const nodes = (page: Page) => page.locator('.react-flow__node');

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

describe.skipIf(!browserAvailable())("a run beyond the page's budget", () => {
  const site = useBuiltSite();

  it('is refused with its estimate on screen, and the page stays responsive', async () => {
    const page = await site.page();
    page.setDefaultTimeout(30_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.addInitScript(
      ([key, text]) => {
        if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem(key, text);
          sessionStorage.setItem('seeded', '1');
        }
      },
      [DOCUMENT_KEY, JSON.stringify(small)] as const,
    );
    await page.goto(site.url);
    await expect.poll(() => nodes(page).count()).toBe(2);
    const status = page.locator('.run-info [role="status"]');
    const suite = 'run-budget';

    await step(page, suite, 'import the maximum rate for 1000 h: the estimate and the refusal show at once', async () => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'File' }).click();
      await page.getByRole('menuitem', { name: 'Import', exact: true }).click();
      await (await chooser).setFiles({ name: 'endless.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(endless)) });
      await expect.poll(() => nodes(page).count()).toBe(2);
      await expect
        .poll(() => page.getByTestId('run-estimate').textContent())
        .toMatch(/Too big to run in the browser: 1000h of this system is ≈ [\d.]+ T events, [\d.]+ (TB|PB)/);
    });

    await step(page, suite, 'Run to the end and Play are refused with the message, nothing simulated', async () => {
      await page.getByRole('button', { name: 'Run to the end' }).click();
      await expect.poll(() => status.textContent()).toMatch(/Too big to run in the browser: 1000h of this system is ≈ [\d.]+ T events/);
      await expect.poll(() => page.getByRole('button', { name: 'Run to the end' }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: /^Play/ }).isDisabled()).toBe(true);
      expect(await page.locator('.run-summary-empty').textContent()).toMatch(/Too big to run here/);
      await page.keyboard.press('Space');
      await page.waitForTimeout(500);
      expect(await simTime(page)).toBe(0);
    });

    await step(page, suite, 'the page stays responsive: the canvas still edits, and an edit within the budget runs', async () => {
      const started = Date.now();
      expect(await page.evaluate(() => 1 + 1)).toBe(2);
      expect(Date.now() - started).toBeLessThan(1000);
      const canvas = page.locator('.react-flow');
      const box = await canvas.boundingBox();
      if (!box) throw new Error('the canvas is not visible');
      await paletteItem(page, 'Service').dragTo(canvas, { targetPosition: { x: box.width * 0.5, y: box.height * 0.75 } });
      await expect.poll(() => nodes(page).count()).toBe(3);
      // A duration the page can run: the refusal goes, and the run goes ahead.
      await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
      const duration = page.getByLabel('Duration', { exact: true });
      await duration.fill('1ms');
      await duration.press('Enter');
      await expect.poll(() => page.getByTestId('run-estimate').textContent()).not.toMatch(/Too big/);
      // An edit after a run restarts it (here to its end at once: a millisecond).
      await expect.poll(() => status.textContent()).toMatch(/Simulated 0.001s/);
      expect(await page.locator('.run-estimate').textContent()).toMatch(/≈ [\d.]+ k events/);
    });
  }, 180_000);
});
