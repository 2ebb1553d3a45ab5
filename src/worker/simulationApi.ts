/**
 * What the simulation worker offers, as a plain object of async-able methods. The Web Worker
 * exposes it over comlink; tests (and a browser without workers) call the same object in-thread.
 */
import * as Comlink from 'comlink';
import { validateScenario, type Problem, type Scenario } from '../model/index.ts';
import type { RunTopology } from '../engine/replay/topology.ts';
import type { RunBatch } from '../engine/replay/traceReplay.ts';
import { describeEstimate, estimateRun, simulate, Simulation, type RunEstimate, type RunReport } from '../engine/index.ts';
import { browserRefusal } from './runBudget.ts';
import { exportText, type ExportFormat } from '../engine/export/index.ts';
import { needsStartRun } from '../lessons/goals.ts';
import type { Goal } from '../lessons/lessonSchema.ts';
import { DEFAULT_BATCH_EVENTS, RunSession, type GoalPoint, type SessionBatch } from './runSession.ts';

export type { GoalPoint, SessionBatch } from './runSession.ts';

export type OpenResult =
  | {
      readonly ok: true;
      readonly runId: number;
      readonly topology: RunTopology;
      readonly duration: number;
      readonly seed: number;
      readonly estimate: RunEstimate;
      readonly estimateText: string;
      /**
       * The run this one replaced (by id), its goals (if any were set) as measured so far and at its end: what the change did (see
       * RunSession.finishGoals).
       */
      readonly previousGoals?: { readonly runId: number; readonly goalsId: number; readonly points: readonly GoalPoint[] };
    }
  /** Not run: the document's problems, or (a valid document) why its run is too big for the page, with its estimate. */
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly refusal?: string; readonly estimate?: RunEstimate };

/** A document's run estimated before it starts: in a few words, and why the page will not run it (if it will not). */
export interface EstimateNote {
  readonly text: string;
  readonly refusal?: string;
}

export interface SimulationApi {
  /** The run of `document` estimated (engine/capacity.ts), undefined if it is not a valid scenario. Simulates nothing. */
  estimate(document: unknown): EstimateNote | undefined | Promise<EstimateNote | undefined>;
  /**
   * Validates a scenario document and starts a new run of it (replacing any other), unless its
   * estimate is beyond the page's budget. The run it replaces, if it measured goals, is finished
   * first and its measurements come back with the answer (before → after in a lesson).
   */
  open(document: unknown, seed?: number): OpenResult | Promise<OpenResult>;
  /**
   * Simulates run `runId` up to `until` (at most `maxEvents` events); undefined if the run was replaced. With goals set, it carries their
   * measurements at the checkpoints it passed.
   */
  advance(runId: number, until: number, maxEvents?: number): SessionBatch | undefined | Promise<SessionBatch | undefined>;
  /**
   * Measures a lesson's goals (undefined: none) on run `runId` at every checkpoint (see
   * runSession.ts), tagging the measurements `goalsId`; returns those at the checkpoints already
   * passed. Undefined if the run was replaced. `start` is the lesson's starting system, run once
   * (with its own seed) for goals measured against it.
   */
  setGoals(
    runId: number,
    goalsId: number,
    goals: readonly Goal[] | undefined,
    start?: unknown,
  ): GoalPoint[] | undefined | Promise<GoalPoint[] | undefined>;
  /** The trace hash of run `runId` so far. */
  traceHash(runId: number): string | undefined | Promise<string | undefined>;
  /**
   * The whole run of `document` with `seed` (undefined: its own) exported as the text of a file
   * (OTLP/JSON, Chrome trace events or metrics CSV, see engine/export), simulated afresh here with
   * every row and call kept (the same run as the one on show), so only the text crosses to the page.
   */
  exportRun(document: unknown, seed: number | undefined, format: ExportFormat): ExportResult | Promise<ExportResult>;
}

