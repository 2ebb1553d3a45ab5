/**
 * Every example opens readable on a laptop (1280×800, palette and inspector open), in Chromium
 * against the built site: each node's name and summary render at 11 px or more (font size × the
 * canvas's zoom), no name is cut short, where the calls start (a client) is in view, and the
 * system is shown whole unless it is too wide for the canvas at a readable zoom (then the view
 * is at that zoom, not below). The cascade once opened at a zoom of 0.5: 6 px text, boxes
 * turned into bars.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXAMPLES } from '../../src/ui/app/examples.ts';
import { READABLE_ZOOM } from '../../src/ui/canvas/readableView.ts';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { step } from '../support/e2ePage.ts';

/** Four or more columns of boxes: wider than this canvas at a readable zoom, so they open at their start. */
const TOO_WIDE = new Set(['order-flow', 'competing-consumers', 'stream', 'graphql-vs-rest', 'reference']);

interface Measured {
  readonly zoom: number;
  readonly nodes: number;
  /** The smallest name or summary text, in screen pixels. */
  readonly smallestText: number;
  /** Names shown cut short (ellipsis), by node id. */
  readonly cutNames: readonly string[];
  readonly wholeInView: readonly string[];
  readonly clientsInView: number;
}

/** What the canvas shows now. */
function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
    const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')];
    const inView = (r: DOMRect) =>
      r.left >= pane.left - 0.5 && r.right <= pane.right + 0.5 && r.top >= pane.top - 0.5 && r.bottom <= pane.bottom + 0.5;
    const texts = [
      ...document.querySelectorAll<HTMLElement>('.react-flow__node .canvas-node-name, .react-flow__node .canvas-node-summary'),
    ];
    const names = [...document.querySelectorAll<HTMLElement>('.react-flow__node .canvas-node-name')];
    const whole = nodes.filter((n) => inView(n.getBoundingClientRect()));
    return {
      zoom,
      nodes: nodes.length,
      smallestText: Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * zoom)),
      cutNames: names
        .filter((n) => n.scrollWidth > n.clientWidth + 1)
        .map((n) => n.closest<HTMLElement>('.react-flow__node')!.dataset.id ?? ''),
      wholeInView: whole.map((n) => n.dataset.id ?? ''),
      clientsInView: whole.filter((n) => n.classList.contains('react-flow__node-client')).length,
    };
  });
}

/** Measures until two looks a frame apart agree (the fit is applied once the boxes are measured). */
async function settled(page: Page): Promise<Measured> {
  let last = await measure(page);
  for (let i = 0; i < 50; i++) {
    await page.waitForTimeout(100);
    const now = await measure(page);
    if (JSON.stringify(now) === JSON.stringify(last) && now.nodes > 0) return now;
    last = now;
  }
  return last;
}

describe.skipIf(!browserAvailable())('every example opens readable at 1280×800', () => {
  const site = useBuiltSite();

  it('shows each example at a readable size, whole when it fits', async () => {
    const page = await site.page();
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(site.url);
    const report: string[] = [];
    for (const example of EXAMPLES) {
      await step(page, 'readable', `open ${example.id}`, async () => {
        await page.getByLabel('Open an example').selectOption(example.id);
        await expect.poll(() => page.getByRole('status').filter({ hasText: example.title }).count()).toBeGreaterThan(0);
        const seen = await settled(page);
        report.push(
          `${example.id}: zoom ${seen.zoom.toFixed(2)}, smallest text ${seen.smallestText.toFixed(1)} px, ${seen.wholeInView.length}/${seen.nodes} whole in view`,
        );
        expect(seen.smallestText, `${example.id}: text px`).toBeGreaterThanOrEqual(11);
        expect(seen.cutNames, `${example.id}: names cut short`).toEqual([]);
        expect(seen.clientsInView, `${example.id}: a client in view`).toBeGreaterThan(0);
        if (TOO_WIDE.has(example.id)) expect(seen.zoom, `${example.id}: at the readable zoom`).toBeCloseTo(READABLE_ZOOM, 2);
        else expect(seen.wholeInView.length, `${example.id}: whole`).toBe(seen.nodes);
      });
    }
    console.log(report.join('\n'));
  }, 240_000);
});
