/**
 * Faults on links, seen in Chromium against the built site: a partition between api and db and a
 * latency spike on web → api that start together. While they are in force at the playhead the
 * api → db link is drawn cut (its line in two pieces, a ✕ tag) and web → api as a latency line
 * ("+200 ms"); before and after, both are plain links. The timeline gives each fault its own
 * labelled row, so the two that start at the same instant stay apart.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { shareUrl } from '../../src/ui/persistence/shareLink.ts';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { faultySystem } from '../support/linkFaultSystem.ts';
import { step, nodeBox, runToTheEnd, scrubTo } from '../support/e2ePage.ts';

/** The drawn line of link `id`, and its fault tag. */
const line = (page: Page, id: string) => page.locator(`.react-flow__edge[data-id="${id}"] path.react-flow__edge-path`);
const tag = (page: Page, id: string) => page.locator(`.canvas-edge-fault[data-link="${id}"]`);
/** How many curve pieces ("C" commands) a line's path is drawn in. */
const pieces = async (page: Page, id: string) => ((await line(page, id).getAttribute('d')) ?? '').split('C').length - 1;

describe.skipIf(!browserAvailable())('faults on links', () => {
  const site = useBuiltSite();

  it('draws a partition as a cut and a latency spike as a changed line, only while they are in force; one timeline row per fault', async () => {
    const page = await site.page();
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1280, height: 800 });

    await step(page, 'linkFaults', 'open the system and run it', async () => {
      await page.goto(shareUrl(site.url, faultySystem));
      await expect.poll(() => nodeBox(page, 'db').getAttribute('aria-label')).toBe('Service db');
      await runToTheEnd(page);
    });

    await step(page, 'linkFaults', 'before the faults: plain links', async () => {
      await scrubTo(page, 1000);
      await expect.poll(() => line(page, 'api->db').getAttribute('data-fault')).toBeNull();
      expect(await line(page, 'web->api').getAttribute('data-fault')).toBeNull();
      expect(await pieces(page, 'api->db')).toBe(1);
      expect(await page.locator('.canvas-edge-fault').count()).toBe(0);
    });

    await step(page, 'linkFaults', 'inside the faults: api → db cut, web → api slowed by 200 ms', async () => {
      await scrubTo(page, 3000);
      await expect.poll(() => line(page, 'api->db').getAttribute('data-fault')).toBe('cut');
      expect(await pieces(page, 'api->db')).toBe(2);
      expect(await line(page, 'api->db').getAttribute('class')).toMatch(/\bis-fault-cut\b/);
      expect(await tag(page, 'api->db').textContent()).toBe('✕ partition');
      expect(await line(page, 'web->api').getAttribute('data-fault')).toBe('latency');
      expect(await line(page, 'web->api').getAttribute('class')).toMatch(/\bis-fault-latency\b/);
      expect(await tag(page, 'web->api').textContent()).toBe('+200 ms');
      // The latency line is drawn differently from a plain one: amber and thicker.
      const width = await line(page, 'web->api').evaluate((el) => parseFloat(getComputedStyle(el).strokeWidth));
      expect(width).toBeGreaterThan(2.5);
      // A fault's tag never covers its link's protocol label.
      for (const id of ['api->db', 'web->api']) {
        const t = await tag(page, id).boundingBox(),
          l = await page.locator(`.canvas-edge-label[data-link="${id}"]`).boundingBox();
        if (!t || !l) throw new Error(`no tag or label on ${id}`);
        const overlap = t.x < l.x + l.width && l.x < t.x + t.width && t.y < l.y + l.height && l.y < t.y + t.height;
        expect(overlap, `${id}: tag ${JSON.stringify(t)} over label ${JSON.stringify(l)}`).toBe(false);
      }
      await page.screenshot({ path: '/tmp/crosstalk-linkFaults-inside.png' });
    });

    await step(page, 'linkFaults', 'after the faults: plain links again', async () => {
      await scrubTo(page, 5000);
      await expect.poll(() => line(page, 'api->db').getAttribute('data-fault')).toBeNull();
      expect(await line(page, 'web->api').getAttribute('data-fault')).toBeNull();
      expect(await pieces(page, 'api->db')).toBe(1);
      expect(await page.locator('.canvas-edge-fault').count()).toBe(0);
    });

    await step(page, 'linkFaults', 'the timeline: one labelled row per fault, though both start at 2 s', async () => {
      const rows = page.locator('footer [data-testid="fault-row"]');
      await expect.poll(() => rows.count()).toBe(2);
      expect(await rows.nth(0).textContent()).toBe('Partition api ↔ db');
      expect(await rows.nth(1).textContent()).toBe('Latency spike +200ms on web->api');
      const a = await rows.nth(0).getByTestId('fault-marker').boundingBox();
      const b = await rows.nth(1).getByTestId('fault-marker').boundingBox();
      if (!a || !b) throw new Error('a fault marker is not visible');
      // Same start, different rows: one below the other, not on top of it.
      expect(Math.abs(a.x - b.x)).toBeLessThan(2);
      expect(b.y).toBeGreaterThanOrEqual(a.y + a.height);
    });
  }, 180_000);
});
