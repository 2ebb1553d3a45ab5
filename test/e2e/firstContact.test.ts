/**
 * The first minutes of a newcomer, in Chromium against the built site: the welcome card of a first
 * visit (and that dismissing it is remembered), the favicon, Space playing and pausing, an example
 * opened after another starting at 0 s, a link's Timeout set while paused showing as in force,
 * the first Client's one friendly hint instead of schema paths, and where keyboard focus goes
 * after "Connect to…".
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchChromium, useBuiltSite } from '../support/browser.ts';
import { scrubTo, simTime, step } from '../support/e2ePage.ts';

const welcome = (page: Page) => page.getByRole('region', { name: 'Welcome to Crosstalk' });
/** Opens example `id` from the Examples menu and waits for its `nodes` nodes. */
const openExample = async (page: Page, id: string, nodes: number) => {
  await page.getByLabel('Open an example').selectOption(id);
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(nodes);
};

describe.skipIf(!browserAvailable())('first contact', () => {
  const site = useBuiltSite();
  const profiles: BrowserContext[] = [];
  afterEach(async () => {
    await Promise.all(profiles.splice(0).map((p) => p.close()));
  });
  /** A page in a profile of its own: a first visit, nothing saved from another test. */
  const firstVisit = async (): Promise<Page> => {
    const profile = await launchChromium();
    profiles.push(profile);
    const page = profile.pages()[0] ?? (await profile.newPage());
    page.setDefaultTimeout(15_000);
    await page.goto(site.url);
    return page;
  };

  it('welcomes a first visit until dismissed, and has a favicon', async () => {
    const page = await firstVisit();
    await step(page, 'first', 'the favicon is linked and served', async () => {
      const href = await page.locator('link[rel="icon"]').getAttribute('href');
      expect(href).toBeTruthy();
      const status = await page.evaluate(async (h) => (await fetch(new URL(h, location.href))).status, href!);
      expect(status).toBe(200);
    });
    await step(page, 'first', 'a first visit shows the welcome card with its three ways in', async () => {
      await expect.poll(() => welcome(page).isVisible()).toBe(true);
      for (const name of [/Start Lesson 1/, /Open an example/, /Build your own/]) {
        expect(await welcome(page).getByRole('button', { name }).isVisible()).toBe(true);
      }
    });
    await step(page, 'first', 'Build your own dismisses it, for good', async () => {
      await welcome(page)
        .getByRole('button', { name: /Build your own/ })
        .click();
      await expect.poll(() => welcome(page).count()).toBe(0);
      expect(await page.getByText(/Drag a Client and a Service here/).isVisible()).toBe(true);
      await page.reload();
      await expect.poll(() => page.getByText(/Drag a Client and a Service here/).isVisible()).toBe(true);
      expect(await welcome(page).count()).toBe(0);
    });
    const lessonPage = await firstVisit();
    await step(lessonPage, 'first', 'Start Lesson 1 opens the first lesson (in a fresh visit)', async () => {
      const page = lessonPage;
      await welcome(page)
        .getByRole('button', { name: /Start Lesson 1/ })
        .click();
      const panel = page.getByRole('complementary', { name: 'Lessons' });
      await expect.poll(() => panel.getByRole('heading', { name: /^1\. / }).isVisible()).toBe(true);
      expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(0);
    });
    const examplePage = await firstVisit();
    await step(examplePage, 'first', 'Open an example opens one (in a fresh visit)', async () => {
      const page = examplePage;
      await welcome(page)
        .getByRole('button', { name: /Open an example/ })
        .click();
      await expect.poll(() => page.locator('.react-flow__node').count()).toBeGreaterThan(1);
      expect(await welcome(page).count()).toBe(0);
    });
  }, 120_000);

  it('plays and pauses with Space, and opens a new example at 0 s', async () => {
    const page = await firstVisit();
    await step(page, 'keys', 'Space plays, Space pauses', async () => {
      await openExample(page, 'checkout', 4);
      // Focus on the page itself, as after a click on an empty part of it.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('Space');
      await expect.poll(() => page.getByRole('button', { name: 'Pause', exact: true }).isVisible()).toBe(true);
      await expect.poll(() => simTime(page)).toBeGreaterThan(300);
      await page.keyboard.press('Space');
      await expect.poll(() => page.getByRole('button', { name: 'Play', exact: true }).isVisible()).toBe(true);
    });
    await step(page, 'keys', 'a newly opened example starts at 0 s', async () => {
      await scrubTo(page, 20_000);
      await openExample(page, 'mm1', 2);
      await expect.poll(() => simTime(page)).toBe(0);
    });
  }, 120_000);

  it("shows a link's Timeout set at a paused playhead as in force, every time", async () => {
    const page = await firstVisit();
    await step(page, 'timeout', 'open checkout and select the link orders -> payments', async () => {
      await openExample(page, 'checkout', 4);
      await page.locator('.react-flow__edge[data-id="orders->payments"]').click();
      await expect.poll(() => page.getByRole('heading', { name: 'Link orders → payments' }).isVisible()).toBe(true);
    });
    // Paused wherever playback stopped (a fractional ms): rounded to the nearest µs, half of such
    // edits were placed just after the playhead and the field went on reading "none".
    for (let attempt = 1; attempt <= 6; attempt++) {
      await step(page, 'timeout', `try ${attempt}: play a little, pause, set the timeout`, async () => {
        await page.getByRole('button', { name: 'Play', exact: true }).click();
        await page.waitForTimeout(150 + 37 * attempt);
        await page.getByRole('button', { name: 'Pause', exact: true }).click();
        const field = page.getByLabel('Timeout', { exact: true });
        await field.fill(`${200 + attempt}ms`);
        await field.press('Enter');
        await expect.poll(() => field.inputValue()).toBe(`${200 + attempt}ms`);
        await page.waitForTimeout(200);
        expect(await field.inputValue()).toBe(`${200 + attempt}ms`);
      });
    }
  }, 120_000);

  it('hints at the first Client kindly, and keeps focus after Connect to…', async () => {
    const page = await firstVisit();
    const problems = page.locator('.inspector-problems');
    await step(page, 'build', 'the first Client gets one hint, no schema path', async () => {
      await page.getByRole('button', { name: 'Client', exact: true }).click();
      await expect.poll(() => problems.textContent()).toMatch(/Problems \(1\)/);
      const text = (await problems.textContent()) ?? '';
      expect(text).toMatch(/connect it to a service/i);
      expect(text).not.toMatch(/nodes\[0\]/);
    });
    await step(page, 'build', 'Connect to… leaves focus on the new link', async () => {
      await page.getByRole('button', { name: 'Service', exact: true }).click();
      await page.locator('.react-flow__node').first().click();
      const connect = page.getByLabel('Connect to');
      await connect.focus();
      await connect.selectOption({ index: 1 });
      await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              document.activeElement?.closest('.react-flow__edge, .react-flow__node')?.getAttribute('data-id') ??
              document.activeElement?.tagName,
          ),
        )
        .toBe('client-1->service-1');
      await expect.poll(() => problems.count()).toBe(0);
    });
  }, 120_000);
});
