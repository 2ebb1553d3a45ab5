/**
 * A lesson's script step done through the page, in Chromium against the built site (issue 22):
 * start "Backoff and jitter", press the step's "Open in the Script panel" (the Script tab shows
 * the starter with its TODO), run it as it is and see the step's goal fail, complete the TODO
 * (add 'full' to the jitters), run again and see the goal pass.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { step } from '../support/e2ePage.ts';

const TITLE = 'Backoff and jitter';
const starter = readFileSync(new URL('../../simulations/lessons/scripts/backoff-sweep.ts', import.meta.url), 'utf8');
const TODO_LINE = "const jitters: Jitter[] = ['none'];";

/** The editor's visible text (Monaco draws spaces as no-break spaces). */
const editorText = async (page: Page) => ((await page.locator('.script-editor .view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');

describe.skipIf(!browserAvailable())('a lesson script step, done through the page', () => {
  const site = useBuiltSite();

  it('opens the starter in the Script panel, fails as it is, and passes once the TODO is done', async () => {
    expect(starter).toContain(TODO_LINE);
    const page = await site.page();
    page.setDefaultTimeout(20_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const panel = page.getByRole('complementary', { name: 'Lessons' });
    const goal = panel.getByTestId('lesson-script-goal');

    await step(page, 'script-step', 'start the lesson and open its starter in the Script panel', async () => {
      await page.goto(site.url);
      await page.evaluate(() => localStorage.clear());
      await page.goto(site.url);
      await page.getByRole('button', { name: 'Lessons', exact: true }).click();
      await panel.getByRole('button', { name: `Start ${TITLE}` }).click();
      await expect.poll(() => goal.textContent()).toMatch(/not run yet/);
      await panel.getByRole('button', { name: 'Open in the Script panel' }).click();
      await page.locator('[data-editor-ready="true"] .view-lines').waitFor();
      expect(await page.getByRole('tab', { name: 'Script (TypeScript)' }).getAttribute('aria-selected')).toBe('true');
      await expect.poll(() => editorText(page)).toContain('TODO: the sweep only tries');
    });

    await step(page, 'script-step', 'run the starter: the goal fails, naming the check', async () => {
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expect.poll(() => goal.getAttribute('data-pass'), { timeout: 30_000 }).toBe('false');
      await expect.poll(() => goal.textContent(), { timeout: 30_000 }).toMatch(/1 of 1 checks failed/);
    });

    await step(page, 'script-step', "complete the TODO (add 'full'), run: the goal passes", async () => {
      // Typed where the learner would: at the end of the TODO's line, inside the list's brackets.
      await page.locator('.script-editor .view-line', { hasText: 'const jitters' }).click();
      await page.keyboard.press('End');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.type(", 'full");
      // (Monaco's lines are in no reading order in the DOM once wrapped: the run's result proves the edit.)
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expect.poll(() => goal.getAttribute('data-pass'), { timeout: 30_000 }).toBe('true');
      expect(await goal.textContent()).toMatch(/all 1 check passed/);
    });
    expect(errors).toEqual([]);
  });
});
