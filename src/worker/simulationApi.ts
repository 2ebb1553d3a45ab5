/**
 * What the simulation worker offers, as a plain object of async-able methods. The Web Worker
 * exposes it over comlink; tests (and a browser without workers) call the same object in-thread.
 */
import { validateScenario, type Problem } from '../model/index.ts';
import type { RunTopology } from '../engine/replay/topology.ts';
import type { RunBatch } from '../engine/replay/traceReplay.ts';
import type { Goal } from '../lessons/lessonSchema.ts';
import { DEFAULT_BATCH_EVENTS, RunSession, type GoalPoint, type SessionBatch } from './runSession.ts';

export type { GoalPoint, SessionBatch } from './runSession.ts';

export type OpenResult =
  | { readonly ok: true; readonly runId: number; readonly topology: RunTopology; readonly duration: number; readonly seed: number }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export interface SimulationApi {
  /** Validates a scenario document and starts a new run of it (replacing any other). */
  open(document: unknown, seed?: number): OpenResult | Promise<OpenResult>;
  /** Simulates run `runId` up to `until` (at most `maxEvents` events); undefined if the run was replaced. With goals set, it carries their measurements at the checkpoints it passed. */
  advance(runId: number, until: number, maxEvents?: number): SessionBatch | undefined | Promise<SessionBatch | undefined>;
  /**
   * Measures a lesson's goals (undefined: none) on run `runId` at every checkpoint (see
   * runSession.ts), tagging the measurements `goalsId`; returns those at the checkpoints already
   * passed. Undefined if the run was replaced.
   */
  setGoals(runId: number, goalsId: number, goals: readonly Goal[] | undefined): GoalPoint[] | undefined | Promise<GoalPoint[] | undefined>;
  /** The trace hash of run `runId` so far. */
  traceHash(runId: number): string | undefined | Promise<string | undefined>;
}

/** The implementation: one run at a time. */
export function createSimulationApi(): SimulationApi {
  let session: RunSession | undefined;
  let runId = 0;
  return {
    open(document, seed) {
      const result = validateScenario(document);
      if (!result.ok) return { ok: false, problems: result.problems };
      session = new RunSession(result.scenario, seed);
      runId++;
      return { ok: true, runId, topology: session.topology, duration: result.scenario.duration, seed: session.seed };
    },
    advance(id, until, maxEvents = DEFAULT_BATCH_EVENTS) {
      if (!session || id !== runId) return undefined;
      return session.advance(until, maxEvents);
    },
    setGoals(id, goalsId, goals) {
      return session && id === runId ? session.setGoals(goalsId, goals) : undefined;
    },
    traceHash(id) {
      return session && id === runId ? session.traceHash() : undefined;
    },
  };
}

/** The typed arrays of a batch, to hand over without copying (postMessage transfer list). */
export function transferablesOf(batch: RunBatch): ArrayBuffer[] {
  const { rows, calls } = batch;
  return [rows.times, rows.words, calls.parent, calls.root, calls.caller, calls.callee, calls.link, calls.timeoutFlag, calls.previous, calls.first]
    .map((a) => a.buffer as ArrayBuffer);
}
