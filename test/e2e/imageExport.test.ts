/**
 * The diagram's PNG and SVG, exported in Chromium from the built site: the SVG is vector (no
 * foreignObject) with a path per link; the PNG is cropped to the drawing (its size is the nodes'
 * bounds plus a small margin and the caption, at 2×), and its links are drawn: along a link, the
 * picture is not the background, while beside it, it is.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { shareUrl } from '../../src/ui/persistence/shareLink.ts';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { step, nodeBox, runToTheEnd, scrubTo } from '../support/e2ePage.ts';

const system = {
  version: 1,
  name: 'Three in a row',
  seed: 7,
  duration: '4s',
  nodes: [
    { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 20 }, position: { x: 0, y: 120 } },
    {
      id: 'api',
      kind: 'service',
      workers: 4,
      serviceTime: { dist: 'exponential', mean: 20 },
      calls: [{ to: 'db' }],
      position: { x: 380, y: 120 },
    },
    { id: 'db', kind: 'service', workers: 4, serviceTime: { dist: 'exponential', mean: 5 }, position: { x: 760, y: 160 } },
  ],
  links: [
    { from: 'web', to: 'api', latency: { dist: 'constant', value: 2 } },
    { from: 'api', to: 'db', latency: { dist: 'constant', value: 1 } },
  ],
  faults: [],
};

const SCALE = 2,
  MARGIN = 16;

async function downloadOf(page: Page, item: string): Promise<{ name: string; content: Buffer }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  const file = await download;
  return { name: file.suggestedFilename(), content: readFileSync(await file.path()) };
}

/** The nodes' bounds in flow units (their boxes on screen, divided by the zoom). */
async function nodeBounds(page: Page): Promise<{ width: number; height: number }> {
  return page.evaluate(() => {
    const zoom = new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a;
    const boxes = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect());
    const left = Math.min(...boxes.map((b) => b.left)),
      right = Math.max(...boxes.map((b) => b.right));
    const top = Math.min(...boxes.map((b) => b.top)),
      bottom = Math.max(...boxes.map((b) => b.bottom));
    return { width: (right - left) / zoom, height: (bottom - top) / zoom };
  });
}

/** RGBA of the PNG's pixels at the given points (decoded by the browser). */
async function pixels(page: Page, png: Buffer, points: readonly (readonly [number, number])[]): Promise<number[][]> {
  return page.evaluate(
    async ({ data, points }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      return points.map(([x, y]) => [...ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data]);
    },
    { data: png.toString('base64'), points },
  );
}

describe.skipIf(!browserAvailable())('exporting the diagram', () => {
  const site = useBuiltSite();

  it('gives a vector SVG and a PNG cropped to the drawing, links included', async () => {
    const page = await site.page();
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1280, height: 800 });

    await step(page, 'imageExport', 'open the system and run it a little', async () => {
      await page.goto(shareUrl(site.url, system));
      await expect.poll(() => nodeBox(page, 'db').getAttribute('aria-label')).toBe('Service db');
      await runToTheEnd(page);
      await scrubTo(page, 1000);
    });

    let svgText = '';
    await step(page, 'imageExport', 'the SVG: vector, a path per link, the nodes named, the run in the caption', async () => {
      const svg = await downloadOf(page, 'Export SVG');
      expect(svg.name).toBe('Three-in-a-row.svg');
      svgText = svg.content.toString('utf8');
      expect(svgText).not.toContain('foreignObject');
      expect(svgText.match(/<path data-link="[^"]+"/g)).toHaveLength(2);
      for (const id of ['web', 'api', 'db']) expect(svgText).toContain(`>${id}</text>`);
      expect(svgText).toMatch(/Three in a row · at 1\.000 s · Sent \d+/);
    });

    await step(
      page,
      'imageExport',
      'the PNG: the size of the drawing plus a small margin and the caption, and its links drawn',
      async () => {
        const png = await downloadOf(page, 'Export PNG');
        expect(png.name).toBe('Three-in-a-row.png');
        const width = png.content.readUInt32BE(16),
          height = png.content.readUInt32BE(20);
        const bounds = await nodeBounds(page);
        // Left-to-right links stay within the boxes' span: the width is theirs and the margins, at 2×.
        expect(Math.abs(width - (bounds.width + 2 * MARGIN) * SCALE)).toBeLessThanOrEqual(4 * SCALE);
        expect(height).toBeGreaterThan((bounds.height + 2 * MARGIN) * SCALE);
        expect(height).toBeLessThanOrEqual((bounds.height + 2 * MARGIN + 2 * 16 + 6) * SCALE + 2);

        // A quarter of the way along api → db (clear of its label), in the PNG's pixels.
        const [x0, y0] = (svgText.match(/viewBox="([^"]+)"/)?.[1] ?? '').split(' ').map(Number);
        const d = svgText.match(/<path data-link="api-&gt;db" d="([^"]+)"/)?.[1] ?? '';
        const [sx, sy, c1x, c1y, c2x, c2y, tx, ty] = (d.match(/-?[\d.]+/g) ?? []).map(Number);
        const t = 0.25,
          u = 1 - t;
        const px = u * u * u * sx + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * tx;
        const py = u * u * u * sy + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * ty;
        const at = (x: number, y: number) => [(x - x0) * SCALE, (y - y0) * SCALE] as const;
        const around = [-1, 0, 1].map((dy) => at(px, py + dy * 0.5));
        const [background, ...onLink] = await pixels(page, png.content, [[2, 2], ...around, at(px, py - 25)]);
        const beside = onLink.pop()!;
        const differs = (p: number[]) => p.slice(0, 3).some((c, i) => Math.abs(c - background[i]) > 30);
        expect(onLink.some(differs)).toBe(true);
        expect(differs(beside)).toBe(false);
      },
    );
  }, 120_000);
});
