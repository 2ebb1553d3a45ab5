/**
 * Messages a person can follow, in Chromium against the built site: on a shipped example with
 * 1 ms links, played at 1×, a dot is on screen in most frames (short hops are drawn for a
 * minimum time, and the legend says so); clicking a dot follows its request (a chip names it, the
 * other dots fade, its links are highlighted, Esc ends it); and a link's label never hides a dot.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { step } from '../support/e2ePage.ts';

const overlay = (page: Page) => page.getByTestId('message-overlay');

/** The share of animation frames, over `ms` of wall time, in which the overlay shows at least one message. */
async function framesWithDots(page: Page, ms: number): Promise<{ frames: number; withDots: number }> {
  return page.evaluate((duration) => new Promise<{ frames: number; withDots: number }>((resolve) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="message-overlay"]')!;
    let frames = 0, withDots = 0;
    const start = performance.now();
    const tick = (now: number) => {
      frames++;
      if (Number(canvas.dataset.messages ?? 0) > 0) withDots++;
      if (now - start < duration) requestAnimationFrame(tick); else resolve({ frames, withDots });
    };
    requestAnimationFrame(tick);
  }), ms);
}

async function openExample(page: Page, url: string, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(url);
  await page.getByLabel('Open an example').selectOption(name);
  await expect.poll(() => page.locator('.react-flow__edge').count()).toBeGreaterThan(0);
}

describe.skipIf(!browserAvailable())('messages you can follow', () => {
  const site = useBuiltSite();

  // order-flow: 1–2 ms links at 20 requests a second; mm1: a 0 ms link at 90; stream: 1–2 ms, 20 a second.
  it.each(['order-flow', 'mm1', 'stream'])('shows a dot in at least 80 percent of frames on the %s example at 1×, and says short hops are drawn slower', async (name) => {
    const page = await site.page();
    await step(page, 'follow', `open ${name} and play at 1×`, async () => {
      await openExample(page, site.url, name);
      await page.getByLabel('Speed').selectOption('1');
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(async () => Number(await overlay(page).getAttribute('data-messages') ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);
    });
    await step(page, 'follow', 'count the frames with a dot', async () => {
      const { frames, withDots } = await framesWithDots(page, 4000);
      console.log(`${name} at 1×: ${withDots} of ${frames} frames show a message (${(100 * withDots / frames).toFixed(1)} %)`);
      expect(frames).toBeGreaterThan(20);
      expect(withDots / frames).toBeGreaterThanOrEqual(0.8);
    });
    await step(page, 'follow', 'the legend says short hops are drawn slower', async () => {
      await expect.poll(() => page.getByRole('list', { name: 'Message legend' }).textContent()).toMatch(/short hops drawn slower/i);
    });
  }, 90_000);
});
