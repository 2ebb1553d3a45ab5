/**
 * What a person does at the edges of editing, in Chromium against the built site: while a lesson
 * is followed, import a file whose locked parts are changed and open a share link to it (the page
 * asks to leave the lesson; staying keeps the lesson's system and locks, leaving opens the file in
 * the Sandbox); press Undo again and again after starting a lesson (its system stays; Sandbox, then
 * Undo, brings the earlier system back); copy an API gateway with its services and paste it (the
 * pasted gateway routes to the pasted services, and the system runs).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareUrl } from '../../src/ui/persistence/shareLink.ts';
import { DOCUMENT_KEY } from '../../src/ui/persistence/storage.ts';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { nodeBox, runToTheEnd, step } from '../support/e2ePage.ts';

const TITLE = 'Timeouts free the workers';
const lesson = JSON.parse(readFileSync(new URL('../../simulations/lessons/timeouts.json', import.meta.url), 'utf8'));
const checkout = JSON.parse(readFileSync(new URL('../../simulations/examples/checkout.json', import.meta.url), 'utf8'));
/** The lesson's system with a part it locks changed (reviews gets many more workers): what the locks are there to refuse. */
const tampered = {
  ...lesson.scenario,
  name: 'Timeouts, tampered',
  nodes: lesson.scenario.nodes.map((n: { id: string }) => (n.id === 'reviews' ? { ...n, workers: 500 } : n)),
};
const SHOTS = '/tmp/ui-shots';
mkdirSync(SHOTS, { recursive: true });

type Saved = { name?: string; nodes: { id: string; workers?: number }[] } | undefined;
/** The system as the page autosaved it (after the autosave's pause). */
async function saved(page: Page): Promise<Saved> {
  await page.waitForTimeout(600);
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), DOCUMENT_KEY);
}

/** The site with nothing kept from an earlier test (an empty system, no lesson). */
async function openFresh(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
}

/** Screenshots of the page as it is at 1280×800 and 390×844, to look at (then back to 1280×800). */
async function shots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}-1280x800.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-390x844.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function startTimeoutsLesson(page: Page): Promise<void> {
  const panel = page.getByRole('complementary', { name: 'Lessons' });
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await panel.getByRole('button', { name: `Start ${TITLE}` }).click();
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);
  await expect.poll(() => panel.getByRole('heading', { name: `3. ${TITLE}` }).isVisible()).toBe(true);
}

async function importFile(page: Page, name: string, document: unknown): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: 'Import', exact: true }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(document)) });
}

