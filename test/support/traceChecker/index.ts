/**
 * The trace checker: verifies a run against its own trace, independently of the engine's counters.
 *
 * `checkRun` replays the trace row by row against a small model of the engine's rules built from
 * the scenario document (traceReplay.ts and the row files), then compares what it rebuilt with the
 * call table and the report (replayComparisons.ts). `checkRootOutcomes` checks client requests by
 * plain counting (rootOutcomes.ts).
 */
import type { Scenario } from '../../../src/model/index.ts';
import type { RunReport, Simulation } from '../../../src/engine/index.ts';
import { checkCallTable, checkReport } from './replayComparisons.ts';
import { TraceReplay, type RunStats } from './traceReplay.ts';

export { checkRootOutcomes } from './rootOutcomes.ts';
export type { RunStats } from './traceReplay.ts';

/**
 * Replays the trace of a finished (or paused) run and returns every inconsistency found
 * (empty: all good; at most the first 20). `stats` (optional) is filled with what the run exercised.
 */
export function checkRun(scenario: Scenario, sim: Simulation, report: RunReport, stats?: RunStats): string[] {
  const replay = new TraceReplay(scenario, sim, stats);
  replay.run();
  checkCallTable(replay);
  checkReport(replay, report);
  return replay.problems;
}
