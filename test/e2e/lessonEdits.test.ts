/**
 * Lessons whose edits count (issue 20), in Chromium against the built site, on Lesson 1:
 * - an edit made while the run plays (Workers 4 at ~5 s, what step 3 asks) does not fail the run:
 *   playback goes on, no page error (it was `batch starts at call 0, expected 344`);
 * - an edit made mid-run (Workers 2 at ~11 s) applies to the whole run, as the panel says: the
 *   goals judge a run with it from 0 s and pass, and after Restart the field still reads 2;
 * - beside each goal, the previous run's figure and this one's ("p99 1.3s → 97.9ms").
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { simTime, step } from '../support/e2ePage.ts';

const TITLE = 'A first request';

/** Selects api (the step's Show button) and sets its Workers in the inspector. */
async function setWorkers(page: Page, workers: number): Promise<void> {
  const panel = page.getByRole('complementary', { name: 'Lessons' });
  await panel.getByRole('button', { name: 'Show api' }).first().click();
  const field = page.getByLabel('Workers', { exact: true });
  await field.fill(String(workers));
  await field.press('Enter');
}

describe.skipIf(!browserAvailable())('a lesson whose edits count', () => {
  const site = useBuiltSite();

  it('keeps simulating after a mid-run edit, judges a run that contains it, and shows before → after', async () => {
    const page = await site.page();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const panel = page.getByRole('complementary', { name: 'Lessons' });
    const goals = panel.getByRole('list', { name: 'Goals' });

    await step(page, 'lessonEdits', 'start lesson 1', async () => {
      await page.goto(site.url);
      await page.getByRole('button', { name: 'Lessons', exact: true }).click();
      await panel.getByRole('button', { name: `Start ${TITLE}` }).click();
      await expect.poll(() => panel.getByRole('heading', { name: `1. ${TITLE}` }).isVisible()).toBe(true);
    });

    await step(page, 'lessonEdits', 'play, set Workers to 4 at ~5 s: the run goes on', async () => {
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(() => simTime(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(5000);
      await setWorkers(page, 4);
      await expect.poll(() => simTime(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(10_000);
      expect(await page.getByText('The simulation failed').count()).toBe(0);
      expect(errors).toEqual([]);
    });

    await step(page, 'lessonEdits', 'reset, play, set Workers to 2 at ~11 s, run to the end: both goals pass', async () => {
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await panel.getByRole('button', { name: 'Reset lesson' }).click();
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(() => simTime(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(11_000);
      await setWorkers(page, 2);
      await page.getByRole('button', { name: 'Run to the end' }).click();
      await expect.poll(() => panel.textContent(), { timeout: 30_000 }).toMatch(/Lesson done\./);
      const end = panel.getByRole('button', { name: 'Go to the end' });
      if ((await end.count()) > 0) await end.click();
      await expect.poll(() => goals.getByText('(passing)').count(), { timeout: 30_000 }).toBe(2);
      expect(errors).toEqual([]);
    });

    await step(page, 'lessonEdits', "each goal shows the previous run's figure beside this one's", async () => {
      const p99 = goals.getByRole('listitem').first().getByTestId('goal-compare');
      // The starting system (one worker) before, two workers after: the p99 drops under the goal.
      await expect.poll(() => p99.textContent()).toMatch(/^p99 [\d.]+m?s → 97\.9ms$/);
      const busy = goals.getByRole('listitem').nth(1).getByTestId('goal-compare');
      await expect.poll(() => busy.textContent()).toMatch(/^busy \d+\.\d % → 45\.1 %$/);
    });

    await step(page, 'lessonEdits', 'Restart keeps the edit: Workers still reads 2', async () => {
      await page.getByRole('button', { name: 'Restart' }).click();
      await expect.poll(() => simTime(page)).toBe(0);
      await panel.getByRole('button', { name: 'Show api' }).first().click();
      await expect.poll(() => page.getByLabel('Workers', { exact: true }).inputValue()).toBe('2');
      expect(errors).toEqual([]);
    });

    await step(page, 'lessonEdits', 'the panel says how edits apply', async () => {
      await expect.poll(() => panel.getByTestId('lesson-edit-rule').textContent()).toMatch(/whole run, from 0 s.*Restart keeps them/);
    });
  }, 240_000);
});
