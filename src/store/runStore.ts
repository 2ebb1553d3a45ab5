/**
 * The run the playground shows: the replay of the current document's simulation, fed in batches
 * from the simulation worker just ahead of the playhead. A document change starts a new run of the
 * new document; by determinism its past (before the change's time) is the old run's past, so the
 * playhead stays where it is and playback continues. The old run stays on show until the new one
 * has caught up with the playhead, so nothing on screen drops to zero while it does.
 *
 * With a lesson's goals set, each batch brings the goals' measurements at the checkpoints the
 * worker passed (see worker/runSession.ts): the store keeps them in order, as a timeline the
 * lesson panel reads at the playhead (`goalPointAt`), since the worker runs ahead of it.
 */
import { createStore } from 'zustand/vanilla';
import type { Problem } from '../model/index.ts';
import type { RunEstimate } from '../engine/capacity.ts';
import { TraceReplay } from '../engine/replay/traceReplay.ts';
import type { EstimateNote, GoalPoint, SimulationApi } from '../worker/simulationApi.ts';
import type { Goal } from '../lessons/lessonSchema.ts';
import type { GoalResult } from '../lessons/goals.ts';

/** The goals' latest measurement on a run: at which simulated time, and whether that is its end. */
export interface GoalCheck {
  readonly results: readonly GoalResult[];
  readonly until: number;
  readonly done: boolean;
}

export type RunStatus = 'idle' | 'invalid' | 'running' | 'done' | 'failed';

export interface RunState {
  readonly status: RunStatus;
  /** Why the document cannot run (status 'invalid'). */
  readonly problems: readonly Problem[];
  /** Why a valid document was not run (status 'invalid'): its run is beyond the page's budget (worker/runBudget.ts). */
  readonly refusal: string | undefined;
  /** The work of the last run opened (or refused), estimated before it started. */
  readonly estimate: RunEstimate | undefined;
  /** The same in a few words (`≈ 1.2 M events, 40 MB`), for the run on show. */
  readonly estimateText: string | undefined;
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
  /** The goals measured on the run on show at each checkpoint so far, in time order (see worker/runSession.ts). */
  readonly goalTimeline: readonly GoalPoint[];
  /** The latest of those (the worker's simulation, ahead of the playhead), or undefined: none yet. */
  readonly goalCheck: GoalCheck | undefined;
}

/** The measurement shown at simulated time `time`: the last checkpoint at or before it (undefined: none yet). */
export function goalPointAt(timeline: readonly GoalPoint[], time: number): GoalPoint | undefined {
  let lo = 0, hi = timeline.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeline[mid].time <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? timeline[lo - 1] : undefined;
}

