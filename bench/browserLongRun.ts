/**
 * `browser_1e8_peak_mib`: the memory of the longest run the page accepts (worker/runBudget.ts), in
 * Chromium. The front → back system of the browser tests (test/support/frontBack.ts, ~36k trace
 * rows a simulated second) for `seconds` simulated seconds (2,640 s: 9.5·10⁷ rows, estimated just
 * under 10⁸), with the page's default window (store/runStore.ts), run to the end with "Run to the
 * end". The renderer processes' resident memory (page and worker: a dedicated worker is a thread
 * of its page's process) is sampled every second with the run's progress (the timeline's
 * simulated part), so the figure says whether memory grows with the run: the peak in each quarter
 * of it. The trace hash the page shows must be Node's (computed here without holding the run:
 * call rows reused, rows dropped once hashed).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario } from '../src/model/index.ts';
import { Simulation } from '../src/engine/index.ts';
import { DOCUMENT_KEY } from '../src/ui/persistence/storage.ts';
import { buildSite, launchChromium, rendererBytes, serve } from '../test/support/browser.ts';
import { frontBackSystem } from '../test/support/frontBack.ts';

export interface BrowserLongRun {
  readonly rows: number;
  readonly events: number;
  readonly seconds: number;
  readonly wallSeconds: number;
  readonly startMib: number;
  /** Peak renderer RSS in each quarter of the run's progress, MiB. */
  readonly quarterPeaksMib: readonly number[];
  /** Peak renderer RSS while a scrub back to the middle re-simulates the run from its start, MiB, and how long that took, s. */
  readonly scrubPeakMib: number;
  readonly scrubSeconds: number;
  readonly peakMib: number;
  readonly hashMatches: boolean;
}

/** Node's trace hash and size of the run, in bounded memory. */
function nodeRun(doc: ReturnType<typeof frontBackSystem>): { hash: string; rows: number; events: number } {
  const scenario = parseScenario(doc);
  const sim = new Simulation(scenario, { reuseCallRows: true });
  while (sim.now < scenario.duration || sim.nextEventTime <= scenario.duration) {
    sim.runUntil(scenario.duration, 2_000_000);
    sim.rt.trace.discardBefore(sim.rt.trace.length);
  }
  return { hash: sim.rt.trace.hash(), rows: sim.rt.trace.length, events: sim.events };
}

export async function measureBrowserLongRun(seconds = Number(process.env.BROWSER_LONG_S ?? 2640)): Promise<BrowserLongRun> {
  const doc = frontBackSystem('A run of 10⁸ events', `${seconds}s`);
  const node = nodeRun(doc);
  const served = await serve(await buildSite());
  const dir = mkdtempSync(join(tmpdir(), 'crosstalk-chromium-'));
  const context = await launchChromium(dir);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(3_600_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.addInitScript(
      ([key, text]) => {
        localStorage.setItem(key, text);
      },
      [DOCUMENT_KEY, JSON.stringify(doc)] as const,
    );
    await page.goto(served.url);
    await page.locator('.react-flow__node').nth(2).waitFor();
    const startMib = rendererBytes(dir) / 2 ** 20;
    const peaks = [0, 0, 0, 0];
    let scrubbing = false,
      scrubPeak = 0;
    const started = Date.now();
    let stop = false;
    const sampling = (async () => {
      while (!stop) {
        const mib = rendererBytes(dir) / 2 ** 20;
        const width = await page
          .evaluate(() => parseFloat((document.querySelector('[data-testid=timeline-horizon]') as HTMLElement | null)?.style.width ?? '0'))
          .catch(() => 0);
        const quarter = Math.min(3, Math.floor(width / 25));
        if (scrubbing) scrubPeak = Math.max(scrubPeak, mib);
        else if (mib > peaks[quarter]) peaks[quarter] = mib;
        if (process.env.BROWSER_LONG_LOG)
          console.log(
            `[browser long run] ${((Date.now() - started) / 1000).toFixed(0)} s: ${width.toFixed(1)} % simulated, renderer ${mib.toFixed(0)} MiB`,
          );
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    })();
    await page.getByRole('button', { name: 'Run to the end' }).click();
    await page
      .getByTestId('trace-hash')
      .filter({ hasText: /^[0-9a-f]{16}$/ })
      .waitFor();
    const wallSeconds = (Date.now() - started) / 1000;
    const shown = await page.getByTestId('trace-hash').textContent();
    peaks[3] = Math.max(peaks[3], rendererBytes(dir) / 2 ** 20);
    // Scrub back to the middle, far before the window: the page re-simulates the run from its start.
    scrubbing = true;
    const scrubStarted = Date.now();
    const slider = page.getByRole('slider', { name: 'Timeline' });
    await slider.focus();
    await page.keyboard.press('End');
    await page
      .getByTestId('sim-time')
      .filter({ hasText: `${seconds}.000 s` })
      .waitFor();
    await page.evaluate(`(() => {
      window.__resimulating = [];
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid=resimulating]')?.textContent;
        if (text && window.__resimulating.at(-1) !== text) window.__resimulating.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
    await slider.focus();
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('PageDown');
      await page.waitForTimeout(150);
    } // (the slider steps from the playhead sampled 10×/s)
    await page.waitForFunction('window.__resimulating.length > 0');
    await page.getByTestId('resimulating').waitFor({ state: 'detached' });
    const scrubSeconds = (Date.now() - scrubStarted) / 1000;
    scrubPeak = Math.max(scrubPeak, rendererBytes(dir) / 2 ** 20);
    stop = true;
    await sampling;
    return {
      rows: node.rows,
      events: node.events,
      seconds,
      wallSeconds,
      startMib,
      quarterPeaksMib: peaks,
      peakMib: Math.max(...peaks, scrubPeak),
      scrubPeakMib: scrubPeak,
      scrubSeconds,
      hashMatches: shown === node.hash,
    };
  } finally {
    await context.close();
    served.server.close();
  }
}
