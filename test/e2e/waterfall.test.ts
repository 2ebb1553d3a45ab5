/**
 * The trace waterfall in Chromium against the built site (issue 23): on the checkout example, a
 * click on a dot follows its request and "Open trace" opens its waterfall with as many spans as the
 * engine's spans module gives that request in Node for the same scenario and seed; hovering a
 * span lights up its node and link on the canvas; Jump moves the playhead to its start; a client's
 * inspector opens its slowest request's trace; on a phone the waterfall fits the screen; the follow chip keeps its text inside its outline
 * when it wraps.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { nodeBox, scrubTo, simTime, step } from '../support/e2ePage.ts';
import { simulate } from '../../src/engine/index.ts';
import { requestSpans } from '../../src/engine/replay/spans.ts';
import { spanSourceOf } from '../../src/engine/replay/runSpans.ts';
import { validateScenario } from '../../src/model/index.ts';

const overlay = (page: Page) => page.getByTestId('message-overlay');

/** The spans of `request` in a Node run of the checkout example (its own seed, as the page runs it). */
function nodeSpanCount(request: number): number {
  const result = validateScenario(JSON.parse(readFileSync(new URL('../../simulations/examples/checkout.json', import.meta.url), 'utf8')));
  if (!result.ok) throw new Error('checkout is not valid');
  const { simulation } = simulate(result.scenario);
  const [spans] = requestSpans(spanSourceOf(simulation), { requests: [request] });
  return spans.spans.length;
}

/** A point (CSS px, in the overlay) where a dot is drawn. */
async function aDot(page: Page): Promise<{ x: number; y: number } | undefined> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="message-overlay"]')!;
    const { data, width, height } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const ratio = canvas.width / canvas.clientWidth;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) if (data[(y * width + x) * 4 + 3] >= 230) return { x: x / ratio, y: y / ratio };
    return undefined;
  });
}

async function playCheckout(page: Page, url: string, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto(url);
  await page.getByLabel('Open an example').selectOption('checkout');
  await expect.poll(() => page.locator('.react-flow__edge').count()).toBeGreaterThan(0);
  await page.getByLabel('Speed').selectOption('0.1');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => Number((await overlay(page).getAttribute('data-messages')) ?? 0), { timeout: 60_000 }).toBeGreaterThan(3);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
}