/** `points` added to `timeline` (usually after its end; a checkpoint measured twice keeps the later measurement). */
function mergePoints(timeline: readonly GoalPoint[], points: readonly GoalPoint[]): readonly GoalPoint[] {
  if (points.length === 0) return timeline;
  if (timeline.length === 0 || points[0].time > timeline[timeline.length - 1].time) return [...timeline, ...points];
  const byTime = new Map<number, GoalPoint>();
  for (const p of [...timeline, ...points]) byTime.set(p.time, p);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/** Simulated time to keep ready beyond the playhead: about two wall-clock seconds of playback. */
export function lookahead(speed: number): number {
  return Math.max(200, speed * 2000);
}

export function createRunStore(api: SimulationApi) {
  const store = createStore<RunState>()(() => ({
    status: 'idle', problems: [], refusal: undefined, estimate: undefined, estimateText: undefined, replay: undefined, horizon: 0, duration: 0, version: 0, error: undefined,
    goals: undefined, goalTimeline: [], goalCheck: undefined,
  }));
  let runId = 0;
  let wanted = 0;
  let generation = 0;
  /** The new run's replay while it catches up with `showFrom` (the old run is shown meanwhile). */
  let pending: TraceReplay | undefined;
  let showFrom = 0;
  /** The generation whose pump loop is running (-1: none); a new run starts its own. */
  let pumping = -1;

  /** The id of the goals last set (the worker tags its measurements with it, so older ones are told apart). */
  let goalsId = 0;
  /** The starting system of the lesson whose goals are set (for goals measured against it). */
  let goalStart: unknown;
  /** The new run's measurements while it catches up (the old run's stay on show with it). */
  let pendingTimeline: readonly GoalPoint[] | undefined;
  const checkOf = (timeline: readonly GoalPoint[]): GoalCheck | undefined => {
    const last = timeline[timeline.length - 1];
    return last && { results: last.results, until: last.time, done: last.time >= store.getState().duration };
  };
  /** Adds measurements of the current goals to the run they were made on (the one catching up, or the one on show). */
  const addPoints = (points: readonly GoalPoint[]) => {
    if (points.length === 0) return;
    if (pendingTimeline) {
      pendingTimeline = mergePoints(pendingTimeline, points);
      return;
    }
    const goalTimeline = mergePoints(store.getState().goalTimeline, points);
    store.setState({ goalTimeline, goalCheck: checkOf(goalTimeline) });
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
        if (batch.goalPoints?.goalsId === goalsId) addPoints(batch.goalPoints.points);
        const next = batch.done ? 'done' : 'running';
        if (pending && (batch.horizon >= showFrom || batch.done)) {
          // Caught up: the new run takes over the screen, with its goals' measurements.
          pending = undefined;
          const goalTimeline = pendingTimeline ?? [];
          pendingTimeline = undefined;
          store.setState((s) => ({ replay, horizon: batch.horizon, version: s.version + 1, status: next, goalTimeline, goalCheck: checkOf(goalTimeline) }));
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
      pendingTimeline = undefined;
      if (!opened.ok) {
        store.setState((s) => ({ status: 'invalid', problems: opened.problems, refusal: opened.refusal, estimate: opened.estimate, estimateText: undefined, version: s.version + 1, goalTimeline: [], goalCheck: undefined }));
        return;
      }
      runId = opened.runId;
      const { goals } = store.getState();
      // Before the first batch, so that every checkpoint of the run is measured on the way (those
      // before an edit made at the playhead come back at once: the run's past is the previous one's).
      const id = goalsId;
      const inherited = goals ? await api.setGoals(runId, id, goals, goalStart) : undefined;
      if (gen !== generation) return;
      wanted = Math.max(until, keepUntil);
      const replay = new TraceReplay(opened.topology);
      const shown = store.getState().replay;
      if (shown && keepUntil > 0) {
        pending = replay;
        pendingTimeline = [];
        showFrom = keepUntil;
        store.setState((s) => ({ status: 'running', problems: [], refusal: undefined, estimate: opened.estimate, estimateText: opened.estimateText, duration: opened.duration, version: s.version + 1, error: undefined }));
      } else {
        store.setState((s) => ({
          status: 'running', problems: [], refusal: undefined, estimate: opened.estimate, estimateText: opened.estimateText, replay, horizon: 0,
          duration: opened.duration, version: s.version + 1, error: undefined, goalTimeline: [], goalCheck: undefined,
        }));
      }
      if (inherited && id === goalsId) addPoints(inherited);
      await pump();
    },
    /** Asks for the run to be simulated at least up to `time`. */
    ensure(time: number): void {
      if (time <= wanted) return;
      wanted = time;
      void pump();
    },
    /**
     * Sets the goals to measure on every run (undefined: none), with the lesson's starting system
     * for goals measured against it. On the current run, the worker measures them at the
     * checkpoints already passed (on a fresh run up to there) and goes on at each next one.
     */
    setGoals(goals: readonly Goal[] | undefined, start?: unknown): void {
      const id = ++goalsId;
      goalStart = start;
      if (pendingTimeline) pendingTimeline = [];
      store.setState({ goals, goalTimeline: [], goalCheck: undefined });
      const { status } = store.getState();
      if (runId === 0 || status === 'invalid' || status === 'idle') return;
      const gen = generation;
      void Promise.resolve(api.setGoals(runId, id, goals, start)).then((points) => {
        if (points && id === goalsId && gen === generation) addPoints(points);
      }).catch(() => undefined);
    },
    /** The run of `document` estimated by the worker, before any run (undefined: not a valid scenario). */
    estimate(document: unknown): Promise<EstimateNote | undefined> {
      return Promise.resolve(api.estimate(document));
    },
    /** The trace hash of the current run so far (for share links and tests). */
    traceHash(): Promise<string | undefined> {
      return Promise.resolve(api.traceHash(runId));
    },
  });
}

export type RunStore = ReturnType<typeof createRunStore>;
