/**
 * The phone layout (390×844) in Chromium against the built site: every example opens at its
 * start (its leftmost, topmost client whole on screen, not a late centred fit that leaves it off
 * the left edge); in the top-to-bottom layout links run from a node's bottom to the next one's
 * top, in the gap between them, with the messages' dots on the drawn line; and a notice never
 * covers an open drawer's header.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { step } from '../support/e2ePage.ts';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 1 &&
  inner.y >= outer.y - 1 &&
  inner.x + inner.width <= outer.x + outer.width + 1 &&
  inner.y + inner.height <= outer.y + outer.height + 1;
const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function openPhone(page: Page, url: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect.poll(() => page.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
}

async function openExample(page: Page, name: string): Promise<void> {
  await page.getByLabel('Open an example').selectOption(name);
  await expect.poll(() => page.locator('.react-flow__node').count()).toBeGreaterThan(1);
  // Long enough for any late placement or fit to land (the defect was a fit after the layout).
  await page.waitForTimeout(1200);
}

describe.skipIf(!browserAvailable())('the phone layout', () => {
  const site = useBuiltSite();

  it('opens every example at its start: the leftmost, topmost client is whole on screen', async () => {
    const page = await site.page();
    page.setDefaultTimeout(20_000);
    await openPhone(page, site.url);
    const names = await page
      .getByLabel('Open an example')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
    expect(names.length).toBeGreaterThan(5);
    const misplaced: string[] = [];
    for (const name of names) {
      // One after another, as a person tries them (and fresh too: the first open after a load differs).
      await step(page, 'phone', `open ${name}`, async () => {
        await openExample(page, name);
        const canvas = (await page.getByRole('region', { name: 'Diagram' }).boundingBox())!;
        const clients = await page.locator('.react-flow__node:has(.canvas-node--client)').evaluateAll((nodes) =>
          nodes.map((n) => {
            const r = n.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          }),
        );
        const boxes =
          clients.length > 0
            ? clients
            : await page.locator('.react-flow__node').evaluateAll((nodes) =>
                nodes.map((n) => {
                  const r = n.getBoundingClientRect();
                  return { x: r.x, y: r.y, width: r.width, height: r.height };
                }),
              );
        const first = boxes.reduce((a, b) => (b.x + b.y < a.x + a.y ? b : a));
        if (!inside(first, canvas)) misplaced.push(`${name}: ${JSON.stringify(first)} in ${JSON.stringify(canvas)}`);
      });
    }
    for (const name of ['reference', 'cascade-unprotected']) {
      await step(page, 'phone', `open ${name} first thing`, async () => {
        await openPhone(page, site.url);
        await openExample(page, name);
        const canvas = (await page.getByRole('region', { name: 'Diagram' }).boundingBox())!;
        const first = await page.locator('.react-flow__node:has(.canvas-node--client)').evaluateAll((nodes) =>
          nodes
            .map((n) => {
              const r = n.getBoundingClientRect();
              return { x: r.x, y: r.y, width: r.width, height: r.height };
            })
            .reduce((a, b) => (b.x + b.y < a.x + a.y ? b : a)),
        );
        if (!inside(first, canvas)) misplaced.push(`${name} (first thing): ${JSON.stringify(first)} in ${JSON.stringify(canvas)}`);
      });
    }
    expect(misplaced, misplaced.join('\n')).toEqual([]);
  }, 300_000);

  it("draws checkout's links top to bottom in the gap between their nodes, with the dots on them", async () => {
    const page = await site.page();
    page.setDefaultTimeout(20_000);
    await openPhone(page, site.url);
    await openExample(page, 'checkout');
    await step(page, 'phone', 'each link lies between its two nodes', async () => {
      const links = await page.locator('.react-flow__edge').evaluateAll((edges) =>
        edges.map((edge) => {
          const path = edge.querySelector<SVGPathElement>('path.react-flow__edge-path')!;
          const r = path.getBoundingClientRect();
          const [, from, to] = /Link from (\S+) to ([^,]+),/.exec(edge.getAttribute('aria-label') ?? '') ?? [];
          const boxOf = (id: string) => {
            const b = document.querySelector(`.react-flow__node[data-id="${id}"]`)!.getBoundingClientRect();
            return { x: b.x, y: b.y, width: b.width, height: b.height };
          };
          return { from, to, path: { x: r.x, y: r.y, width: r.width, height: r.height }, source: boxOf(from), target: boxOf(to) };
        }),
      );
      expect(links.length).toBeGreaterThan(2);
      for (const { from, to, path, source, target } of links) {
        const what = `${from} → ${to}: path ${JSON.stringify(path)}, ${JSON.stringify(source)} → ${JSON.stringify(target)}`;
        // The narrow layout stacks them: the callee below the caller.
        expect(target.y, what).toBeGreaterThan(source.y + source.height);
        expect(path.y, what).toBeGreaterThanOrEqual(source.y + source.height - 2);
        expect(path.y + path.height, what).toBeLessThanOrEqual(target.y + 2);
        expect(path.x, what).toBeGreaterThanOrEqual(Math.min(source.x, target.x) - 2);
        expect(path.x + path.width, what).toBeLessThanOrEqual(Math.max(source.x + source.width, target.x + target.width) + 2);
      }
    });
    await step(page, 'phone', 'the dots travel on the drawn links', async () => {
      await page.getByLabel('Speed').selectOption('0.1');
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      const overlay = page.getByTestId('message-overlay');
      await expect.poll(async () => Number((await overlay.getAttribute('data-messages')) ?? 0), { timeout: 20_000 }).toBeGreaterThan(3);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      const far = await page.evaluate(() => {
        const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="message-overlay"]')!;
        const { data, width, height } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        const ratio = canvas.width / canvas.clientWidth;
        const origin = canvas.getBoundingClientRect();
        // Points along every drawn link, in page px.
        const line: { x: number; y: number }[] = [];
        for (const path of document.querySelectorAll<SVGPathElement>('.react-flow__edge path.react-flow__edge-path')) {
          const m = path.getScreenCTM()!,
            length = path.getTotalLength();
          for (let s = 0; s <= length; s += 2) {
            const p = path.getPointAtLength(s);
            line.push({ x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f });
          }
        }
        const off: string[] = [];
        let seen = 0;
        for (let y = 0; y < height; y += 2)
          for (let x = 0; x < width; x += 2) {
            if (data[(y * width + x) * 4 + 3] < 230) continue;
            seen++;
            const px = origin.x + x / ratio,
              py = origin.y + y / ratio;
            const d = Math.min(...line.map((q) => Math.hypot(q.x - px, q.y - py)));
            if (d > 16) off.push(`(${px.toFixed(0)}, ${py.toFixed(0)}) ${d.toFixed(0)} px off`);
          }
        return { seen, off: off.slice(0, 10) };
      });
      expect(far.seen).toBeGreaterThan(0);
      expect(far.off, far.off.join('\n')).toEqual([]);
    });
  }, 120_000);

  it("never covers the open lessons drawer's header with a notice", async () => {
    const page = await site.page();
    page.setDefaultTimeout(20_000);
    await openPhone(page, site.url);
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    const drawer = page.getByRole('complementary', { name: 'Lessons' });
    await drawer.getByRole('button', { name: 'Start A first request' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: /loaded/i })
          .count(),
      )
      .toBe(1);
    await step(page, 'phone', "the notice is clear of the drawer's header and its Hide button", async () => {
      const notice = (await page.locator('.notice-info').boundingBox())!;
      const header = (await page.locator('.drawer .dock-bar').first().boundingBox())!;
      expect(intersects(notice, header), `notice ${JSON.stringify(notice)} over header ${JSON.stringify(header)}`).toBe(false);
      const hide = page.locator('.drawer .dock-bar button').first();
      expect(intersects(notice, (await hide.boundingBox())!)).toBe(false);
      await hide.click({ trial: true, timeout: 2000 });
      // Still on screen, above the playback bar.
      const bottom = (await page.locator('footer.workspace-bottom').boundingBox())!;
      expect(notice.y + notice.height).toBeLessThanOrEqual(bottom.y + 1);
      expect(notice.y).toBeGreaterThanOrEqual(0);
    });
  }, 60_000);
});