describe.skipIf(!browserAvailable())('the edges of editing', () => {
  const site = useBuiltSite();

  it('in a lesson, an imported file or a share link asks to leave it first: staying keeps its system, leaving opens the file in the Sandbox', async () => {
    const page = await site.page();
    page.setDefaultTimeout(20_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    const panel = page.getByRole('complementary', { name: 'Lessons' });
    const question = page.getByRole('alertdialog', { name: 'Leave the lesson?' });
    const heading = panel.getByRole('heading', { name: `3. ${TITLE}` });
    const reviewsWorkers = async () => (await saved(page))?.nodes.find((n) => n.id === 'reviews')?.workers;

    await step(page, 'lesson-bounds', 'start the timeouts lesson', async () => {
      await openFresh(page, site.url);
      await startTimeoutsLesson(page);
      expect(await reviewsWorkers()).not.toBe(500);
    });

    await step(page, 'lesson-bounds', 'import a tampered file: asked first; stay keeps the lesson and its system', async () => {
      await importFile(page, 'tampered.json', tampered);
      await expect.poll(() => question.isVisible()).toBe(true);
      expect(await question.textContent()).toMatch(/Importing "tampered.json" replaces the system of the lesson you are following/);
      await shots(page, 'leave-lesson');
      await question.getByRole('button', { name: 'Stay in the lesson' }).click();
      await expect.poll(() => question.count()).toBe(0);
      expect(await heading.isVisible()).toBe(true);
      expect(await reviewsWorkers()).not.toBe(500);
    });

    await step(page, 'lesson-bounds', 'open a share link to it in the address: asked first; stay keeps the lesson', async () => {
      await page.goto(shareUrl(site.url, tampered));
      await expect.poll(() => question.isVisible()).toBe(true);
      expect(await question.textContent()).toMatch(/Opening the shared system "Timeouts, tampered" replaces the system of the lesson/);
      await shots(page, 'leave-lesson-link');
      await page.keyboard.press('Escape');
      await expect.poll(() => question.count()).toBe(0);
      expect(await page.evaluate(() => location.hash)).toBe('');
      expect(await heading.isVisible()).toBe(true);
      expect(await reviewsWorkers()).not.toBe(500);
    });

    await step(page, 'lesson-bounds', 'a reload keeps the lesson, its system and its locks', async () => {
      await page.reload();
      await expect.poll(() => heading.isVisible()).toBe(true);
      await panel.getByRole('button', { name: 'Show reviews' }).click();
      await expect.poll(() => page.getByRole('note').first().textContent()).toMatch(/Locked in this lesson/);
      expect(await reviewsWorkers()).not.toBe(500);
    });

    await step(page, 'lesson-bounds', 'import again and leave: the file opens in the Sandbox, and the page says so', async () => {
      await importFile(page, 'tampered.json', tampered);
      await question.getByRole('button', { name: 'Leave the lesson and import' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Left the lesson for the Sandbox' }).count()).toBeGreaterThan(0);
      await shots(page, 'left-lesson-notice');
      await expect.poll(() => panel.count()).toBe(0);
      expect(await reviewsWorkers()).toBe(500);
      expect((await saved(page))?.name).toBe('Timeouts, tampered');
    });
  }, 180_000);

  it("Undo, pressed again and again after starting a lesson, keeps the lesson's system; Sandbox, then Undo, brings the earlier one back", async () => {
    const page = await site.newPage();
    page.setDefaultTimeout(20_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    const nodes = page.locator('.react-flow__node');

    await step(page, 'lesson-undo', 'open the checkout example, then start the lesson over it', async () => {
      await openFresh(page, site.url);
      await page.getByLabel('Open an example').selectOption('checkout');
      await expect.poll(() => nodes.count()).toBe(checkout.nodes.length);
      await startTimeoutsLesson(page);
    });

    await step(page, 'lesson-undo', "Ctrl+Z five times and the Undo button: the lesson's system stays", async () => {
      await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
      for (let i = 0; i < 5; i++) await page.keyboard.press('Control+z');
      expect(await undo.isDisabled()).toBe(true);
      await undo.click({ force: true });
      await page.waitForTimeout(300);
      expect(await nodes.count()).toBe(5);
      expect(await nodeBox(page, 'reviews').count()).toBe(1);
      expect(await page.getByRole('heading', { name: `3. ${TITLE}` }).isVisible()).toBe(true);
    });

    await step(page, 'lesson-undo', 'Sandbox, then Undo: the checkout system is back', async () => {
      await page.getByRole('button', { name: 'Sandbox' }).click();
      await expect.poll(() => undo.isEnabled()).toBe(true);
      await undo.click();
      await expect.poll(() => nodes.count()).toBe(checkout.nodes.length);
    });
  }, 180_000);

  it('a gateway copied with its services and pasted routes to the pasted services, and the system runs', async () => {
    const page = await site.newPage();
    page.setDefaultTimeout(20_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    const nodes = page.locator('.react-flow__node');

    await step(page, 'paste-gateway', 'open the API gateway example', async () => {
      await openFresh(page, site.url);
      await page.getByLabel('Open an example').selectOption('gateway');
      await expect.poll(() => nodes.count()).toBe(7);
    });

    await step(page, 'paste-gateway', 'select the gateway and its three services, copy, paste', async () => {
      await nodeBox(page, 'gateway').click();
      for (const id of ['orders', 'catalog', 'prices']) await nodeBox(page, id).click({ modifiers: ['Shift'] });
      await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(4);
      await page.keyboard.press('Control+c');
      await page.keyboard.press('Control+v');
      await expect.poll(() => nodes.count()).toBe(11);
    });

    await step(
      page,
      'paste-gateway',
      'the pasted gateway routes to the pasted services, on the canvas and in the saved system',
      async () => {
        const routes = nodeBox(page, 'gateway-1').locator('.node-route-to');
        await expect.poll(() => routes.allTextContents()).toEqual(['orders-1', 'catalog-1 + prices-1']);
        expect(await nodeBox(page, 'gateway').locator('.node-route-to').allTextContents()).toEqual(['orders', 'catalog + prices']);
        const doc = (await saved(page)) as unknown as { nodes: { id: string; routes?: unknown }[]; links: { from: string; to: string }[] };
        expect(doc.nodes.find((n) => n.id === 'gateway-1')?.routes).toEqual([
          { prefix: '/orders', to: 'orders-1' },
          { prefix: '/catalog', aggregate: ['catalog-1', 'prices-1'] },
        ]);
        expect(
          doc.links
            .filter((l) => l.from === 'gateway-1')
            .map((l) => l.to)
            .sort(),
        ).toEqual(['catalog-1', 'orders-1', 'prices-1']);
      },
    );

    await step(page, 'paste-gateway', 'the system with its copy is valid and runs to the end', async () => {
      expect(await runToTheEnd(page)).toMatch(/^[0-9a-f]{16}$/);
    });
  }, 180_000);
});
