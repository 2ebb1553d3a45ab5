/**
 * A message queue as a person meets it, in Chromium against the built site: open a system of a
 * client publishing to a queue that a service consumes from, press Play and see the depth stay
 * low, crash the consumer from its context menu (it restarts after 5 s), see the backlog grow
 * while it is down and drain once it is back, with nothing lost. Then build producer → queue →
 * consumer by dragging handles, and see both new links come out async (dashed, "async") and the
 * producer publish.
 */
import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { shareUrl } from '../../src/ui/persistence/shareLink.ts';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { step, simTime, nodeBox, numberIn, scrubTo, dragBetween } from '../support/e2ePage.ts';

/**
 * web publishes 20 orders a second to `orders` (no limit; a message not acked within 2 s is
 * delivered again); `worker` takes 50 a second at most (2 workers, 40 ms each), so the queue
 * stays nearly empty until the worker is down, and drains at ~30 a second after.
 */
const system = {
  version: 1,
  name: 'Orders through a queue',
  seed: 11,
  duration: '20s',
  nodes: [
    { id: 'web', kind: 'client', target: 'orders', workload: { pattern: 'poisson', rate: 20 } },
    { id: 'orders', kind: 'queue', visibilityTimeout: '2s' },
    { id: 'worker', kind: 'service', workers: 2, serviceTime: { dist: 'exponential', mean: '40ms' } },
  ],
  links: [
    { from: 'web', to: 'orders', kind: 'async', latency: { dist: 'constant', value: '2ms' } },
    { from: 'orders', to: 'worker', kind: 'async', latency: { dist: 'constant', value: '2ms' } },
  ],
  faults: [],
};

/** Three nodes, nothing connected: for connecting by dragging (a service produces: a share link's client needs a target). */
const unconnected = {
  version: 1,
  name: 'To connect',
  seed: 1,
  duration: '10s',
  nodes: [
    { id: 'api', kind: 'service', position: { x: 40, y: 120 } },
    { id: 'orders', kind: 'queue', position: { x: 360, y: 120 } },
    { id: 'worker', kind: 'service', position: { x: 680, y: 120 } },
  ],
  links: [],
  faults: [],
};

/** The queue's depth as its box shows it (ready messages). */
const depth = (page: Page) => numberIn(page.getByTestId('node-live-orders').getByTestId('ready'));

