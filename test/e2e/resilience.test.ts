/**
 * A circuit breaker as a person meets it, in Chromium against the built site: open a system of a
 * client calling a service, guard the link with a breaker in the inspector, watch its window fill
 * in the detail view while scrubbing, crash the service from its context menu, then play and
 * watch the badge on the link go open, half-open, and closed again after the service restarts.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { shareUrl } from '../../src/ui/persistence/shareLink.ts';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { step, simTime, scrubTo } from '../support/e2ePage.ts';

const LINK = 'web->api';

/** web sends 10 requests a second to api (4 workers); no protection yet. */
const system = {
  version: 1,
  name: 'Breaker demo',
  seed: 3,
  duration: '20s',
  nodes: [
    { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 10 } },
    { id: 'api', kind: 'service', workers: 4, serviceTime: { dist: 'exponential', mean: '20ms' } },
  ],
  links: [{ from: 'web', to: 'api', latency: { dist: 'constant', value: '5ms' } }],
  faults: [],
};

/** Selects the link by clicking its protocol label (which selects its link). */
async function selectLink(page: Page): Promise<void> {
  const label = await page.locator(`.canvas-edge-label[data-link="${LINK}"]`).boundingBox();
  if (!label) throw new Error('the link is not on the canvas');
  await page.mouse.click(label.x + label.width / 2, label.y + label.height / 2);
  await expect.poll(() => page.getByRole('heading', { name: `Link web → api` }).isVisible()).toBe(true);
}

async function setField(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Enter');
}

const filledCells = (page: Page) => page.locator('[data-testid="breaker-cells"] .breaker-cell:not(.is-empty)').count();

describe.skipIf(!browserAvailable())('a circuit breaker, watched', () => {
  const site = useBuiltSite();

  it('opens when the service crashes, tries again half-open, and closes after it restarts', async () => {
    const page = await site.page();
    page.setDefaultTimeout(15_000);
    const badge = page.getByTestId(`link-guard-${LINK}`);

    await step(page, 'resilience', 'open the system', async () => {
      await page.goto(shareUrl(site.url, system));
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(2);
    });

    await step(page, 'resilience', 'guard the link with a circuit breaker: a window of 10 calls, 2 s open, 5 trial calls', async () => {
      await selectLink(page);
      await page.getByRole('checkbox', { name: 'Guard with a circuit breaker' }).check();
      await setField(page, 'Minimum calls', '10');
      await setField(page, 'N', '10');
      await setField(page, 'Wait when open', '2s');
      await setField(page, 'Trial calls', '5');
      await expect.poll(() => page.getByLabel('Trial calls', { exact: true }).inputValue()).toBe('5');
    });

    await step(page, 'resilience', 'play a moment: the badge shows the breaker closed', async () => {
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(() => badge.getAttribute('data-state'), { timeout: 20_000 }).toBe('closed');
      await expect.poll(() => simTime(page)).toBeGreaterThan(300);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
    });

    await step(page, 'resilience', "scrub: the detail view's window fills call by call", async () => {
      await scrubTo(page, 350);
      const early = await filledCells(page);
      expect(early).toBeGreaterThan(0);
      expect(early).toBeLessThan(10);
      await expect.poll(() => page.getByTestId('breaker-gate').textContent()).toMatch(/too few to judge/);
      await scrubTo(page, 1900);
      expect(await filledCells(page)).toBe(10);
      await expect.poll(() => page.getByTestId('breaker-gate').textContent()).toMatch(/the rates count/);
    });

    await step(page, 'resilience', 'crash the service at 2 s from its context menu (it restarts 5 s later)', async () => {
      await scrubTo(page, 2000);
      await page.locator('.react-flow__node[data-id="api"]').click({ button: 'right' });
      await page
        .getByRole('menuitem', { name: /^Crash/ })
        .first()
        .click();
      await page.getByRole('button', { name: 'Inject fault' }).click();
      await expect.poll(() => page.locator('footer [data-testid="fault-marker"]').count()).toBe(1);
    });

    await step(page, 'resilience', 'play on: the badge goes open, half-open, and closed again', async () => {
      await selectLink(page);
      await page.getByRole('combobox', { name: 'Speed' }).selectOption('2');
      // Every state the badge shows, in order, as a person watching it would see them.
      await badge.evaluate((el) => {
        const seen: string[] = [el.dataset.state ?? ''];
        (window as unknown as { badgeStates: string[] }).badgeStates = seen;
        new MutationObserver(() => {
          if (el.dataset.state !== seen.at(-1)) seen.push(el.dataset.state ?? '');
        }).observe(el, { attributes: true, attributeFilter: ['data-state'] });
      });
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      const states = () => page.evaluate(() => (window as unknown as { badgeStates: string[] }).badgeStates.join(' '));
      await expect.poll(states, { timeout: 30_000 }).toMatch(/^closed open .*half-open.* closed/);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      const seen = (await states()).split(' ');
      expect(seen.indexOf('open')).toBeLessThan(seen.indexOf('half-open'));
      expect(seen.lastIndexOf('half-open')).toBeLessThan(seen.lastIndexOf('closed'));
      // The crash starts at 2 s and api is back after 7 s: the last closing follows the restart.
      expect(await simTime(page)).toBeGreaterThan(7000);
    });

    await step(page, 'resilience', 'the detail view tells what happened', async () => {
      await expect.poll(() => page.getByTestId('breaker-state').getAttribute('data-state')).toBe('closed');
      await expect.poll(() => page.getByTestId('breaker-transitions').textContent()).toMatch(/Half-open → Closed/);
      expect(Number((await page.getByTestId('breaker-refused').textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);
      await expect.poll(() => badge.textContent()).toMatch(/refused/);
    });
  }, 180_000);
});
