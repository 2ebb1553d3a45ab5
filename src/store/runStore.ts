/**
 * The run the playground shows: the replay of the current document's simulation, fed in batches
 * from the simulation worker just ahead of the playhead. A document change starts a new run of the
 * new document; by determinism its past (before the change's time) is the old run's past, so the
 * playhead stays where it is and playback continues. The old run stays on show until the new one
 * has caught up with the playhead, so nothing on screen drops to zero while it does.
 */
import { createStore } from 'zustand/vanilla';
import type { Problem } from '../model/index.ts';
import { TraceReplay } from '../engine/replay/traceReplay.ts';
import type { GoalCheck, SimulationApi } from '../worker/simulationApi.ts';
import type { Goal } from '../lessons/lessonSchema.ts';

export type RunStatus = 'idle' | 'invalid' | 'running' | 'done' | 'failed';

export interface RunState {
  readonly status: RunStatus;
  /** Why the document cannot run (status 'invalid'). */
  readonly problems: readonly Problem[];
  /** The replay of the current run (undefined before the first run). */
  readonly replay: TraceReplay | undefined;
  /** Simulated time up to which the replay is complete. */
  readonly horizon: number;
  readonly duration: number;
  /** Bumped whenever the replay grows or is replaced. */
  readonly version: number;
  readonly error: string | undefined;
  /** The goals measured on each run (a lesson's), or undefined: none. */
  readonly goals: readonly Goal[] | undefined;
  /** The goals measured on the current run as simulated so far (refreshed while it streams in). */
  readonly goalCheck: GoalCheck | undefined;
}

/** Wall-clock ms between two measurements of the goals while a run streams in (its end is always measured). */
export const GOAL_CHECK_INTERVAL_MS = 300;

/** Simulated time to keep ready beyond the playhead: about two wall-clock seconds of playback. */
export function lookahead(speed: number): number {
  return Math.max(200, speed * 2000);
}

export function createRunStore(api: SimulationApi) {
  const store = createStore<RunState>()(() => ({
    status: 'idle', problems: [], replay: undefined, horizon: 0, duration: 0, version: 0, error: undefined,
    goals: undefined, goalCheck: undefined,
  }));
  let runId = 0;
  let wanted = 0;
  let generation = 0;
  /** The new run's replay while it catches up with `showFrom` (the old run is shown meanwhile). */
  let pending: TraceReplay | undefined;
  let showFrom = 0;
  /** The generation whose pump loop is running (-1: none); a new run starts its own. */
  let pumping = -1;

  let lastGoalCheck = -Infinity;
  /** Measures the goals on the run so far (the worker's simulation, ahead of what is on show). */
  const checkGoals = async () => {
    const { goals } = store.getState();
    if (!goals) return;
    const gen = generation;
    lastGoalCheck = Date.now();
    const check = await api.evaluateGoals(runId, goals);
    if (gen !== generation || !check || store.getState().goals !== goals) return;
    const previous = store.getState().goalCheck;
    if (previous && previous.until > check.until) return; // an older answer arriving late
    store.setState({ goalCheck: check });
  };

  /** Keeps asking the worker for batches until the replay reaches `wanted` or the run ends. */
  const pump = async () => {
    const gen = generation;
    if (pumping === gen) return;
    pumping = gen;
    try {
      for (;;) {
        const { status } = store.getState();
        const replay = pending ?? store.getState().replay;
        if (gen !== generation || !replay || status !== 'running' || replay.horizon >= wanted) break;
        const batch = await api.advance(runId, wanted);
        if (gen !== generation || !batch) break; // a newer run replaced this one
        replay.ingest(batch);
        if (batch.done || Date.now() - lastGoalCheck >= GOAL_CHECK_INTERVAL_MS) void checkGoals().catch(() => undefined);
        const next = batch.done ? 'done' : 'running';
        if (pending && (batch.horizon >= showFrom || batch.done)) {
          // Caught up: the new run takes over the screen.
          pending = undefined;
          store.setState((s) => ({ replay, horizon: batch.horizon, version: s.version + 1, status: next }));
        } else if (!pending) {
          store.setState((s) => ({ horizon: batch.horizon, version: s.version + 1, status: next }));
        }
      }
    } catch (error) {
      store.setState({ status: 'failed', error: (error as Error).message });
    } finally {
      if (pumping === gen) pumping = -1;
    }
    // A request may have arrived while the last batch was on its way.
    const { replay, status } = store.getState();
    if (gen === generation && replay && status === 'running' && replay.horizon < wanted) void pump();
  };

  return Object.assign(store, {
    /**
     * Starts a run of `document` and simulates up to `until`. If a run is on show, it stays until
     * the new one has reached `keepUntil` (the playhead). Resolves when the run has started.
     */
    async start(document: unknown, until: number, keepUntil = 0): Promise<void> {
      const gen = ++generation;
      const opened = await api.open(document);
      if (gen !== generation) return;
      pending = undefined;
      if (!opened.ok) {
        store.setState((s) => ({ status: 'invalid', problems: opened.problems, version: s.version + 1 }));
        return;
      }
      runId = opened.runId;
      lastGoalCheck = -Infinity;
      store.setState({ goalCheck: undefined });
      wanted = Math.max(until, keepUntil);
      const replay = new TraceReplay(opened.topology);
      const shown = store.getState().replay;
      if (shown && keepUntil > 0) {
        pending = replay;
        showFrom = keepUntil;
        store.setState((s) => ({ status: 'running', problems: [], duration: opened.duration, version: s.version + 1, error: undefined }));
      } else {
        store.setState((s) => ({
          status: 'running', problems: [], replay, horizon: 0,
          duration: opened.duration, version: s.version + 1, error: undefined,
        }));
      }
      await pump();
    },
    /** Asks for the run to be simulated at least up to `time`. */
    ensure(time: number): void {
      if (time <= wanted) return;
      wanted = time;
      void pump();
    },
    /** Sets the goals to measure on every run (undefined: none), and measures them on the current one. */
    setGoals(goals: readonly Goal[] | undefined): void {
      store.setState({ goals, goalCheck: undefined });
      if (goals && runId > 0 && store.getState().status !== 'invalid' && store.getState().status !== 'idle') void checkGoals().catch(() => undefined);
    },
    /** The trace hash of the current run so far (for share links and tests). */
    traceHash(): Promise<string | undefined> {
      return Promise.resolve(api.traceHash(runId));
    },
  });
}

export type RunStore = ReturnType<typeof createRunStore>;
