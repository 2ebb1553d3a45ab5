/**
 * The page's budget for one run. A run is simulated in the worker and played back in the page:
 * the page holds a window of its trace rows (store/runStore.ts) and, where the engine reuses the
 * rows of finished calls (kernel/callReuse.ts), the worker and the page hold only the calls
 * in flight and those the window names. What grows with the run is then small (the replay's
 * coarse landmarks), so the budget is high; for systems whose call rows are not reused yet
 * (brokers, polling, event-only links, streams, connection pools, streamed answers) one row per
 * call is kept for the whole run on both sides, and the budget is ten times lower. Past its
 * budget the tab would run out of memory, so a run is refused up front with a message on screen.
 * The command line has a larger, adjustable budget (cli/budget.ts).
 */
import { formatRunLength } from '../model/index.ts';
import { describeEstimate, formatCount, type RunEstimate } from '../engine/capacity.ts';

/**
 * Most events (trace rows) a run in the page may be estimated at, when its call rows are reused.
 * Measured in Chromium (bench `browser_1e8_peak_mib`, test/e2e/longRunWindow.test.ts): the
 * page's and the worker's memory stay flat once the window (4 M rows by default) is full.
 */
export const BROWSER_MAX_EVENTS = 1e8;

/**
 * The budget of a system whose call rows are not reused: about 110 bytes a call in the worker's
 * call table and 70 in the page's, at about 3.2 events a call; measured in Chromium (renderer RSS
 * 540 MB before the run): 4.2 M events peaked at 1,061 MB and 8.4 M at 1,331 MB, so 10⁷ events
 * come near 1.4-1.5 GB.
 */
export const BROWSER_MAX_EVENTS_GROWING = 1e7;

/**
 * Why the page will not run this (a sentence for the screen), or undefined if it will.
 * `callRowsReused` says whether the run reuses call rows (asked only past the lower budget: it builds the run).
 */
export function browserRefusal(estimate: RunEstimate, callRowsReused: () => boolean): string | undefined {
  if (estimate.events <= BROWSER_MAX_EVENTS_GROWING) return undefined; // (an estimate that is not a number is refused)
  const withinHigh = estimate.events <= BROWSER_MAX_EVENTS;
  if (withinHigh && callRowsReused()) return undefined;
  const limit = withinHigh
    ? `${formatCount(BROWSER_MAX_EVENTS_GROWING)} events of a system with brokers, polling, event-only links, streams, connection pools or streamed answers (${formatCount(BROWSER_MAX_EVENTS)} without)`
    : `${formatCount(BROWSER_MAX_EVENTS)} events`;
  return `Too big to run in the browser: ${formatRunLength(estimate.until)} of this system is ${describeEstimate(estimate)}; a page holds at most ${limit}. Shorten the Duration or lower the load (npm run sim runs longer ones).`;
}