/** A run's export: the file's text, or why there is none. */
export type ExportResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/** The implementation: one run at a time. */
export function createSimulationApi(): SimulationApi {
  const startReports = new StartReports();
  let session: RunSession | undefined;
  let runId = 0;
  return {
    estimate(document) {
      const result = validateScenario(document);
      if (!result.ok) return undefined;
      const estimate = estimateRun(result.scenario);
      return { text: describeEstimate(estimate), refusal: browserRefusal(estimate, () => reusesCallRows(result.scenario)) };
    },
    open(document, seed) {
      const result = validateScenario(document);
      if (!result.ok) return { ok: false, problems: result.problems };
      // A run that would exhaust the tab's memory is refused before anything is simulated.
      const estimate = estimateRun(result.scenario);
      const refusal = browserRefusal(estimate, () => reusesCallRows(result.scenario));
      if (refusal) return { ok: false, problems: [], refusal, estimate };
      const previous = session;
      const finished = previous?.finishGoals();
      const previousGoals = finished && { runId, ...finished };
      // Nothing reads the old run's simulation again (advance and setGoals answer only the current
      // run; `inherit` reads its measurements): released first, its memory goes to the new run.
      session = undefined;
      previous?.release();
      session = new RunSession(result.scenario, seed);
      // An edit at the playhead: the goals' measurements before it stand (see RunSession.inherit).
      if (previous) session.inherit(previous);
      runId++;
      return {
        ok: true,
        runId,
        topology: session.topology,
        duration: result.scenario.duration,
        seed: session.seed,
        estimate,
        estimateText: describeEstimate(estimate),
        previousGoals,
      };
    },
    advance(id, until, maxEvents = DEFAULT_BATCH_EVENTS) {
      if (!session || id !== runId) return undefined;
      return session.advance(until, maxEvents);
    },
    setGoals(id, goalsId, goals, start) {
      if (!session || id !== runId) return undefined;
      return session.setGoals(goalsId, goals, goals && start !== undefined && needsStartRun(goals) ? startReports.of(start) : undefined);
    },
    traceHash(id) {
      return session && id === runId ? session.traceHash() : undefined;
    },
    exportRun(document, seed, format) {
      const result = validateScenario(document);
      if (!result.ok) return { ok: false, message: 'the system has problems to fix first' };
      // Every row and call is kept for the export: the budget of a run that keeps them all.
      const refusal = browserRefusal(estimateRun(result.scenario, { keeps: 'all' }), () => false);
      if (refusal) return { ok: false, message: refusal };
      const simulation = new Simulation(result.scenario, { seed, record: 'full' });
      try {
        simulation.runUntil(result.scenario.duration);
        return { ok: true, text: exportText(simulation, format) };
      } finally {
        simulation.release();
      }
    },
  };
}

/**
 * `api` as the Web Worker exposes it: every method as it is (so no argument is left behind), but
 * each batch's arrays marked for transfer instead of being copied.
 */
export function workerApi(api: SimulationApi): SimulationApi {
  return {
    ...api,
    advance: async (runId, until, maxEvents) => {
      const batch = await api.advance(runId, until, maxEvents);
      return batch ? Comlink.transfer(batch, transferablesOf(batch)) : undefined;
    },
  };
}

/** The typed arrays of a batch, to hand over without copying (postMessage transfer list). */
export function transferablesOf(batch: RunBatch): ArrayBuffer[] {
  const { rows, calls } = batch;
  return [
    rows.times,
    rows.words,
    calls.parent,
    calls.root,
    calls.caller,
    calls.callee,
    calls.link,
    calls.timeoutFlag,
    calls.previous,
    calls.first,
  ].map((a) => a.buffer as ArrayBuffer);
}

/** Reports of lessons' starting systems, by their text: each is run once, however often its goals are set. */
class StartReports {
  private readonly byText = new Map<string, RunReport | undefined>();

  /** The report of a run of `start` (its own seed), or undefined if it is not a valid scenario. */
  of(start: unknown): RunReport | undefined {
    const text = JSON.stringify(start);
    if (!this.byText.has(text)) {
      const result = validateScenario(start);
      const run = result.ok ? simulate(result.scenario) : undefined;
      this.byText.set(text, run?.report);
      run?.simulation.release();
    }
    return this.byText.get(text);
  }
}

/** Whether a run of `scenario` in the page reuses the rows of finished calls (built, not run, to ask the engine). */
function reusesCallRows(scenario: Scenario): boolean {
  const simulation = new Simulation(scenario, { reuseCallRows: true });
  const reused = simulation.rt.calls.reusing;
  simulation.release();
  return reused;
}
