/**
 * The layout never hides the system, in Chromium against the built site: the lesson panel takes
 * its own space beside the canvas (lesson 1's `api` is not under it) and its Show button brings
 * the step's target into the visible canvas; the toolbar stays one row at 1024 to 1280 px with
 * the longest status, nothing in it off screen or cut short without its text in a tooltip; and on a phone (390×844) and a tablet (768×1024)
 * nothing is off screen:
 * Play is reachable, the palette and the lessons are drawers, the inspector a bottom sheet.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { nodeBox, runToTheEnd, step } from '../support/e2ePage.ts';

const LESSON_1 = 'A first request';
const LESSON_6 = 'Circuit breakers stop the cascade';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('the element is not rendered');
  return b;
}

/** Whether two boxes overlap (touching edges do not count). */
const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
/** Whether `inner` lies wholly inside `outer` (1 px of rounding allowed). */
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 1 &&
  inner.y >= outer.y - 1 &&
  inner.x + inner.width <= outer.x + outer.width + 1 &&
  inner.y + inner.height <= outer.y + outer.height + 1;

/** The site with nothing kept from an earlier test (an empty system, no lesson), at `width`×`height`. */
async function openFresh(page: Page, url: string, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect.poll(() => page.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
}

const lessonPanel = (page: Page) => page.getByRole('complementary', { name: 'Lessons' });

async function startLesson1(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await lessonPanel(page)
    .getByRole('button', { name: `Start ${LESSON_1}` })
    .click();
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(2);
  await expect
    .poll(() =>
      lessonPanel(page)
        .getByRole('heading', { name: `1. ${LESSON_1}` })
        .isVisible(),
    )
    .toBe(true);
}

/** Whether the document scrolls sideways (something is wider than the screen). */
const overflowsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe.skipIf(!browserAvailable())('a layout that never hides the system', () => {
  const site = useBuiltSite();

  it('docks the lesson beside the canvas at 1280×800, and Show brings its target into view', async () => {
    const page = await site.page();
    page.setDefaultTimeout(20_000);
    const canvas = page.getByRole('region', { name: 'Diagram' });

    await step(page, 'layout', 'lesson 1: api is beside the lesson panel, not under it', async () => {
      await openFresh(page, site.url, 1280, 800);
      await startLesson1(page);
      // After the view has settled (a fit follows the new system and the panel's arrival).
      await page.waitForTimeout(600);
      const api = await box(nodeBox(page, 'api'));
      const panel = await box(lessonPanel(page));
      expect(intersects(api, panel), `api ${JSON.stringify(api)} under the panel ${JSON.stringify(panel)}`).toBe(false);
      expect(inside(api, await box(canvas))).toBe(true);
    });

    await step(page, 'layout', 'Fit view keeps the system clear of the panel', async () => {
      await page.getByRole('button', { name: 'Fit view', exact: true }).click();
      await page.waitForTimeout(600);
      expect(intersects(await box(nodeBox(page, 'api')), await box(lessonPanel(page)))).toBe(false);
      expect(inside(await box(nodeBox(page, 'web')), await box(canvas))).toBe(true);
    });

    await step(page, 'layout', 'pan api out of sight, then Show api brings it back into the canvas', async () => {
      const area = await box(canvas);
      // Drag the empty background (above the nodes, below the notice) far to the right: the system leaves the view.
      await page.mouse.move(area.x + 20, area.y + 140);
      await page.mouse.down();
      await page.mouse.move(area.x + area.width - 5, area.y + 140, { steps: 12 });
      await page.mouse.up();
      await page.waitForTimeout(300);
      expect(inside(await box(nodeBox(page, 'api')), area)).toBe(false);
      await lessonPanel(page).getByRole('button', { name: 'Show api', exact: true }).first().click();
      await expect.poll(async () => inside(await box(nodeBox(page, 'api')), await box(canvas)), { timeout: 5000 }).toBe(true);
      expect(intersects(await box(nodeBox(page, 'api')), await box(lessonPanel(page)))).toBe(false);
    });

    await step(page, 'layout', 'the panel collapses and comes back', async () => {
      const before = await box(canvas);
      await page.getByRole('button', { name: 'Hide the lesson panel', exact: true }).click();
      await expect.poll(() => lessonPanel(page).isVisible()).toBe(false);
      // The canvas gets the room, not the inspector.
      await expect.poll(async () => (await box(canvas)).width - before.width).toBeGreaterThan(200);
      await page.getByRole('button', { name: 'Show the lesson panel', exact: true }).click();
      await expect
        .poll(() =>
          lessonPanel(page)
            .getByRole('heading', { name: `1. ${LESSON_1}` })
            .isVisible(),
        )
        .toBe(true);
      expect(intersects(await box(nodeBox(page, 'api')), await box(lessonPanel(page)))).toBe(false);
    });

    await step(page, 'layout', "the lesson took the palette's room; Sandbox gives it back", async () => {
      const palette = page.getByRole('navigation', { name: 'Components' });
      expect(await palette.isVisible()).toBe(false);
      await lessonPanel(page).getByRole('button', { name: 'Sandbox' }).click();
      await expect.poll(() => palette.isVisible()).toBe(true);
    });
  }, 120_000);

  it('keeps the toolbar on one row at 1024 and 1280 px with the longest status', async () => {
    const page = await site.page();
    page.setDefaultTimeout(20_000);
    await openFresh(page, site.url, 1280, 800);
    await startLesson1(page);
    // Lesson 1, then lesson 6: a 60 s run with a longer estimate ("≈ 15 k events, 704 KB") beside the status.
    for (const lesson of [LESSON_1, LESSON_6]) {
      if (lesson === LESSON_6) {
        await page.setViewportSize({ width: 1280, height: 800 });
        await lessonPanel(page).getByRole('button', { name: 'All lessons' }).click();
        await lessonPanel(page)
          .getByRole('button', { name: `Start ${LESSON_6}` })
          .click();
        await expect.poll(() => lessonPanel(page).getByRole('heading', { name: LESSON_6 }).isVisible()).toBe(true);
      }
      await runToTheEnd(page);
      await expect
        .poll(() =>
          page
            .getByRole('status')
            .filter({ hasText: /Simulated \d+s · trace/ })
            .count(),
        )
        .toBe(1);
      await checkBar(page, lesson);
    }
  }, 120_000);

  /** The bar at 1280, 1152 and 1024 px: one row, every control on it, nothing cut off. */
  async function checkBar(page: Page, lesson: string): Promise<void> {
    for (const width of [1280, 1152, 1024]) {
      await step(page, 'layout', `one row at ${width} px (${lesson})`, async () => {
        await page.setViewportSize({ width, height: 768 });
        await page.waitForTimeout(200);
        const header = await box(page.locator('header.workspace-top'));
        const row = await box(page.getByRole('button', { name: 'Lessons', exact: true }));
        // One row: the bar is as tall as its buttons and its padding, not two rows of them.
        expect(header.height, `header ${header.height}px, a button ${row.height}px`).toBeLessThan(row.height * 1.6);
        // Every control of the bar is on that row and on screen.
        for (const control of [
          page.getByRole('button', { name: 'Run to the end' }),
          page.getByLabel('Open an example'),
          page.getByTestId('trace-hash'),
        ]) {
          const b = await box(control);
          expect(b.y).toBeGreaterThanOrEqual(header.y - 1);
          expect(b.y + b.height).toBeLessThanOrEqual(header.y + header.height + 1);
        }
        // The status is whole: "Simulated 30s · trace <hash>", not cut short.
        expect(
          await page
            .getByRole('status')
            .filter({ hasText: /Simulated/ })
            .evaluate((e) => e.scrollWidth <= e.clientWidth),
        ).toBe(true);
        expect(await overflowsSideways(page)).toBe(false);
        // Nothing in the bar is cut off: every element of it ends inside the window, and a text
        // that gives way (ends in "…") has its whole text in its tooltip.
        const cut = await page.locator('header.workspace-top').evaluate((header) =>
          [...header.querySelectorAll<HTMLElement>('*')]
            // (Hidden labels, 1 px or less wide, are not shown text.)
            .filter((e) => e.getClientRects().length > 0 && e.getBoundingClientRect().width > 1 && !e.closest('.visually-hidden'))
            .flatMap((e) => {
              const r = e.getBoundingClientRect();
              const label = `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent ?? '').trim().slice(0, 40)}"`;
              const off =
                r.right > window.innerWidth + 0.5 || r.left < -0.5
                  ? [`${label} off screen (${Math.round(r.left)}–${Math.round(r.right)})`]
                  : [];
              const clipped =
                e.scrollWidth > e.clientWidth + 1 &&
                getComputedStyle(e).overflowX !== 'visible' &&
                !(getComputedStyle(e).textOverflow === 'ellipsis' && (e.title || '').includes((e.textContent ?? '').trim().split(' ')[0]))
                  ? [`${label} cut without a tooltip`]
                  : [];
              return [...off, ...clipped];
            }),
        );
        expect(cut, `at ${width} px`).toEqual([]);
      });
    }
  }

  it('survives a phone turned into a wide screen with something selected (the canvas is mounted anew)', async () => {
    const page = await site.page();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    const onError = (error: Error) => errors.push(error.message);
    page.on('pageerror', onError);
    await step(page, 'layout-turn', 'select a node on a phone, then widen the window', async () => {
      await openFresh(page, site.url, 390, 844);
      await page.getByLabel('Open an example').selectOption('checkout');
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
      await nodeBox(page, 'orders').click();
      await expect.poll(() => page.locator('.sheet').isVisible()).toBe(true);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.waitForTimeout(800);
      expect(errors).toEqual([]);
      expect(await page.locator('.react-flow__node').count()).toBe(4);
      const inspector = page.getByRole('region', { name: 'Inspector' });
      await expect.poll(() => inspector.getByRole('heading', { level: 2 }).first().textContent()).toMatch(/orders/);
      // And back: the selection is kept and shown in the sheet.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(800);
      expect(errors).toEqual([]);
      expect(await page.locator('.react-flow__node').count()).toBe(4);
      expect(await nodeBox(page, 'orders').getAttribute('class')).toMatch(/\bselected\b/);
    });
    page.off('pageerror', onError);
  }, 60_000);

  for (const [width, height] of [
    [390, 844],
    [768, 1024],
  ] as const) {
    it(`is usable at ${width}×${height}: drawers, a bottom sheet, Play in reach, nothing off screen`, async () => {
      const page = await site.page();
      page.setDefaultTimeout(20_000);
      const tag = `${width}x${height}`;
      const palette = page.getByRole('navigation', { name: 'Components' });
      const inspector = page.getByRole('region', { name: 'Inspector' });
      const screen = { x: 0, y: 0, width, height };

      await step(page, `layout-${tag}`, 'nothing wider than the screen', async () => {
        await openFresh(page, site.url, width, height);
        expect(await overflowsSideways(page)).toBe(false);
        // Drawers and sheet start closed: the canvas has the screen.
        expect(await palette.isVisible()).toBe(false);
        expect(await inspector.isVisible()).toBe(false);
      });

      await step(page, `layout-${tag}`, 'the palette drawer adds a node', async () => {
        await page.getByRole('button', { name: 'Palette panel' }).click();
        await expect.poll(() => palette.isVisible()).toBe(true);
        expect(inside(await box(palette), screen)).toBe(true);
        await palette.getByRole('button', { name: 'Service', exact: true }).click();
        await expect.poll(() => page.locator('.react-flow__node').count()).toBe(1);
        // The drawer makes way for what was added; the sheet shows it.
        await expect.poll(() => palette.isVisible()).toBe(false);
        await expect.poll(() => inspector.getByRole('heading', { level: 2 }).first().textContent()).toMatch(/service/i);
        expect(await overflowsSideways(page)).toBe(false);
      });

      await step(page, `layout-${tag}`, 'the lessons drawer opens, starts lesson 1 and closes', async () => {
        await page.getByRole('button', { name: 'Close the inspector' }).click();
        await expect.poll(() => inspector.isVisible()).toBe(false);
        expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Inspector panel');
        await startLesson1(page);
        expect(inside(await box(lessonPanel(page)), screen)).toBe(true);
        // The notice ("Lesson … loaded") floats below the top bar, however many rows it has, not over it.
        const top = await box(page.locator('header.workspace-top'));
        const notice = await box(page.getByRole('status').filter({ hasText: /Lesson "A first request" loaded/ }));
        expect(notice.y).toBeGreaterThanOrEqual(top.y + top.height - 1);
        expect(inside(notice, screen)).toBe(true);
        expect(await overflowsSideways(page)).toBe(false);
        if (width >= 768) {
          // A tablet's drawer leaves room beside it, and the system is shown in that room.
          await page.waitForTimeout(600);
          expect(intersects(await box(nodeBox(page, 'api')), await box(lessonPanel(page)))).toBe(false);
        }
        await page.getByRole('button', { name: 'Hide the lesson panel', exact: true }).click();
        await expect.poll(() => lessonPanel(page).isVisible()).toBe(false);
        await page.getByRole('button', { name: 'Lessons', exact: true }).click();
        await expect
          .poll(() =>
            lessonPanel(page)
              .getByRole('heading', { name: `1. ${LESSON_1}` })
              .isVisible(),
          )
          .toBe(true);
        // Escape in the drawer closes it too, and focus goes back to the button that opens it.
        await lessonPanel(page).getByRole('button', { name: 'Next step' }).focus();
        await page.keyboard.press('Escape');
        await expect.poll(() => lessonPanel(page).isVisible()).toBe(false);
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Lessons');
      });

      await step(page, `layout-${tag}`, 'selecting a node opens the inspector sheet', async () => {
        await page.waitForTimeout(400);
        await nodeBox(page, 'web').click();
        await expect.poll(() => inspector.isVisible()).toBe(true);
        await expect.poll(() => inspector.getByRole('heading', { level: 2 }).first().textContent()).toMatch(/web/);
        const sheet = await box(page.locator('.sheet'));
        expect(inside(sheet, screen)).toBe(true);
        expect(inside(await box(page.getByRole('button', { name: 'Close the inspector' })), screen)).toBe(true);
        // The view moves so the selected node is above the sheet, not under it.
        await expect.poll(async () => intersects(await box(nodeBox(page, 'web')), sheet), { timeout: 5000 }).toBe(false);
      });

      await step(page, `layout-${tag}`, "a step's Show brings its node wholly into the seen canvas", async () => {
        // api lies right of web: the readable opening may leave it cut at the screen's edge, and
        // Show must then move the view, not be undone by the refit a closing drawer asks for.
        await page.getByRole('button', { name: 'Close the inspector' }).click();
        await page.getByRole('button', { name: 'Lessons', exact: true }).click();
        // Reset lesson opens the lesson's system afresh: the view is the readable opening again.
        await lessonPanel(page).getByRole('button', { name: 'Reset lesson' }).click();
        await page.waitForTimeout(600);
        if (!(await lessonPanel(page).isVisible())) await page.getByRole('button', { name: 'Lessons', exact: true }).click();
        await lessonPanel(page).getByRole('button', { name: 'Show api', exact: true }).first().click();
        await expect.poll(() => inspector.getByRole('heading', { level: 2 }).first().textContent()).toMatch(/api/);
        await page.waitForTimeout(800);
        const api = await box(nodeBox(page, 'api'));
        expect(inside(api, screen)).toBe(true);
        expect(intersects(api, await box(page.locator('.sheet')))).toBe(false);
        if (await lessonPanel(page).isVisible()) expect(intersects(api, await box(lessonPanel(page)))).toBe(false);
      });

      await step(page, `layout-${tag}`, 'Play is on screen and plays, with the sheet open', async () => {
        const play = page.getByRole('button', { name: 'Play', exact: true });
        expect(inside(await box(play), screen)).toBe(true);
        await play.click();
        await expect.poll(() => page.getByRole('button', { name: 'Pause', exact: true }).isVisible()).toBe(true);
        await page.getByRole('button', { name: 'Pause', exact: true }).click();
        expect(await overflowsSideways(page)).toBe(false);
      });
    }, 120_000);
  }
});
