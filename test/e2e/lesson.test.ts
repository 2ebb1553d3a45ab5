/**
 * A lesson followed in Chromium against the built site: open the picker, start the timeouts
 * lesson, give the gateway's link to reviews a 200 ms timeout in the inspector, run, watch both
 * goals pass and the lesson marked done, then reload: back on the lesson at the step and hint the
 * learner had reached, over their edited system with its locks in force, and done in the picker.
 */
import { describe, expect, it } from 'vitest';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { step } from '../support/e2ePage.ts';

const TITLE = 'Timeouts free the workers';

describe.skipIf(!browserAvailable())('a lesson, followed', () => {
  const site = useBuiltSite();

  it('is solved with a timeout set in the inspector, and stays done after a reload', async () => {
    const page = await site.page();
    page.setDefaultTimeout(20_000);
    const panel = page.getByRole('complementary', { name: 'Lessons' });

    await step(page, 'lesson', 'open the picker and start lesson 3', async () => {
      await page.goto(site.url);
      await page.getByRole('button', { name: 'Lessons', exact: true }).click();
      const entry = panel.getByRole('listitem', { name: TITLE });
      await expect.poll(() => entry.textContent()).toMatch(/3\. Timeouts free the workers.*Not started/);
      await panel.getByRole('button', { name: `Start ${TITLE}` }).click();
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);
      await expect.poll(() => panel.getByRole('heading', { name: `3. ${TITLE}` }).isVisible()).toBe(true);
    });

    await step(page, 'lesson', 'set a 200 ms timeout on gateway -> reviews in the inspector', async () => {
      await panel.getByRole('button', { name: 'Show gateway->reviews' }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Link gateway → reviews' }).isVisible()).toBe(true);
      const field = page.getByLabel('Timeout', { exact: true });
      await field.fill('200ms');
      await field.press('Enter');
      await expect.poll(() => page.getByLabel('Timeout', { exact: true }).inputValue()).toBe('200ms');
    });

    await step(page, 'lesson', 'run: both goals pass and the lesson is done', async () => {
      await page.getByRole('button', { name: 'Run to the end' }).click();
      // The whole run meets the goals; the list shows them at the playhead, until it goes to the end.
      await expect
        .poll(() => panel.getByRole('status', { name: 'Debrief' }).textContent(), { timeout: 30_000 })
        .toMatch(/Lesson done\..*With the timeout/);
      await expect.poll(() => panel.textContent()).toMatch(/Whole run: 2 of 2 goals met\./);
      await panel.getByRole('button', { name: 'Go to the end' }).click();
      const goals = panel.getByRole('list', { name: 'Goals' });
      await expect.poll(() => panel.getByRole('heading', { name: 'Goals at the end of the run' }).isVisible()).toBe(true);
      await expect.poll(() => goals.getByText('(passing)').count(), { timeout: 30_000 }).toBe(2);
    });

    await step(page, 'lesson', 'reload: back on the lesson, its step and hint, over the edited system, locks in force', async () => {
      await panel.getByRole('button', { name: 'Show gateway', exact: true }).click();
      await panel.getByRole('button', { name: /Show a hint/ }).click();
      const current = await panel.locator('[aria-current="step"]').textContent();
      await page.reload();
      await expect.poll(() => panel.getByRole('heading', { name: `3. ${TITLE}` }).isVisible()).toBe(true);
      await expect.poll(() => panel.locator('[aria-current="step"]').textContent()).toBe(current);
      await expect.poll(() => panel.getByRole('list', { name: 'Hints' }).getByRole('listitem').count()).toBe(1);
      await panel.getByRole('button', { name: 'Show gateway->reviews' }).click();
      await expect.poll(() => page.getByLabel('Timeout', { exact: true }).inputValue()).toBe('200ms');
      await panel.getByRole('button', { name: 'Show reviews' }).click();
      await expect.poll(() => page.getByRole('note').first().textContent()).toMatch(/Locked in this lesson/);
    });

    await step(page, 'lesson', 'the picker still shows it done', async () => {
      await page.getByRole('button', { name: 'Lessons', exact: true }).click();
      await expect.poll(() => panel.getByRole('listitem', { name: TITLE }).textContent()).toMatch(/Done/);
    });
  }, 180_000);
});
