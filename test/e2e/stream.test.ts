/**
 * An event stream as a person meets it, in Chromium against the built site: open the stream
 * example (orders appended to a 3-partition stream, read by the groups billing and analytics),
 * run it and scrub into billing-1's crash: the stream's box shows its partitions as lanes with
 * each group's lag, and billing's lag has grown; then crash the stream itself from its context
 * menu and see it styled as down, refusing publishes.
 */
import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { shareUrl } from '../../src/ui/persistence/shareLink.ts';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { step, nodeBox, numberIn, scrubTo, runToTheEnd } from '../support/e2ePage.ts';

const system = JSON.parse(readFileSync(new URL('../../simulations/examples/stream.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

/** Stream figure `name` at the playhead, as its inspector lists it. */
async function figure(page: Page, name: string): Promise<number> {
  await nodeBox(page, 'order-events').click();
  const live = page.getByRole('region', { name: 'At the playhead' });
  return numberIn(live.locator('div', { has: page.getByText(name, { exact: true }) }).locator('dd'));
}

describe.skipIf(!browserAvailable())('a stream, watched', () => {
  const site = useBuiltSite();

  it("shows each partition's lag per group, growing while a member is down, and a stream outage", async () => {
    const page = await site.page();
    page.setDefaultTimeout(15_000);

    await step(page, 'stream', 'open and run the example', async () => {
      await page.goto(shareUrl(site.url, system));
      await expect.poll(() => nodeBox(page, 'order-events').getAttribute('aria-label')).toBe('Stream order-events');
      expect(await nodeBox(page, 'order-events').getByText('3 partitions · keep 45s').count()).toBe(1);
      await runToTheEnd(page);
    });

    let calm = 0;
    await step(page, 'stream', 'before the crash, billing keeps up', async () => {
      await scrubTo(page, 8000);
      calm = await figure(page, 'Lag (billing)');
      expect(calm).toBeLessThan(20);
    });

    await step(page, 'stream', 'billing-1 down and the group rebalancing: lanes show billing behind', async () => {
      await scrubTo(page, 12_000);
      expect(await figure(page, 'Lag (billing)')).toBeGreaterThan(calm + 10);
      const zoomIn = page.getByRole('button', { name: /zoom in/i });
      const lanes = page.getByTestId('node-live-order-events').getByRole('list', { name: 'Partitions' });
      for (let i = 0; i < 5 && (await lanes.count()) === 0; i++) await zoomIn.click();
      await expect.poll(() => lanes.getByRole('listitem').count()).toBe(3);
      expect(await lanes.getByTestId('lane-0').textContent()).toMatch(/^P0 [\d,]+ · lag [\d,]+\/[\d,]+$/);
      await nodeBox(page, 'order-events').screenshot({ path: join(tmpdir(), 'crosstalk-stream-box.png') });
    });

    await step(page, 'stream', 'crash the stream from its context menu: it is down and refuses publishes', async () => {
      await nodeBox(page, 'order-events').click({ button: 'right' });
      await expect.poll(() => page.getByRole('menu', { name: 'Break stream order-events' }).isVisible()).toBe(true);
      await page.getByRole('menuitem', { name: /^Crash/ }).click();
      await page.getByRole('button', { name: 'Inject fault' }).click();
      await expect.poll(() => page.locator('footer [data-testid="fault-marker"]').count()).toBe(3);
      await page
        .getByRole('button', { name: 'Run to the end' })
        .click()
        .catch(() => undefined);
      await scrubTo(page, 15_000);
      await expect.poll(() => nodeBox(page, 'order-events').locator('.canvas-node').getAttribute('data-mode')).toBe('crashed');
      expect(await figure(page, 'Publishes refused')).toBeGreaterThan(20);
      await page.screenshot({ path: join(tmpdir(), 'crosstalk-stream-outage.png') });
    });
  }, 180_000);
});
