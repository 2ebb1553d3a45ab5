/**
 * A topic as a person meets it, in Chromium against the built site: open a system where a service
 * publishes each order to a topic that two queues subscribe to, each consumed by its own service;
 * press Play and see both consumers' processed counts climb together (each publish is processed
 * once per subscription); then crash one subscription's queue from its context menu and see only
 * its consumer stop while the other goes on, the topic still fanning out.
 */
import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { shareUrl } from '../../src/ui/persistence/shareLink.ts';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { step, simTime, nodeBox, numberIn, scrubTo } from '../support/e2ePage.ts';

/**
 * web sends 20 orders a second to `order`, which publishes each to `placed`; `email-q` and
 * `stats-q` subscribe, consumed by `email` and `stats`, both far from busy (2 workers of 10–20 ms
 * for 20 messages a second), so each consumer's count follows the publishes closely.
 */
const system = {
  version: 1,
  name: 'Order placed, fanned out',
  seed: 21,
  duration: '20s',
  nodes: [
    { id: 'web', kind: 'client', target: 'order', workload: { pattern: 'poisson', rate: 20 } },
    { id: 'order', kind: 'service', workers: 4, serviceTime: { dist: 'exponential', mean: '5ms' }, calls: [{ to: 'placed' }] },
    { id: 'placed', kind: 'topic' },
    { id: 'email-q', kind: 'queue' },
    { id: 'stats-q', kind: 'queue' },
    { id: 'email', kind: 'service', workers: 2, serviceTime: { dist: 'exponential', mean: '20ms' } },
    { id: 'stats', kind: 'service', workers: 2, serviceTime: { dist: 'exponential', mean: '10ms' } },
  ],
  links: [
    { from: 'web', to: 'order', latency: { dist: 'constant', value: '2ms' } },
    { from: 'order', to: 'placed', kind: 'async', latency: { dist: 'constant', value: '2ms' } },
    { from: 'placed', to: 'email-q', kind: 'async', latency: { dist: 'constant', value: '2ms' } },
    { from: 'placed', to: 'stats-q', kind: 'async', latency: { dist: 'constant', value: '2ms' } },
    { from: 'email-q', to: 'email', kind: 'async', latency: { dist: 'constant', value: '2ms' } },
    { from: 'stats-q', to: 'stats', kind: 'async', latency: { dist: 'constant', value: '2ms' } },
  ],
  faults: [],
};

/** Plays until the clock passes `ms`, then pauses. */
async function playPast(page: Page, ms: number): Promise<void> {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => simTime(page), { timeout: 30_000 }).toBeGreaterThan(ms);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
}

/**
 * Node `id`'s figure `name` at the playhead, as its inspector lists it: selects it to read (seven
 * boxes fit the view only zoomed out, where boxes show bars, not figures).
 */
async function figure(page: Page, id: string, name: string): Promise<number> {
  await nodeBox(page, id).click();
  await expect.poll(() => page.getByRole('heading', { name: id, exact: true }).isVisible()).toBe(true);
  const live = page.getByRole('region', { name: 'At the playhead' });
  return numberIn(live.locator('div', { has: page.getByText(name, { exact: true }) }).locator('dd'));
}

/** A consumer's messages processed so far. */
const processed = (page: Page, id: string) => figure(page, id, 'Succeeded');

