/**
 * A challenge level finished through the page, as a learner would, in Chromium against the built
 * site: open the lessons drawer, find the challenge in the curriculum map (marked, under its topic,
 * with the lessons it builds on), start it (one brief, no walk-through), run the start and see goals
 * fail, then make the edits in the inspector (a retry on checkout's link to the queue: Attempts 6;
 * fulfilment: Replicas 2), run to the end and see every goal pass, the debrief, and the map
 * showing the challenge done.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { nodeBox, step } from '../support/e2ePage.ts';

const TITLE = 'Drain the backlog without losing an order';
const LINK = 'checkout->orders';

async function setField(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Enter');
  await expect.poll(() => page.getByLabel(label, { exact: true }).inputValue()).toBe(value);
}

describe.skipIf(!browserAvailable())('a challenge level, finished through the page', () => {
  const site = useBuiltSite();

  it('is found in the map, failed as it starts, and solved with a publish retry and a second consumer', async () => {
    const page = await site.page();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const panel = page.getByRole('complementary', { name: 'Lessons' });
    const goals = panel.getByRole('list', { name: 'Goals' });

    await step(page, 'challenge', 'open the drawer: the challenge is marked, under queues and topics, with what it builds on', async () => {
      await page.goto(site.url);
      await page.getByRole('button', { name: 'Lessons', exact: true }).click();
      const topic = panel.getByRole('listitem', { name: 'Queues and topics' });
      const entry = topic.getByRole('listitem', { name: TITLE });
      await expect
        .poll(() => entry.textContent())
        .toMatch(/Challenge.*Competing consumers.*Not started.*Builds on: 12\. When the broker itself goes down/);
      await entry.getByRole('button', { name: `Start ${TITLE}` }).click();
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
      await expect.poll(() => panel.getByRole('heading', { name: 'The challenge' }).isVisible()).toBe(true);
      expect(await panel.getByRole('list', { name: 'Steps' }).getByRole('listitem').count()).toBe(1);
    });

    await step(page, 'challenge', 'run the start: goals fail', async () => {
      await page.getByRole('button', { name: 'Run to the end' }).click();
      await expect
        .poll(() => panel.textContent(), { timeout: 30_000 })
        .toMatch(/Whole run: 0 of 3 goals met\.|Goals at the end of the run/);
      const end = panel.getByRole('button', { name: 'Go to the end' });
      if ((await end.count()) > 0) await end.click();
      await expect.poll(() => goals.getByText('(failing)').count(), { timeout: 30_000 }).toBe(3);
    });

    await step(page, 'challenge', 'retry the publish: select checkout -> orders, Retry failed attempts, Attempts 6', async () => {
      const label = await page.locator(`.canvas-edge-label[data-link="${LINK}"]`).boundingBox();
      if (!label) throw new Error('the link to the queue is not on the canvas');
      await page.mouse.click(label.x + label.width / 2, label.y + label.height / 2);
      await expect.poll(() => page.getByRole('heading', { name: 'Link checkout → orders' }).isVisible()).toBe(true);
      await page.getByRole('checkbox', { name: 'Retry failed attempts' }).check();
      await setField(page, 'Attempts', '6');
    });

    await step(page, 'challenge', 'a second consumer: select fulfilment, Replicas 2', async () => {
      await nodeBox(page, 'fulfilment').click();
      await expect.poll(() => page.getByLabel('Replicas', { exact: true }).isVisible()).toBe(true);
      await setField(page, 'Replicas', '2');
    });

    await step(page, 'challenge', 'run to the end: every goal passes, the debrief shows, the map says done', async () => {
      // An edit re-runs from the start up to the playhead, which is at the end: the re-run may
      // already be there (the button then disabled), or still on its way.
      await page
        .getByRole('button', { name: 'Run to the end' })
        .click({ timeout: 2000 })
        .catch(() => undefined);
      await expect
        .poll(() => panel.getByRole('status', { name: 'Debrief' }).textContent(), { timeout: 40_000 })
        .toMatch(/Lesson done\..*competing consumers/);
      const end = panel.getByRole('button', { name: 'Go to the end' });
      if ((await end.count()) > 0) await end.click();
      await expect.poll(() => goals.getByText('(passing)').count(), { timeout: 30_000 }).toBe(3);
      await panel.getByRole('button', { name: 'All lessons' }).click();
      await expect.poll(() => panel.getByRole('listitem', { name: TITLE }).textContent()).toMatch(/Done/);
      expect(errors).toEqual([]);
    });
  }, 240_000);
});
