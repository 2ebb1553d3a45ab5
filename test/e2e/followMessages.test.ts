/**
 * Messages a person can follow, in Chromium against the built site: on a shipped example with
 * 1 ms links, played at 1×, a dot is on screen in most frames (short hops are drawn for a
 * minimum time, and the canvas says so); clicking a dot, or Follow in a client's box, follows a
 * request (a chip names it, the other dots fade, its links are highlighted, Esc ends it); and a
 * link's label sits off the messages' path (a dot never passes under or over it).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { step } from '../support/e2ePage.ts';

const overlay = (page: Page) => page.getByTestId('message-overlay');

/** The share of animation frames, over `ms` of wall time, in which the overlay shows at least one message. */
async function framesWithDots(page: Page, ms: number): Promise<{ frames: number; withDots: number }> {
  return page.evaluate(
    (duration) =>
      new Promise<{ frames: number; withDots: number }>((resolve) => {
        const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="message-overlay"]')!;
        let frames = 0,
          withDots = 0;
        const start = performance.now();
        const tick = (now: number) => {
          frames++;
          if (Number(canvas.dataset.messages ?? 0) > 0) withDots++;
          if (now - start < duration) requestAnimationFrame(tick);
          else resolve({ frames, withDots });
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

/** The overlay canvas's opaque pixels (its own: dots, not the page under it), one point per 6 px cell, in CSS px. */
async function opaqueDots(page: Page): Promise<{ points: { x: number; y: number }[] }> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="message-overlay"]')!;
    const { data, width, height } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const ratio = canvas.width / canvas.clientWidth;
    const cells = new Set<string>();
    const points: { x: number; y: number }[] = [];
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        if (data[(y * width + x) * 4 + 3] < 230) continue;
        const cell = `${Math.floor(x / ratio / 6)},${Math.floor(y / ratio / 6)}`;
        if (cells.has(cell)) continue;
        cells.add(cell);
        points.push({ x: x / ratio, y: y / ratio });
      }
    return { points };
  });
}

