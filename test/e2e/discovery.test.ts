/**
 * Service discovery as a person meets it, in Chromium against the built site: open a system of a
 * shop calling a catalog it finds through a registry (one instance), give the catalog three
 * replicas in the inspector, run, and crash instance 2 at 12 s from the fault menu. Scrubbing on,
 * the registry still lists the dead instance (stale) until its lease runs out 15 s after its last
 * heartbeat, then shows it expired; the instance's card says it is stale in the shop's cache, and
 * the shop keeps getting refusals from it, until its next lookup drops it: from then on no call
 * goes to it.
 */
import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { shareUrl } from '../../src/ui/persistence/shareLink.ts';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { step, nodeBox, numberIn, scrubTo, runToTheEnd } from '../support/e2ePage.ts';

/**
 * shop sends 60 requests a second to catalog, which it finds through the registry (looking it up
 * every 10 s: at 10, 20, 30 s…); catalog's instances heartbeat every 5 s, and an entry expires 15 s
 * after the last one.
 */
const system = {
  version: 1,
  name: 'Finding the catalog',
  seed: 7,
  duration: '45s',
  nodes: [
    { id: 'shop', kind: 'client', target: 'catalog', workload: { pattern: 'poisson', rate: 60 }, position: { x: 0, y: 100 } },
    { id: 'catalog', kind: 'service', workers: 4, serviceTime: { dist: 'exponential', mean: 20 }, position: { x: 320, y: 100 } },
    { id: 'registry', kind: 'registry', heartbeatInterval: '5s', ttl: '15s', position: { x: 160, y: 330 } },
  ],
  links: [
    { from: 'shop', to: 'catalog', latency: { dist: 'constant', value: 2 }, timeout: '1s', discovery: { refreshInterval: '10s' } },
    { from: 'catalog', to: 'registry', latency: { dist: 'constant', value: 1 } },
    { from: 'shop', to: 'registry', latency: { dist: 'constant', value: 1 } },
  ],
  faults: [],
};

/** The registry's row for an instance ("catalog #2"), as its box lists it. */
const entry = (page: Page, name: string) => page.getByTestId('registry-registry').getByTestId(`entry-${name}`);
/** Instance `n`'s card in catalog's box. */
const card = (page: Page, n: number) => page.getByTestId('instances-catalog').getByTestId(`instance-${n}`);
/** The refusals shop has had, as its box shows them (none shown: 0). */
const refused = async (page: Page) => {
  const figure = nodeBox(page, 'shop').getByTestId('rejected');
  return (await figure.count()) === 0 ? 0 : numberIn(figure);
};

describe.skipIf(!browserAvailable())('service discovery, watched', () => {
  const site = useBuiltSite();

  it('keeps a crashed instance listed until its lease runs out, and sends it calls until a lookup drops it', async () => {
    const page = await site.page();
    page.setDefaultTimeout(15_000);

    await step(page, 'discovery', 'open the system: a registry, a catalog of one instance', async () => {
      await page.goto(shareUrl(site.url, system));
      await expect.poll(() => nodeBox(page, 'registry').getAttribute('aria-label')).toBe('Registry registry');
      expect(await nodeBox(page, 'registry').getByText('heartbeat 5s · TTL 15s').count()).toBe(1);
      expect(await nodeBox(page, 'catalog').getByText('4 workers · 20ms').count()).toBe(1);
    });

    await step(page, 'discovery', 'give the catalog three replicas in the inspector', async () => {
      await nodeBox(page, 'catalog').click();
      const replicas = page.getByLabel('Replicas', { exact: true });
      await replicas.fill('3');
      await replicas.press('Enter');
      await expect.poll(() => nodeBox(page, 'catalog').getByText('3 × 4 workers · 20ms').count()).toBe(1);
    });

    await step(page, 'discovery', 'run, and see every instance registered and heartbeating', async () => {
      await runToTheEnd(page);
      await scrubTo(page, 8000);
      // Zoomed in enough for the boxes' figures (zoomed out, they show marks).
      const zoomIn = page.getByRole('button', { name: /zoom in/i });
      for (let i = 0; i < 5 && (await page.getByTestId('registry-registry').locator('tr').count()) === 0; i++) await zoomIn.click();
      await expect.poll(() => page.getByTestId('registry-registry').locator('tbody tr').count()).toBe(3);
      expect(await entry(page, 'catalog #2').textContent()).toMatch(/^catalog #2healthy\d\.\ds ago$/);
    });

    await step(page, 'discovery', 'crash instance 2 at 12 s from the fault menu, for good', async () => {
      await scrubTo(page, 12_000);
      await nodeBox(page, 'catalog').click({ button: 'right' });
      await page
        .getByRole('menu', { name: 'Break service catalog' })
        .getByRole('menuitem', { name: /^Crash/ })
        .click();
      const form = page.getByRole('form', { name: 'Crash catalog' });
      await form.getByLabel('Instance').selectOption('instance 2');
      await form.getByLabel(/Restart after/).fill('100');
      await form.getByRole('button', { name: 'Inject fault' }).click();
      await expect.poll(() => page.locator('footer [data-testid="fault-marker"]').count()).toBe(1);
      await runToTheEnd(page);
    });

    let before = 0;
    await step(page, 'discovery', "down, but still listed: stale in the registry and in the shop's cache, and sent calls", async () => {
      await scrubTo(page, 16_000);
      await expect.poll(() => card(page, 2).getAttribute('data-mode')).toBe('crashed');
      await expect.poll(() => entry(page, 'catalog #2').textContent()).toMatch(/^catalog #2stale\d\.\ds ago$/);
      expect(await entry(page, 'catalog #1').textContent()).not.toMatch(/stale/);
      expect(await card(page, 2).getByTestId('instance-stale').textContent()).toBe("stale in shop's cache");
      before = await refused(page);
      await scrubTo(page, 22_000);
      // The lookup at 20 s still found it listed: the shop keeps sending it a share of its calls, refused.
      expect(await refused(page)).toBeGreaterThan(before + 50);
      expect(await card(page, 2).getByTestId('instance-stale').count()).toBe(1);
      await page.screenshot({ path: join(tmpdir(), 'crosstalk-discovery-stale.png') });
    });

    await step(page, 'discovery', '15 s after its last heartbeat the entry expires; the cache still has it', async () => {
      await scrubTo(page, 27_000);
      await expect.poll(() => entry(page, 'catalog #2').textContent()).toMatch(/^catalog #2expired1\ds ago$/);
      expect(await entry(page, 'catalog #3').textContent()).toMatch(/healthy/);
      expect(await card(page, 2).getByTestId('instance-stale').count()).toBe(1);
    });

    await step(page, 'discovery', 'the lookup at 30 s drops it: no more calls go to it', async () => {
      await scrubTo(page, 31_000);
      await expect.poll(() => card(page, 2).getByTestId('instance-stale').count()).toBe(0);
      expect(await card(page, 2).getAttribute('data-mode')).toBe('crashed');
      const after = await refused(page);
      await scrubTo(page, 44_000);
      expect(await refused(page)).toBe(after);
      expect(await entry(page, 'catalog #2').textContent()).toMatch(/expired/);
      await page.screenshot({ path: join(tmpdir(), 'crosstalk-discovery-dropped.png') });
    });
  }, 180_000);
});
