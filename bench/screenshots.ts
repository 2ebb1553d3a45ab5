/**
 * `npm run screenshots`: the README's pictures of the playground, taken from the built site in
 * Chromium (the same setup as the browser tests) at 1280×720, and saved as docs/playground-*.png.
 *
 * 1. playground-run.png: the checkout example playing, messages in flight, the live summary.
 * 2. playground-crash.png: the same run in the dark theme after crashing "payments" from its
 *    context menu: failures climbing and the fault's marker on the timeline.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { buildSite, launchChromium, serve } from '../test/support/browser.ts';

const OUT = new URL('../docs/', import.meta.url).pathname;

async function play(page: Page, wallMs: number): Promise<void> {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(wallMs);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const { url, server } = await serve(await buildSite());
  const context = await launchChromium();
  try {
    const page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    await page.goto(url);
    await page.getByLabel('Open an example').selectOption('checkout');
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await play(page, 4000);
    await page.locator('.react-flow__node[data-id="orders"]').click();
    await page.screenshot({ path: `${OUT}playground-run.png` });
    console.log(`wrote ${OUT}playground-run.png`);

    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.locator('.react-flow__node[data-id="payments"]').click({ button: 'right' });
    await page.getByRole('menuitem', { name: /^Crash/ }).first().click();
    await page.getByRole('button', { name: 'Inject fault' }).click();
    await play(page, 3000);
    await page.screenshot({ path: `${OUT}playground-crash.png` });
    console.log(`wrote ${OUT}playground-crash.png`);
  } finally {
    await context.close();
    server.close();
  }
}

await main();
