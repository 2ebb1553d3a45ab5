/**
 * One run, advanced in batches for a viewer that plays it back: each `advance` simulates a bit
 * further and hands over only what is new (trace rows, the calls they introduce, how far the
 * trace is complete). Pure TypeScript over the engine: the Web Worker wraps it, tests use it as is.
 *
 * With a lesson's goals set, the run also measures them at fixed checkpoints of simulated time
 * (every duration / GOAL_CHECKPOINTS, the last one at the end): it stops exactly at each checkpoint
 * (running in chunks gives the same run), measures the goals there (the command-line checker's
 * code), and hands the new measurements over with the batch. The page shows the one at or before
 * its playhead, so what it says is what the run had done by then, not what the worker, ahead of
 * the playhead, has simulated so far.
 *
 * Memory: once a batch is handed over, the worker forgets its trace rows (all but `keepRows` of
 * them, whole chunks at a time): the page holds what it shows, and a run of 10⁸ events would
 * otherwise hold 2 GB of rows here. The page re-simulates from the start (same seed, same run) for
 * what it no longer holds (see store/runStore.ts). Its call table reuses the rows of finished calls
 * where the engine can (`reuseCallRows`, kernel/callReuse.ts): each call's fixed columns are
 * handed over once, and the batch says from which call on the page must still know them
 * (`oldestCall`), so neither side holds a row per call of the whole run. A run measuring a
 * lesson's goals keeps every row and call: a goal on breakers reads the trace from its start,
 * and goals read finished calls' rows (lessons' runs are short).
 */
import type { Scenario } from '../model/index.ts';
import { buildReport, Simulation, type RunReport } from '../engine/index.ts';
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

/** How many checkpoints a run's goals are measured at (evenly spaced, the last one at the end). */
export const GOAL_CHECKPOINTS = 200;

/** Checkpoint `k` (1 … GOAL_CHECKPOINTS) of a run of `duration` ms: the last one is the end exactly. */
export function goalCheckpoint(k: number, duration: number): number {
  return k >= GOAL_CHECKPOINTS ? duration : (duration * k) / GOAL_CHECKPOINTS;
}

/** A run's goals measured at simulated time `time` (a checkpoint): the run up to and including `time`. */
export interface GoalPoint {
  readonly time: number;
  readonly results: readonly GoalResult[];
}

/** A batch, and the goals measured at the checkpoints it passed (for the goals set as `goalsId`). */
export interface SessionBatch extends RunBatch {
  readonly goalPoints?: { readonly goalsId: number; readonly points: readonly GoalPoint[] };
}

/** Options of a run session. */
export interface RunSessionOptions {
  /** Trace rows kept behind those handed over (default 0: forgotten once sent; Infinity keeps all). */
  readonly keepRows?: number;
  /** Reuse the call rows of finished calls where the engine can (default true; see `Simulation`'s `reuseCallRows`). */
  readonly reuseCallRows?: boolean;
  /** Call rows a run reusing them starts with (default the engine's; tests make it small so that a short run collects often). */
  readonly callRows?: number;
}

export class RunSession {
  readonly topology: RunTopology;
  private readonly keepRows: number;
  private simulation: Simulation;
  private sentRows = 0;
  private sentCalls = 0;
  /** The goals measured at each checkpoint (undefined: none), under the id the page gave them. */
  private goals: { readonly id: number; readonly list: readonly Goal[]; readonly start: RunReport | undefined } | undefined;
  /** The next checkpoint to measure at (1 … GOAL_CHECKPOINTS; beyond: all measured). */
  private nextCheckpoint = 1;
  /** Measurements not handed over yet. */
  private unsentPoints: GoalPoint[] = [];
  /** Every measurement of the goals set (checkpoints 1, 2, … in order). */
  private measured: GoalPoint[] = [];
  /** The previous run's measurements this run can take over (see `inherit`). */
  private inherited: { readonly goalsId: number; readonly points: readonly GoalPoint[] } | undefined;

  constructor(
    readonly scenario: Scenario,
    seed?: number,
    options: RunSessionOptions = {},
  ) {
    this.keepRows = options.keepRows ?? 0;
    this.simulation = new Simulation(scenario, { seed, reuseCallRows: options.reuseCallRows ?? true, summaryCallRows: options.callRows });
    this.topology = topologyOf(this.simulation);
  }

  get seed(): number {
    return this.simulation.seed;
  }

