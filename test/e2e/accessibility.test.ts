/**
 * An axe-core audit (the npm package, injected into the page) of the main screens, in Chromium
 * against the built site: the empty playground of a first visit, an example playing, the lesson map, a lesson
 * open, the dark theme, and a phone's screen. None may have a serious or critical violation (the
 * "Completed" figure's green was 4.37:1 on white); the page has one h1. The Script panel open, on
 * either tab, has none either.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, launchChromium, useBuiltSite } from '../support/browser.ts';
import { step } from '../support/e2ePage.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[]; readonly failureSummary?: string }[];
}

/** The contrast ratio of an element's text against the first opaque background behind it (WCAG's formula). */
function contrastOf(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((element) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const [R, G, B] = [r, g, b].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    let behind: Element | null = element;
    let background = 'rgb(255, 255, 255)';
    for (; behind; behind = behind.parentElement) {
      const bg = getComputedStyle(behind).backgroundColor;
      if (rgb(bg).length === 3 || (rgb(bg)[3] ?? 0) === 1) {
        background = bg;
        break;
      }
    }
    const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(rgb(background))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}

/** The serious and critical violations axe finds on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}): ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`)
          .join(' | ')}`,
    );
}

describe.skipIf(!browserAvailable())('accessibility (axe-core)', () => {
  const site = useBuiltSite();

  it('has no serious or critical violation on the main screens', async () => {
    const page = await site.page();
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1280, height: 800 });

    await step(page, 'axe', 'the empty playground of a first visit', async () => {
      await page.goto(site.url);
      await expect.poll(() => page.getByRole('region', { name: 'Welcome to Crosstalk' }).isVisible()).toBe(true);
      expect(await page.locator('h1').allTextContents()).toEqual(['Crosstalk']);
      expect(await seriousViolations(page)).toEqual([]);
    });

    await step(page, 'axe', 'an example playing', async () => {
      await page.getByLabel('Open an example').selectOption('checkout');
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect
        .poll(async () =>
          Number(
            await page
              .getByTestId('summary-completed')
              .textContent()
              .then((t) => t?.replace(/\D/g, '')),
          ),
        )
        .toBeGreaterThan(0);
      expect(await contrastOf(page, '[data-testid="summary-completed"]')).toBeGreaterThanOrEqual(4.5);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
    });

    await step(page, 'axe', 'the dark theme', async () => {
      await page.getByRole('button', { name: 'Dark theme' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await contrastOf(page, '[data-testid="summary-completed"]')).toBeGreaterThanOrEqual(4.5);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Light theme' }).click();
    });

    await step(page, 'axe', 'the curriculum map open', async () => {
      await page.getByRole('button', { name: 'Lessons', exact: true }).click();
      await expect.poll(() => page.getByRole('region', { name: 'Suggested next' }).isVisible()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
    });

    await step(page, 'axe', 'a lesson open', async () => {
      const panel = page.getByRole('complementary', { name: 'Lessons' });
      await panel
        .getByRole('button', { name: /^Start / })
        .first()
        .click();
      await expect.poll(() => panel.getByRole('heading', { name: /^1\. / }).isVisible()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }, 180_000);

  it('has no serious or critical violation on a phone (390×844)', async () => {
    // A profile of its own: a first visit on a phone, not the lesson left open above.
    const profile = await launchChromium();
    const page = profile.pages()[0] ?? (await profile.newPage());
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await step(page, 'axe-phone', 'the playground on a phone', async () => {
      await page.goto(site.url);
      await page.getByLabel('Open an example').selectOption('checkout');
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
      expect(await seriousViolations(page)).toEqual([]);
    }).finally(() => profile.close());
  }, 120_000);

  it('has no serious or critical violation with the Script panel open, on either tab', async () => {
    const profile = await launchChromium();
    const page = profile.pages()[0] ?? (await profile.newPage());
    page.setDefaultTimeout(20_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await step(page, 'axe-script', 'the Script panel', async () => {
      await page.goto(site.url);
      await page.getByLabel('Open an example').selectOption('checkout');
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
      await page.getByRole('button', { name: 'Script panel', exact: true }).click();
      await page.locator('[data-editor-ready="true"] .view-lines').waitFor();
      await page.getByRole('tab', { name: 'Script (TypeScript)' }).click();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('tab', { name: 'System (JSON)' }).click();
      await expect.poll(() => page.locator('.script-editor .view-lines').textContent()).toContain('checkout');
      expect(await seriousViolations(page)).toEqual([]);
    }).finally(() => profile.close());
  }, 120_000);
});