describe.skipIf(!browserAvailable())('a message queue, watched', () => {
  const site = useBuiltSite();

  it('buffers while the consumer is down and drains after it restarts, losing nothing', async () => {
    const page = await site.page();
    page.setDefaultTimeout(15_000);

    await step(page, 'queue', 'open the system', async () => {
      await page.goto(shareUrl(site.url, system));
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
      await expect.poll(() => page.locator('.canvas-edge-label--async').count()).toBe(2);
    });

    await step(page, 'queue', 'play: the consumer keeps up, the depth stays low', async () => {
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(() => simTime(page), { timeout: 20_000 }).toBeGreaterThan(1500);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      expect(await numberIn(page.getByTestId('node-live-orders').getByTestId('acked'))).toBeGreaterThan(10);
      expect(await depth(page)).toBeLessThan(10);
    });

    await step(page, 'queue', 'crash the consumer at 2 s from its context menu (it restarts 5 s later)', async () => {
      await scrubTo(page, 2000);
      await nodeBox(page, 'worker').click({ button: 'right' });
      await page
        .getByRole('menuitem', { name: /^Crash/ })
        .first()
        .click();
      await page.getByRole('button', { name: 'Inject fault' }).click();
      await expect.poll(() => page.locator('footer [data-testid="fault-marker"]').count()).toBe(1);
    });

    await step(page, 'queue', 'play on: the backlog grows while the consumer is down', async () => {
      await page.getByRole('combobox', { name: 'Speed' }).selectOption('2');
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(() => depth(page), { timeout: 20_000 }).toBeGreaterThan(60);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      // It is the outage that piles them up: the worker is down, its box says so.
      expect(await simTime(page)).toBeLessThan(7000);
      await expect.poll(() => nodeBox(page, 'worker').locator('.canvas-node').getAttribute('data-mode')).toBe('crashed');
      await page.screenshot({ path: join(tmpdir(), 'crosstalk-queue-outage.png') });
    });

    await step(page, 'queue', 'play on: the worker restarts and the queue drains', async () => {
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(() => simTime(page), { timeout: 20_000 }).toBeGreaterThan(8000);
      await expect.poll(() => depth(page), { timeout: 20_000 }).toBeLessThan(10);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      expect(await nodeBox(page, 'worker').locator('.canvas-node').getAttribute('data-mode')).toBe('healthy');
      await page.screenshot({ path: join(tmpdir(), 'crosstalk-queue-drained.png') });
    });

    await step(page, 'queue', 'nothing was lost: no drops, no refusals, the producer never failed', async () => {
      const box = page.getByTestId('node-live-orders');
      expect(await box.getByTestId('dropped').count()).toBe(0);
      expect(await box.getByTestId('dead-lettered').count()).toBe(0);
      expect(await page.getByTestId('summary-dropped').count()).toBe(0);
      expect(await page.getByTestId('summary-failed').textContent()).toMatch(/^0$/);
      await nodeBox(page, 'orders').click();
      const live = page.getByRole('region', { name: 'At the playhead' });
      const figure = (name: string) => live.locator('div', { has: page.getByText(name, { exact: true }) }).locator('dd');
      expect(await figure('Dropped (full)').textContent()).toBe('0');
      expect(await figure('Dead-lettered').textContent()).toBe('0');
      expect(await numberIn(figure('Acknowledged'))).toBeGreaterThan(100);
    });
  }, 180_000);

  it('makes async links when a producer and a consumer are connected to a queue by dragging', async () => {
    const page = await site.newPage();
    page.setDefaultTimeout(15_000);

    await step(page, 'queue', 'connect api → orders → worker by their handles', async () => {
      await page.goto(shareUrl(site.url, unconnected));
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
      await dragBetween(
        page,
        nodeBox(page, 'api').locator('.react-flow__handle-right'),
        nodeBox(page, 'orders').locator('.react-flow__handle-left'),
      );
      await dragBetween(
        page,
        nodeBox(page, 'orders').locator('.react-flow__handle-right'),
        nodeBox(page, 'worker').locator('.react-flow__handle-left'),
      );
      await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    });

    await step(page, 'queue', 'both links are async: dashed, labelled, and so in the inspector', async () => {
      await expect.poll(() => page.locator('.canvas-edge-label--async').count()).toBe(2);
      const dash = await page
        .locator('.react-flow__edge[data-id="orders->worker"] .react-flow__edge-path')
        .evaluate((p) => getComputedStyle(p).strokeDasharray);
      expect(dash).not.toBe('none');
      // The last connection is selected: its inspector shows the consumer link.
      await expect.poll(() => page.getByRole('heading', { name: 'Link orders → worker' }).isVisible()).toBe(true);
      expect(await page.getByLabel('Kind', { exact: true }).inputValue()).toBe('Async (through a queue)');
      expect(await page.getByLabel('Prefetch', { exact: true }).count()).toBe(1);
      await page.screenshot({ path: join(tmpdir(), 'crosstalk-queue-connected.png') });
    });

    await step(page, 'queue', 'the producer publishes to the queue as a step of its plan; the consumer got no call', async () => {
      await nodeBox(page, 'api').click();
      await expect.poll(() => page.getByLabel('Step 1: Service', { exact: true }).inputValue()).toBe('orders');
      await nodeBox(page, 'worker').click();
      await expect.poll(() => page.getByRole('heading', { name: 'worker' }).isVisible()).toBe(true);
      expect(await page.getByText('No downstream calls').count()).toBe(1);
    });
  }, 60_000);
});