  /** Simulates up to `until` (capped at the scenario's duration, and at `maxEvents` events) and returns what is new. */
  advance(until: number, maxEvents = DEFAULT_BATCH_EVENTS): SessionBatch {
    const sim = this.simulation;
    const end = Math.min(until, this.scenario.duration);
    if (this.goals) this.runMeasuring(end, maxEvents);
    else if (notReached(sim, end)) sim.runUntil(end, maxEvents);
    const { trace, calls } = sim.rt;
    const rows = trace.exportRows(this.sentRows, trace.length);
    const newCalls = calls.reusing ? calls.takeStatic() : calls.exportStatic(this.sentCalls, calls.length);
    const batch: RunBatch = {
      rows,
      calls: newCalls,
      firstCall: this.sentCalls,
      oldestCall: calls.oldestHeld,
      // Stopped by the event budget, the events at `now` may not all have happened yet.
      horizon: sim.nextEventTime > sim.now ? sim.now : previousDouble(sim.now),
      done: sim.now >= this.scenario.duration && sim.nextEventTime > this.scenario.duration,
    };
    this.sentRows = trace.length;
    this.sentCalls = calls.callsMade;
    if (!this.goals) trace.discardBefore(this.sentRows - this.keepRows);
    if (!this.goals || this.unsentPoints.length === 0) return batch;
    const points = this.unsentPoints;
    this.unsentPoints = [];
    return { ...batch, goalPoints: { goalsId: this.goals.id, points } };
  }

  /**
   * Measures `goals` (known to the page as `goalsId`) at every checkpoint from now on; returns
   * their measurements at the checkpoints already passed (measured on a fresh run of the same
   * scenario up to the last of them, since this one cannot go back). Undefined goals: none.
   * `start`: the report of the lesson's starting system, for goals measured against it.
   */
  setGoals(goalsId: number, goals: readonly Goal[] | undefined, start?: RunReport): GoalPoint[] {
    this.unsentPoints = [];
    this.measured = [];
    this.nextCheckpoint = 1;
    this.goals = goals ? { id: goalsId, list: goals, start } : undefined;
    if (!goals) return [];
    const sim = this.simulation;
    const duration = this.scenario.duration;
    let passed = 0;
    while (passed < GOAL_CHECKPOINTS && reached(sim, goalCheckpoint(passed + 1, duration))) passed++;
    const inherited = this.inherited?.goalsId === goalsId ? this.inherited.points : [];
    // A goal reads the trace from its start: rows forgotten already are simulated again.
    this.recallForgottenRows();
    if (passed === 0 && inherited.length > 0) {
      // The same goals on a run whose past is the previous run's: its measurements there stand.
      this.measured = [...inherited];
      this.nextCheckpoint = inherited.length + 1;
      return [...inherited];
    }
    if (passed === 0) return [];
    const replay = new Simulation(this.scenario, { seed: this.seed });
    const points: GoalPoint[] = [];
    for (let k = 1; k <= passed; k++) {
      const time = goalCheckpoint(k, duration);
      replay.runUntil(time);
      points.push({ time, results: measure(goals, replay, start) });
    }
    replay.release();
    this.nextCheckpoint = passed + 1;
    this.measured = [...points];
    return points;
  }

  /**
   * Takes over `previous`'s measurements at the checkpoints before this run can differ from it:
   * the same scenario and seed but for faults and changes from time t on (an edit made at the
   * playhead), whose past before t is the same run (see docs/ARCHITECTURE.md). Call before `setGoals`; they
   * are used if the goals set are the ones measured there (same id).
   */
  inherit(previous: RunSession): void {
    if (!previous.goals || previous.seed !== this.seed) return;
    const t = divergence(previous.scenario, this.scenario);
    const points = previous.measured.filter((p) => p.time < t);
    if (points.length > 0) this.inherited = { goalsId: previous.goals.id, points };
  }

  /**
   * The goals' measurements at the checkpoints measured so far and at the end of the run (what is
   * left of it simulated, measured once), under their id; undefined without goals. The run replaced
   * by the next one is finished so, for the page to set each goal's figure before the change beside
   * the one after. Only the end is measured anew: the checkpoints between would cost a few hundred
   * ms for some lessons (each reads every call), before the new run could start. Call before `release`.
   */
  finishGoals(): { readonly goalsId: number; readonly points: readonly GoalPoint[] } | undefined {
    if (!this.goals) return undefined;
    const points = [...this.measured];
    if (this.nextCheckpoint <= GOAL_CHECKPOINTS) {
      const sim = this.simulation;
      const end = this.scenario.duration;
      if (notReached(sim, end)) sim.runUntil(end);
      points.push({ time: end, results: measure(this.goals.list, sim, this.goals.start) });
    }
    return { goalsId: this.goals.id, points };
  }

