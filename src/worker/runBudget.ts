/**
 * The page's budget for one run. A run is simulated in the worker and played back in the page,
 * both of which hold its rows; past this many events (trace rows, as estimated before the run:
 * engine/capacity.ts) the tab would run out of memory, so the run is refused up front with a
 * message on screen instead. The command line has a larger, adjustable budget (cli/budget.ts).
 */
import { formatDuration } from '../model/index.ts';
import { describeEstimate, formatCount, type RunEstimate } from '../engine/capacity.ts';

/** Most events (trace rows) a run in the page may be estimated at. The one constant the page's run limits read. */
export const BROWSER_MAX_EVENTS = 1e8;

/** Why the page will not run this (a sentence for the screen), or undefined if it will. */
export function browserRefusal(estimate: RunEstimate): string | undefined {
  if (estimate.events <= BROWSER_MAX_EVENTS) return undefined; // (an estimate that is not a number is refused)
  const length = estimate.until >= 3_600_000 ? `${Math.round((estimate.until / 3_600_000) * 100) / 100}h` : formatDuration(estimate.until);
  return `Too big to run in the browser: ${length} of this system is ${describeEstimate(estimate)}; a page holds at most ${formatCount(BROWSER_MAX_EVENTS)} events. Shorten the Duration or lower the load (npm run sim runs longer ones).`;
}