describe.skipIf(!browserAvailable())('a topic, watched', () => {
  const site = useBuiltSite();

  it('copies each publish to both subscriptions, and a subscription that is down stops only its consumer', async () => {
    const page = await site.page();
    page.setDefaultTimeout(15_000);

    await step(page, 'topic', 'open the system', async () => {
      await page.goto(shareUrl(site.url, system));
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
      await expect.poll(() => page.locator('.canvas-edge-label--async').count()).toBe(5);
      await expect.poll(() => nodeBox(page, 'placed').getAttribute('aria-label')).toBe('Topic placed');
      expect(await nodeBox(page, 'placed').getByText('fans out to 2 queues').count()).toBe(1);
      // It opens readable, from its start; Fit view shows all seven boxes.
      await page.getByRole('button', { name: 'Fit view', exact: true }).first().click();
      const inPane = async (id: string) => {
        const [pane, box] = [await page.locator('.react-flow').boundingBox(), await nodeBox(page, id).boundingBox()];
        return (
          !!pane &&
          !!box &&
          box.x >= pane.x &&
          box.y >= pane.y &&
          box.x + box.width <= pane.x + pane.width &&
          box.y + box.height <= pane.y + pane.height
        );
      };
      for (const id of ['web', 'email', 'stats']) await expect.poll(() => inPane(id)).toBe(true);
    });

    const counts: { email: number; stats: number }[] = [];
    await step(page, 'topic', 'play: both consumers process every order, together', async () => {
      for (const until of [1200, 2400]) {
        await playPast(page, until);
        counts.push({ email: await processed(page, 'email'), stats: await processed(page, 'stats') });
      }
      const [first, second] = counts;
      expect(first.email).toBeGreaterThan(10);
      expect(second.email).toBeGreaterThan(first.email + 10);
      expect(second.stats).toBeGreaterThan(first.stats + 10);
      // One copy each: the two counts differ by the few messages still on their way or at work.
      for (const c of counts) expect(Math.abs(c.email - c.stats)).toBeLessThanOrEqual(4);
      expect(await figure(page, 'placed', 'Fanned out')).toBeGreaterThanOrEqual(second.stats);
      // Zoomed out, the topic's box is a bar; its figures are the bar's accessible name.
      const bar = page.getByTestId('node-live-placed').getByRole('img');
      const zoomOut = page.getByRole('button', { name: /zoom out/i });
      for (let i = 0; i < 6 && (await bar.count()) === 0; i++) await zoomOut.click();
      expect(await bar.getAttribute('aria-label')).toMatch(/fanned out to 2 queues$/);
      await page.screenshot({ path: join(tmpdir(), 'crosstalk-topic-fanout.png') });
    });

    await step(page, 'topic', "crash the email subscription's queue at 2.5 s from its context menu, for 10 s", async () => {
      await scrubTo(page, 2500);
      await nodeBox(page, 'email-q').click({ button: 'right' });
      await expect.poll(() => page.getByRole('menu', { name: 'Break queue email-q' }).isVisible()).toBe(true);
      await page.getByRole('menuitem', { name: /^Crash/ }).click();
      const seconds = page.getByLabel(/Back after/);
      await seconds.fill('10');
      await page.getByRole('button', { name: 'Inject fault' }).click();
      await expect.poll(() => page.locator('footer [data-testid="fault-marker"]').count()).toBe(1);
    });

    await step(page, 'topic', 'play on: only the email consumer stops; stats goes on and the topic still fans out', async () => {
      await page.getByRole('combobox', { name: 'Speed' }).selectOption('2');
      // Past the crash and the messages the email consumer had at work when it came.
      await playPast(page, 3200);
      const down = { email: await processed(page, 'email'), stats: await processed(page, 'stats') };
      await expect.poll(() => nodeBox(page, 'email-q').locator('.canvas-node').getAttribute('data-mode')).toBe('crashed');
      const fannedBefore = await figure(page, 'placed', 'Fanned out');
      await playPast(page, 6000);
      const later = { email: await processed(page, 'email'), stats: await processed(page, 'stats') };
      expect(later.email).toBe(down.email);
      expect(later.stats).toBeGreaterThan(down.stats + 30); // ~20 a second for ~2.8 s
      expect(await figure(page, 'placed', 'Fanned out')).toBeGreaterThan(fannedBefore + 30);
      expect(await figure(page, 'placed', 'Publishes refused')).toBe(0);
      // The copies for the queue that is down are refused there (the topic's link has no retry).
      expect(await figure(page, 'email-q', 'Publishes refused')).toBeGreaterThan(30);
      expect(await nodeBox(page, 'stats-q').locator('.canvas-node').getAttribute('data-mode')).toBe('healthy');
      await page.screenshot({ path: join(tmpdir(), 'crosstalk-topic-outage.png') });
    });

    await step(page, 'topic', "zoomed in, the topic's box shows its figures", async () => {
      const zoomIn = page.getByRole('button', { name: /zoom in/i });
      const topic = page.getByTestId('node-live-placed');
      for (let i = 0; i < 4 && (await topic.getByTestId('fanned-out').count()) === 0; i++) await zoomIn.click();
      expect(await numberIn(topic.getByTestId('fanned-out'))).toBe(await figure(page, 'placed', 'Fanned out'));
      expect(await topic.getByTestId('subscriptions').locator('..').textContent()).toBe('2 subscriptions');
      await nodeBox(page, 'placed').screenshot({ path: join(tmpdir(), 'crosstalk-topic-box.png') });
    });
  }, 180_000);
});