describe.skipIf(!browserAvailable())('the trace waterfall', () => {
  const site = useBuiltSite();

  it("opens from a clicked dot with the spans module's count, lights up the hovered span's node and link, and jumps to its start", async () => {
    const page = await site.page();
    await step(page, 'waterfall', 'open checkout, play a little at 0.1×, pause', () => playCheckout(page, site.url, 1280, 800));
    let request = -1;
    await step(page, 'waterfall', 'click a dot, then Open trace', async () => {
      const dot = await aDot(page);
      expect(dot).toBeDefined();
      const box = (await overlay(page).boundingBox())!;
      await page.mouse.click(box.x + dot!.x, box.y + dot!.y);
      await expect.poll(() => page.getByTestId('follow-chip').textContent()).toMatch(/Following request #\d+/);
      request = Number((await page.getByTestId('follow-chip').textContent())!.match(/#(\d+)/)![1]);
      await page.getByTestId('open-trace').click();
      await expect.poll(() => page.getByTestId('waterfall').count()).toBe(1);
    });
    await step(page, 'waterfall', 'as many spans as the spans module gives in Node', async () => {
      const expected = nodeSpanCount(request);
      expect(expected).toBeGreaterThan(1);
      // A request still under way is read again as the run grows: wait for it to settle.
      await expect
        .poll(async () => Number(await page.getByTestId('waterfall').getAttribute('data-spans')), { timeout: 20_000 })
        .toBe(expected);
      expect(await page.getByTestId('waterfall-row').count()).toBe(expected);
      expect(await page.locator('[data-testid="waterfall-row"][data-critical="true"]').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('waterfall-shares').locator('li').count()).toBeGreaterThan(0);
    });
    await step(page, 'waterfall', 'hovering a span lights up its node and link', async () => {
      const row = page.locator('[data-testid="waterfall-row"][data-depth="1"]').first();
      const label = (await row.locator('.waterfall-name').textContent())!;
      const callee = label.split(' → ')[1];
      await row.hover();
      await expect.poll(() => page.locator('.canvas-node.is-trace-hover').count()).toBe(1);
      expect(await nodeBox(page, callee).locator('.canvas-node.is-trace-hover').count()).toBe(1);
      expect(await page.locator('.react-flow__edge-path.is-trace-hover').count()).toBe(1);
      expect(await page.getByTestId('waterfall-attributes').textContent()).toContain(callee);
    });
    await step(page, 'waterfall', "Jump moves the playhead to the span's start", async () => {
      const row = page.locator('[data-testid="waterfall-row"][data-depth="1"]').first();
      const start = Number(await row.getAttribute('data-start'));
      await scrubTo(page, 0);
      await row.getByRole('button', { name: /Jump/ }).click();
      // The clock shows tenths of a second or finer.
      await expect.poll(async () => Math.abs((await simTime(page)) - start)).toBeLessThan(100);
    });
    await step(page, 'waterfall', 'Esc closes it', async () => {
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('waterfall').count()).toBe(0);
      expect(await page.locator('.canvas-node.is-trace-hover').count()).toBe(0);
      // The follow chip stays: Esc closed the waterfall only.
      expect(await page.getByTestId('follow-chip').count()).toBe(1);
    });
  }, 120_000);

  it("opens a client's slowest request from its inspector, and fits a phone's screen", async () => {
    const page = await site.page();
    await step(page, 'waterfall-client', 'open checkout on a phone, play a little, pause', () => playCheckout(page, site.url, 390, 844));
    await step(page, 'waterfall-client', 'select shoppers, Slowest', async () => {
      await nodeBox(page, 'shoppers').click();
      await page.locator('[data-trace-pick="slowest"]').click();
      await expect.poll(() => page.getByTestId('waterfall').count()).toBe(1);
      expect(Number(await page.getByTestId('waterfall').getAttribute('data-spans'))).toBeGreaterThan(0);
    });
    await step(page, 'waterfall-client', 'it fits the screen', async () => {
      const box = (await page.getByTestId('waterfall-dock').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(844);
      expect(await page.getByRole('button', { name: 'Close the trace' }).isVisible()).toBe(true);
    });
  }, 120_000);
  it('the follow chip keeps its text inside its rounded outline on a canvas narrowed by the Script panel', async () => {
    const page = await site.page();
    await step(page, 'follow-chip', 'open checkout, the Script panel open, play a little, pause', async () => {
      await playCheckout(page, site.url, 1280, 800);
      await page.getByRole('button', { name: 'Script panel', exact: true }).click();
      await page.getByTestId('script-dock').waitFor();
      // Dots drawn on the narrowed canvas: play on a little with the panel open.
      const from = await simTime(page);
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(() => simTime(page), { timeout: 20_000 }).toBeGreaterThan(from + 200);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
    });
    await step(page, 'follow-chip', 'follow a dot', async () => {
      const dot = await aDot(page);
      expect(dot).toBeDefined();
      const box = (await overlay(page).boundingBox())!;
      await page.mouse.click(box.x + dot!.x, box.y + dot!.y);
      await expect.poll(() => page.getByTestId('follow-chip').textContent()).toMatch(/Following request #\d+/);
    });
    await step(page, 'follow-chip', 'every line of its text lies inside its outline', async () => {
      // Each corner of each line box of text, tested against the chip's rounded rectangle (its
      // corner radius as drawn: the CSS radius, no more than half the box's height or width).
      const outside = await page.getByTestId('follow-chip').evaluate((chip) => {
        const r = chip.getBoundingClientRect();
        const radius = Math.min(parseFloat(getComputedStyle(chip).borderTopLeftRadius), r.height / 2, r.width / 2);
        const inside = (x: number, y: number) => {
          const cx = Math.min(Math.max(x, r.left + radius), r.right - radius);
          const cy = Math.min(Math.max(y, r.top + radius), r.bottom - radius);
          return Math.hypot(x - cx, y - cy) <= radius + 0.5;
        };
        const range = document.createRange();
        range.selectNodeContents(chip);
        return [...range.getClientRects()]
          .filter((line) => line.width > 0)
          .flatMap((line) => [
            [line.left, line.top],
            [line.right, line.top],
            [line.left, line.bottom],
            [line.right, line.bottom],
          ])
          .filter(([x, y]) => !inside(x, y)).length;
      });
      expect(outside).toBe(0);
    });
    await page.keyboard.press('Escape');
  }, 120_000);
});