/** The overlay canvas's own alpha (0–255) at each point (CSS px). */
async function alphaAt(page: Page, points: readonly { x: number; y: number }[]): Promise<number[]> {
  return page.evaluate((at) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="message-overlay"]')!;
    const ratio = canvas.width / canvas.clientWidth;
    const ctx = canvas.getContext('2d')!;
    return at.map((p) => ctx.getImageData(Math.round(p.x * ratio), Math.round(p.y * ratio), 1, 1).data[3]);
  }, points);
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
  it.each(['order-flow', 'mm1', 'stream'])(
    'shows a dot in at least 80 percent of frames on the %s example at 1×, and says on the canvas that short hops are drawn slower',
    async (name) => {
      const page = await site.page();
      await step(page, 'follow', `open ${name} and play at 1×`, async () => {
        await openExample(page, site.url, name);
        await page.getByLabel('Speed').selectOption('1');
        await page.getByRole('button', { name: 'Play', exact: true }).click();
        await expect
          .poll(async () => Number((await overlay(page).getAttribute('data-messages')) ?? 0), { timeout: 20_000 })
          .toBeGreaterThan(0);
      });
      await step(page, 'follow', 'count the frames with a dot', async () => {
        const { frames, withDots } = await framesWithDots(page, 4000);
        console.log(`${name} at 1×: ${withDots} of ${frames} frames show a message (${((100 * withDots) / frames).toFixed(1)} %)`);
        expect(frames).toBeGreaterThan(20);
        expect(withDots / frames).toBeGreaterThanOrEqual(0.8);
      });
      await step(page, 'follow', 'the canvas says short hops are drawn slower', async () => {
        await expect.poll(() => page.getByTestId('stretch-note').textContent()).toMatch(/short hops drawn slower/i);
        expect(await page.getByTestId('stretch-note').getAttribute('title')).toMatch(/figure/);
      });
    },
    90_000,
  );

  it('follows a clicked request: a chip names it, the other dots fade, its links light up hop by hop, Esc ends it', async () => {
    const page = await site.page();
    await step(page, 'follow', 'open checkout, play a little at 0.1×, pause', async () => {
      await openExample(page, site.url, 'checkout');
      await page.getByLabel('Speed').selectOption('0.1');
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect
        .poll(async () => Number((await overlay(page).getAttribute('data-messages')) ?? 0), { timeout: 20_000 })
        .toBeGreaterThan(3);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
    });
    const before = await opaqueDots(page);
    await step(page, 'follow', 'click a dot: the chip appears', async () => {
      expect(before.points.length).toBeGreaterThan(1);
      const box = (await overlay(page).boundingBox())!;
      await page.mouse.click(box.x + before.points[0].x, box.y + before.points[0].y);
      await expect.poll(() => page.getByTestId('follow-chip').textContent()).toMatch(/Following request #\d+ · Esc to stop/);
    });
    await step(page, 'follow', 'the other dots fade, its own stay bright', async () => {
      await expect.poll(async () => Number(await overlay(page).getAttribute('data-followed'))).toBeGreaterThan(0);
      // Paused: every dot is where it was. The clicked one is still opaque; of the others (away from it), some now are not.
      const clicked = before.points[0];
      const others = before.points.filter((p) => Math.hypot(p.x - clicked.x, p.y - clicked.y) > 20);
      expect(others.length).toBeGreaterThan(0);
      const alphas = await alphaAt(page, [clicked, ...others]);
      expect(alphas[0]).toBeGreaterThanOrEqual(230);
      expect(alphas.slice(1).filter((a) => a < 100).length).toBeGreaterThan(0);
      expect(Number(await overlay(page).getAttribute('data-messages'))).toBeGreaterThan(
        Number(await overlay(page).getAttribute('data-followed')),
      );
    });
    await step(page, 'follow', 'its links are highlighted, the others faded', async () => {
      await expect.poll(() => page.locator('.react-flow__edge-path.is-followed').count()).toBeGreaterThan(0);
      expect(
        (await page.locator('.react-flow__edge-path.is-faded').count()) +
          (await page.locator('.react-flow__edge-path.is-followed').count()),
      ).toBe(await page.locator('.react-flow__edge-path').count());
    });
    await step(page, 'follow', 'played on, it takes its hops and ends, and the chip says how', async () => {
      const lit = await page.locator('.react-flow__edge-path.is-followed').count();
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect
        .poll(() => page.getByTestId('follow-chip').textContent(), { timeout: 30_000 })
        .toMatch(/(completed|failed|timed out|rejected|lost) after [\d.]+ m?s/);
      expect(await page.locator('.react-flow__edge-path.is-followed').count()).toBeGreaterThanOrEqual(lit);
      expect(await page.locator('.react-flow__edge-path.is-followed').count()).toBeGreaterThan(1); // orders calls inventory (and payments)
    });
    await step(page, 'follow', 'Esc stops following', async () => {
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('follow-chip').count()).toBe(0);
      expect(await page.locator('.react-flow__edge-path.is-faded, .react-flow__edge-path.is-followed').count()).toBe(0);
      expect(await overlay(page).getAttribute('data-followed')).toBe('');
    });
  }, 120_000);

  it("follows a client's next request from the Follow button in its box", async () => {
    const page = await site.page();
    await step(page, 'follow-client', 'open checkout, play a little, pause', async () => {
      await openExample(page, site.url, 'checkout');
      await page.getByLabel('Speed').selectOption('0.1');
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect
        .poll(async () => Number((await overlay(page).getAttribute('data-messages')) ?? 0), { timeout: 20_000 })
        .toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
    });
    await step(
      page,
      'follow-client',
      'Follow in the shoppers box: the chip names its next request, which then goes on its way',
      async () => {
        await page.getByRole('button', { name: 'Follow the next request from shoppers' }).click();
        await expect.poll(() => page.getByTestId('follow-chip').textContent()).toMatch(/Following request #\d+/);
        await page.getByRole('button', { name: 'Play', exact: true }).click();
        await expect.poll(() => page.locator('.react-flow__edge-path.is-followed').count(), { timeout: 20_000 }).toBeGreaterThan(0);
        await page.getByRole('button', { name: 'Stop following the request' }).click();
        await expect.poll(() => page.getByTestId('follow-chip').count()).toBe(0);
      },
    );
  }, 90_000);

  it("keeps the links' labels off the messages' path, and draws dots over them wherever they meet", async () => {
    const page = await site.page();
    await step(page, 'labels', 'open order-flow and play at 1×', async () => {
      await openExample(page, site.url, 'order-flow');
      await page.getByLabel('Speed').selectOption('1');
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect
        .poll(async () => Number((await overlay(page).getAttribute('data-messages')) ?? 0), { timeout: 20_000 })
        .toBeGreaterThan(0);
    });
    await step(page, 'labels', 'no frame has a drawn message inside a label', async () => {
      // Every frame for 3 s: the overlay's own opaque pixels inside each label's box (inset by a pixel).
      const { frames, covered } = await page.evaluate(
        () =>
          new Promise<{ frames: number; covered: number }>((resolve) => {
            const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="message-overlay"]')!;
            const ctx = canvas.getContext('2d')!;
            let frames = 0,
              covered = 0;
            const start = performance.now();
            const tick = (now: number) => {
              frames++;
              const r = canvas.getBoundingClientRect(),
                ratio = canvas.width / canvas.clientWidth;
              for (const label of document.querySelectorAll('.canvas-edge-label')) {
                const b = label.getBoundingClientRect();
                const x = Math.round((b.left - r.left + 1) * ratio),
                  y = Math.round((b.top - r.top + 1) * ratio);
                const w = Math.round((b.width - 2) * ratio),
                  h = Math.round((b.height - 2) * ratio);
                if (w <= 0 || h <= 0) continue;
                const data = ctx.getImageData(x, y, w, h).data;
                for (let i = 3; i < data.length; i += 4)
                  if (data[i] > 128) {
                    covered++;
                    break;
                  }
              }
              if (now - start < 3000) requestAnimationFrame(tick);
              else resolve({ frames, covered });
            };
            requestAnimationFrame(tick);
          }),
      );
      expect(frames).toBeGreaterThan(20);
      expect(covered).toBe(0);
    });
    await step(page, 'labels', 'the overlay is above the labels', async () => {
      const box = (await page.locator('.canvas-edge-label').first().boundingBox())!;
      // The overlay takes no clicks; for this look only, let it take them to find what is on top at the label's centre.
      const top = await page.evaluate(
        ({ x, y }) => {
          const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="message-overlay"]')!;
          canvas.style.pointerEvents = 'auto';
          const element = document.elementFromPoint(x, y);
          canvas.style.pointerEvents = '';
          return element?.getAttribute('data-testid');
        },
        { x: box.x + box.width / 2, y: box.y + box.height / 2 },
      );
      expect(top).toBe('message-overlay');
    });
  }, 60_000);
});