  /**
   * Replaces a run that has forgotten rows (or reuses call rows) with the same run simulated
   * afresh to the same event (same seed and event count: the same state, every row held).
   */
  private recallForgottenRows(): void {
    const old = this.simulation;
    if (old.rt.trace.first === 0 && !old.rt.calls.reusing) return;
    const { now, events, seed } = old;
    old.release(); // its memory goes to the fresh run
    this.simulation = new Simulation(this.scenario, { seed });
    this.simulation.runUntil(now, events);
  }

  /** Runs towards `end` within `maxEvents` events, stopping at each checkpoint on the way to measure the goals there. */
  private runMeasuring(end: number, maxEvents: number): void {
    const sim = this.simulation;
    const { list: goals, start } = this.goals!;
    const duration = this.scenario.duration;
    let budget = maxEvents;
    for (;;) {
      const checkpoint = this.nextCheckpoint <= GOAL_CHECKPOINTS ? goalCheckpoint(this.nextCheckpoint, duration) : Infinity;
      const stop = Math.min(end, checkpoint);
      if (notReached(sim, stop)) {
        const before = sim.events;
        sim.runUntil(stop, budget);
        budget -= sim.events - before;
      }
      if (!reached(sim, stop)) return; // out of events for this batch
      if (stop === checkpoint) {
        const point = { time: checkpoint, results: measure(goals, sim, start) };
        this.unsentPoints.push(point);
        this.measured.push(point);
        this.nextCheckpoint++;
      }
      if (stop >= end || budget <= 0) return;
    }
  }

  /**
   * This run is over (a new one replaces it): its memory goes to the runs after it (see
   * `Simulation.release`). What it handed over stays valid: batches are copies.
   */
  release(): void {
    this.simulation.release();
  }

  /** Trace rows the worker holds now (see `keepRows`). */
  get rowsHeld(): number {
    const trace = this.simulation.rt.trace;
    return trace.length - trace.first;
  }

  /** The hash of the trace so far (equal to the full run's once done). */
  traceHash(): string {
    return this.simulation.rt.trace.hash();
  }
}

/**
 * The earliest time at which runs of `a` and `b` (same seed) may differ: 0 unless they are the
 * same but for faults and changes; then the earliest `at` of a fault or change one has and the
 * other has not (Infinity: none).
 */
export function divergence(a: Scenario, b: Scenario): number {
  const { faults: faultsA, changes: changesA, ...restA } = a;
  const { faults: faultsB, changes: changesB, ...restB } = b;
  if (JSON.stringify(restA) !== JSON.stringify(restB)) return 0;
  let t = Infinity;
  const unmatched = new Map<string, { at: number; count: number }>();
  const tally = (items: readonly { at: number }[], sign: number) => {
    for (const item of items) {
      const key = JSON.stringify(item);
      const entry = unmatched.get(key) ?? { at: item.at, count: 0 };
      entry.count += sign;
      unmatched.set(key, entry);
    }
  };
  tally([...faultsA, ...changesA], 1);
  tally([...faultsB, ...changesB], -1);
  for (const { at, count } of unmatched.values()) if (count !== 0) t = Math.min(t, at);
  return t;
}

/**
 * `goals` measured on `sim` as it stands (the command-line checker's code). Its report is built
 * only if a goal reads it (latency, failures, answered shares and breakers read the call table
 * and the trace): building it (a trace hash, every node's summary) costs more than most goals.
 */
function measure(goals: readonly Goal[], sim: Simulation, start: RunReport | undefined): GoalResult[] {
  let report: RunReport | undefined;
  const lazy = new Proxy({} as RunReport, { get: (_target, key) => (report ??= buildReport(sim))[key as keyof RunReport] });
  return evaluateGoals(goals, sim, lazy, start);
}

/** Whether `sim` has done everything up to and including time `t` (and stands at `t` or later). */
function reached(sim: Simulation, t: number): boolean {
  return sim.now >= t && sim.nextEventTime > t;
}

/** Whether running `sim` to `t` would do anything (the test `advance` always made). */
function notReached(sim: Simulation, t: number): boolean {
  return t > sim.now || (t === sim.now && sim.nextEventTime <= t);
}

function previousDouble(t: number): number {
  return t - Math.max(Number.MIN_VALUE, Math.abs(t) * Number.EPSILON);
}
