/**
 * The one entry point: `simulate(scenario, { seed, until })` → the finished run.
 * Same scenario + same seed ⇒ the same trace, event for event, in Node and in the browser.
 */
import type { Scenario } from '../model/index.ts';
import { Simulation, type SimulationOptions } from './simulation.ts';
import { buildReport, type RunReport } from './trace/report.ts';

export interface SimulateOptions extends SimulationOptions {
  /**
   * Stop the clock at this simulated time, ms (default: the scenario's duration). It does not
   * change the scenario: clients still stop at its duration. To run for another length, as the
   * playground's Duration and the CLI's `--until` do, run `withDuration(scenario, ms)` instead.
   */
  readonly until?: number;
}

export interface SimulationResult {
  /** The simulation itself: its trace, call table (spans) and time series; it can run further. */
  readonly simulation: Simulation;
  readonly report: RunReport;
}

/** Runs a validated scenario from the start to `until` and reports on it. */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): SimulationResult {
  const simulation = new Simulation(scenario, options);
  simulation.runUntil(options.until ?? scenario.duration);
  return { simulation, report: buildReport(simulation) };
}

export { Simulation, buildReport };
export type { SimulationOptions, RunReport };
