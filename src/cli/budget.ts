/**
 * The command line's budget for one run: a run whose estimate (engine/capacity.ts) is beyond it
 * is refused before it starts, so a valid file that can never finish does not run until memory
 * is gone. Events (trace rows) are always judged; memory only for what the run keeps.
 */
import { formatRunLength } from '../model/index.ts';
import { formatBytes, formatCount, type RunEstimate } from '../engine/index.ts';

/** Trace rows a run may have by default: about 4 GB of trace alone, a few minutes of simulation. */
export const CLI_MAX_EVENTS = 2e8;
/** Memory a run may keep by default (its trace and call rows). */
export const CLI_MAX_BYTES = 4 * 1024 ** 3;

export interface RunBudget {
  readonly maxEvents: number;
  readonly maxBytes: number;
}

/** Why a run of `file` is beyond `budget` (a message for the person), or undefined if it is within it. */
export function budgetRefusal(file: string, estimate: RunEstimate, budget: RunBudget): string | undefined {
  // Written so that an estimate that is not a number is refused too.
  const tooManyEvents = !(estimate.events <= budget.maxEvents);
  const tooMuchMemory = !(estimate.bytes <= budget.maxBytes);
  if (!tooManyEvents && !tooMuchMemory) return undefined;
  const memory = estimate.bytes > 0 ? ` and ${formatBytes(estimate.bytes)} of memory` : '';
  return [
    `refusing to run ${file}: simulating ${formatRunLength(estimate.until)} would take about ${formatCount(estimate.events)} events (trace rows)${memory},`,
    `beyond the budget of ${formatCount(budget.maxEvents)} events and ${formatBytes(budget.maxBytes)} (the estimate is within about 2x).`,
    'Run a shorter time with --until, raise the budget with --max-events N or --max-memory SIZE (e.g. 16GB), or run it anyway with --force.',
  ].join('\n');
}
