/**
 * Lesson 15 followed in Chromium against the built site, as its steps say: three partitions let
 * the group keep up but the order goal fails, saying how many transactions overtook an earlier
 * one of their account; partitioning by the key (the producer link's Partition by) passes both.
 */
import { describe, expect, it } from 'vitest';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { step } from '../support/e2ePage.ts';

const TITLE = 'Partitions and ordering in an event stream';

describe.skipIf(!browserAvailable())('the partitions lesson, followed', () => {
  const site = useBuiltSite();

  it('fails on order with three partitions round robin, and passes by key', async () => {
    const page = await site.page();
    page.setDefaultTimeout(20_000);
    const panel = page.getByRole('complementary', { name: 'Lessons' });
    const goals = panel.getByRole('list', { name: 'Goals' });

    await step(page, 'partitions', 'start lesson 15 and give the ledger three partitions', async () => {
      await page.goto(site.url);
      await page.getByRole('button', { name: 'Lessons', exact: true }).click();
      await panel.getByRole('button', { name: `Start ${TITLE}` }).click();
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);
      await panel.getByRole('button', { name: 'Show ledger' }).first().click();
      const field = page.getByLabel('Partitions', { exact: true });
      await field.fill('3');
      await field.press('Enter');
      await expect.poll(() => page.getByLabel('Partitions', { exact: true }).inputValue()).toBe('3');
    });

    await step(page, 'partitions', 'run: the group keeps up, but transactions come out of order', async () => {
      await page.getByRole('button', { name: 'Run to the end' }).click();
      await expect.poll(() => panel.textContent(), { timeout: 30_000 }).toMatch(/Whole run: 1 of 2 goals met\./);
      await panel.getByRole('button', { name: 'Go to the end' }).click();
      await expect
        .poll(() => goals.textContent(), { timeout: 30_000 })
        .toMatch(/\d+ messages were processed after a later one of the same key/);
    });

    await step(page, 'partitions', 'partition by the key on payments -> ledger: both goals pass', async () => {
      await panel.getByRole('button', { name: 'Show payments->ledger' }).click();
      await page.getByLabel('Partition by').selectOption('key');
      // The edit re-runs from the start up to the playhead, which is at the end: the re-run may
      // already be there (the button then disabled), or still on its way.
      const runToEnd = page.getByRole('button', { name: 'Run to the end' });
      await runToEnd.click({ timeout: 2000 }).catch(() => undefined);
      await expect.poll(() => panel.getByRole('status', { name: 'Debrief' }).textContent(), { timeout: 30_000 }).toMatch(/Lesson done\./);
      await expect.poll(() => goals.getByText('(passing)').count(), { timeout: 30_000 }).toBe(2);
      await expect.poll(() => goals.textContent()).toMatch(/every key's messages were processed in order/);
    });
  }, 180_000);
});
