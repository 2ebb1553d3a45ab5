/**
 * One run, advanced in batches for a viewer that plays it back: each `advance` simulates a bit
 * further and hands over only what is new (trace rows, the calls they introduce, how far the
 * trace is complete). Pure TypeScript over the engine: the Web Worker wraps it, tests use it as is.
 */
import type { Scenario } from '../model/index.ts';
import { buildReport, Simulation } from '../engine/index.ts';
import { evaluateGoals, type GoalResult } from '../lessons/goals.ts';
import type { Goal } from '../lessons/lessonSchema.ts';
import { topologyOf, type RunTopology } from '../engine/replay/topology.ts';
import type { RunBatch } from '../engine/replay/traceReplay.ts';

/**
 * Events simulated per batch at most: about 32k trace rows, which the page folds into its replay in
 * a task of a few tens of ms in Chromium (50k-event batches took up to 170 ms: the page stuttered
 * while a long run streamed in). Smaller batches also keep the worker and the page busy side by side.
 */
export const DEFAULT_BATCH_EVENTS = 16_000;

/** Goals measured on a run so far: up to which simulated time, and whether the run had ended. */
export interface GoalCheck {
  readonly results: readonly GoalResult[];
  readonly until: number;
  readonly done: boolean;
}

export class RunSession {
  readonly topology: RunTopology;
  private readonly simulation: Simulation;
  private sentRows = 0;
  private sentCalls = 0;

  constructor(readonly scenario: Scenario, seed?: number) {
    this.simulation = new Simulation(scenario, { seed });
    this.topology = topologyOf(this.simulation);
  }

  get seed(): number {
    return this.simulation.seed;
  }

  /** Simulates up to `until` (capped at the scenario's duration, and at `maxEvents` events) and returns what is new. */
  advance(until: number, maxEvents = DEFAULT_BATCH_EVENTS): RunBatch {
    const sim = this.simulation;
    const end = Math.min(until, this.scenario.duration);
    if (end > sim.now || (end === sim.now && sim.nextEventTime <= end)) sim.runUntil(end, maxEvents);
    const { trace, calls } = sim.rt;
    const rows = trace.exportRows(this.sentRows, trace.length);
    const newCalls = calls.exportStatic(this.sentCalls, calls.length);
    const batch: RunBatch = {
      rows, calls: newCalls, firstCall: this.sentCalls,
      // Stopped by the event budget, the events at `now` may not all have happened yet.
      horizon: sim.nextEventTime > sim.now ? sim.now : previousDouble(sim.now),
      done: sim.now >= this.scenario.duration && sim.nextEventTime > this.scenario.duration,
    };
    this.sentRows = trace.length;
    this.sentCalls = calls.length;
    return batch;
  }

  /** A lesson's goals measured on the run so far (the same code as the command-line checker). */
  evaluateGoals(goals: readonly Goal[]): GoalCheck {
    const sim = this.simulation;
    return { results: evaluateGoals(goals, sim, buildReport(sim)), until: sim.now, done: sim.now >= this.scenario.duration && sim.nextEventTime > this.scenario.duration };
  }

  /** The hash of the trace so far (equal to the full run's once done). */
  traceHash(): string {
    return this.simulation.rt.trace.hash();
  }
}

function previousDouble(t: number): number {
  return t - Math.max(Number.MIN_VALUE, Math.abs(t) * Number.EPSILON);
}
