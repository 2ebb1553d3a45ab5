/**
 * `editor_open_ms`: the first opening of the Script panel, from the click on its toolbar button
 * until the editor has taken a typed character (its chunk fetched and run, Monaco created, the
 * text drawn, the key handled). The built site (as shipped) is served locally and each round uses
 * a fresh Chromium profile: a learner's first visit and first open. The page is left to settle
 * first, as a person would look at it before opening the panel: until its service worker has
 * finished keeping the site for offline use (it fetches every file, Monaco's too, in the
 * background; measured during that, the figure would mostly measure the download competing with
 * it). Median of ROUNDS.
 */
import { rmSync } from 'node:fs';
import { buildSite, launchChromium, serve } from '../test/support/browser.ts';

const ROUNDS = 3;

export interface EditorOpen {
  readonly medianMs: number;
  readonly roundsMs: readonly number[];
}

export async function measureEditorOpen(): Promise<EditorOpen> {
  const dist = await buildSite();
  const { url, server } = await serve(dist);
  const roundsMs: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const context = await launchChromium();
      try {
        const page = await context.newPage();
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.goto(url);
        await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
        await page.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise((resolve) => setTimeout(resolve, 30_000))]));
        await page.waitForTimeout(1000);
        const start = await page.evaluate(() => {
          const t = performance.now();
          document.querySelector<HTMLButtonElement>('button[aria-label="Script panel"]')?.click();
          return t;
        });
        await page.locator('[data-editor-ready="true"] .view-lines').waitFor({ timeout: 30_000 });
        await page.locator('.script-editor .view-lines').click();
        await page.keyboard.type('Q');
        await page.waitForFunction(() => document.querySelector('.script-editor .view-lines')?.textContent?.includes('Q'), undefined, {
          timeout: 30_000,
        });
        roundsMs.push((await page.evaluate(() => performance.now())) - start);
      } finally {
        await context.close();
      }
    }
  } finally {
    server.close();
    rmSync(dist, { recursive: true, force: true });
  }
  const sorted = [...roundsMs].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)], roundsMs };
}
