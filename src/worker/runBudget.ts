/**
 * The page's budget for one run. A run is simulated in the worker and played back in the page,
 * both of which hold its rows; past this many events (trace rows, as estimated before the run:
 * engine/capacity.ts) the tab would run out of memory, so the run is refused up front with a
 * message on screen instead. The command line has a larger, adjustable budget (cli/budget.ts).
 */
import { formatRunLength } from '../model/index.ts';
import { describeEstimate, formatCount, type RunEstimate } from '../engine/capacity.ts';

/**
 * Most events (trace rows) a run in the page may be estimated at. The one constant the page's run limits read.
 *
 * Why 10⁷ and not the 10⁸ issue 19 asks for: with the trace held as a window (store/runStore.ts),
 * what still grows with a run is one row per call, kept for the whole run, in the worker's call
 * table (about 110 bytes) and in the page's replay (about 70 bytes), at about 3.2 events a call:
 * some 56 bytes an event. Measured in Chromium (test/e2e/longRunWindow.test.ts, 300k-row window;
 * renderer RSS 540 MB before the run): 4.2 M events peaked at 1,061 MB and 8.4 M at 1,331 MB, so
 * about 64 bytes more for each event; 10⁷ events come near 1.4-1.5 GB and 10⁸ would need about
 * 7 GB. Windowing the call columns (a call's row freed once no later row can name it) would lift
 * the bound towards 10⁸.
 */
export const BROWSER_MAX_EVENTS = 1e7;

/** Why the page will not run this (a sentence for the screen), or undefined if it will. */
export function browserRefusal(estimate: RunEstimate): string | undefined {
  if (estimate.events <= BROWSER_MAX_EVENTS) return undefined; // (an estimate that is not a number is refused)
  return `Too big to run in the browser: ${formatRunLength(estimate.until)} of this system is ${describeEstimate(estimate)}; a page holds at most ${formatCount(BROWSER_MAX_EVENTS)} events. Shorten the Duration or lower the load (npm run sim runs longer ones).`;
}
