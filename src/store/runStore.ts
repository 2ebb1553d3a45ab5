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
 *
 * A long run (issue 19, defect 5): what the page keeps. The worker forgets rows once sent
 * (worker/runSession.ts); the replay holds a window of the latest `windowRows` rows (about 30
 * bytes a row here, see engine/replay/traceReplay.ts) and answers exactly for playheads in it.
 * The store keeps the playhead inside that window: it asks the worker for no more than half a
 * window of rows past the playhead (the rest of the window is behind it, for scrubbing back a
 * little). A scrub to before the window re-simulates the run from its start (same document, same
 * seed: the same run) up to the playhead into a new replay, which takes over the screen once there;
 * meanwhile `catchUp` says how far it is (the page shows "Re-simulating to 12:30… 40 %"), and the
 * old replay shows the counts of a little earlier (its landmarks). The run's summary figures
 * (goals at checkpoints, the worker's report) are whole-run and small, so they are kept. A run
 * that fits in the window (every lesson and example) never re-simulates.
 */
import { createStore } from 'zustand/vanilla';
import type { Problem } from '../model/index.ts';
import type { RunEstimate } from '../engine/capacity.ts';
import type { TraceReplay } from '../engine/replay/traceReplay.ts';
import type { EstimateNote, ExportResult, GoalPoint, SimulationApi } from '../worker/simulationApi.ts';
import type { ExportFormat } from '../engine/export/index.ts';
import type { Goal } from '../lessons/lessonSchema.ts';
import type { GoalResult } from '../lessons/goals.ts';
import { mergePoints } from './goalTimeline.ts';

export { goalPointAt, previousPointFor, type PreviousPoint } from './goalTimeline.ts';

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
  /**
   * The same goals measured on the run before this one (the run a change replaced), at the
   * checkpoints it had reached and at its end: the panel sets each figure before the change beside
   * the one after. Empty: none (the first run of these goals; a re-simulation of the same run keeps it).
   */
  readonly previousTimeline: readonly GoalPoint[];
  /** A new run simulated from the start up to `target` (the playhead) before it is shown, and how far it is (0–1); undefined: none. */
  readonly catchUp: { readonly target: number; readonly progress: number } | undefined;
  /** The run (this document and seed) has been simulated to its end, maybe before a re-simulation that is not there yet. */
  readonly ended: boolean;
}

/**
 * Trace rows the page's replay holds by default: about 130 MB with its checkpoints and messages.
 * The largest example (reference.json, 60 s) writes 640k rows and the million-event browser test
 * 2.3 M: both fit, so they behave as if every row were kept.
 */
export const PAGE_WINDOW_ROWS = 4_000_000;

export interface RunStoreOptions {
  /** Trace rows the replay holds at most (default PAGE_WINDOW_ROWS). */
  readonly windowRows?: number;
}

/**
 * The replay's code (engine/replay), fetched apart from the first page: nothing is replayed before
 * the first Play. A store starts fetching it when created, so it is there by the time the worker
 * answers a run's opening; only if it is not does the opening wait for it (see `open`). A failed
 * fetch is tried again by the next run.
 */
let Replay: typeof TraceReplay | undefined;
let replayCode: Promise<typeof TraceReplay> | undefined;
const loadReplayCode = () =>
  (replayCode ??= import('../engine/replay/traceReplay.ts').then(
    (m) => (Replay = m.TraceReplay),
    (error: unknown) => {
      replayCode = undefined;
      throw error;
    },
  ));

/**
 * Fetches the replay's code now (tests: to have it before a worker whose answers come when the
 * test says answers, as the page has it long before a real worker does).
 */
export function preloadReplay(): Promise<void> {
  return loadReplayCode().then(() => undefined);
}

/** Simulated time to keep ready beyond the playhead: about two wall-clock seconds of playback. */
export function lookahead(speed: number): number {
  return Math.max(200, speed * 2000);
}

export function createRunStore(api: SimulationApi, options: RunStoreOptions = {}) {
  const windowRows = options.windowRows ?? PAGE_WINDOW_ROWS;
  void loadReplayCode().catch(() => undefined);
  const store = createStore<RunState>()(() => ({
    status: 'idle',
    problems: [],
    refusal: undefined,
    estimate: undefined,
    estimateText: undefined,
    replay: undefined,
    horizon: 0,
    duration: 0,
    version: 0,
    error: undefined,
    goals: undefined,
    goalTimeline: [],
    goalCheck: undefined,
    previousTimeline: [],
    catchUp: undefined,
    ended: false,
  }));
  /** Simulate to the end whatever the window ("Run to the end"); a re-simulation then shows the playhead again. */
  let toEnd = false;
  /** The playhead a re-simulation is being opened for (its worker run not started yet). */
  let reopening: number | undefined;
  // A small window takes smaller batches (a batch is about 2 rows an event; the worker's default is 16k events).
  const batchEvents = windowRows < 128_000 ? Math.max(500, Math.floor(windowRows / 8)) : undefined;
  /** The document and seed of the run on show (a re-simulation runs them again). */
  let shownRun: { readonly document: unknown; readonly seed: number } | undefined;
  /** The playhead as last seen (`seek`): the worker is asked for no more than half a window past it. */
  let playhead = 0;
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
  /** The run the goals were set on while it was under way (0: none): another system, maybe (a lesson started over the Sandbox's). */
  let goalsSetOnRun = 0;
  /** The new run's measurements while it catches up (the old run's stay on show with it), and those of the run before it. */
  let pendingTimeline: readonly GoalPoint[] | undefined;
  let pendingPrevious: readonly GoalPoint[] | undefined;
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
        if (gen !== generation || !replay || status !== 'running' || !wants(replay)) break;
        // The run and its replay, read together: `open` switches both in one go (see there).
        const id = runId;
        const batch = await api.advance(id, wanted, batchEvents);
        // A newer run replaced this one (its opener pumps it once its replay is in).
        if (gen !== generation || id !== runId || !batch) return;
        replay.ingest(batch);
        if (batch.goalPoints?.goalsId === goalsId) addPoints(batch.goalPoints.points);
        const next = batch.done ? 'done' : 'running';
        if (pending && (batch.horizon >= showFrom || batch.done)) takeOver(next);
        else if (pending)
          store.setState({ catchUp: { target: showFrom, progress: Math.min(1, batch.horizon / Math.max(showFrom, 1e-9)) } });
        else {
          store.setState((s) => ({ horizon: batch.horizon, version: s.version + 1, status: next, ended: s.ended || batch.done }));
        }
      }
    } catch (error) {
      store.setState({ status: 'failed', error: (error as Error).message });
    } finally {
      if (pumping === gen) pumping = -1;
    }
    // A request may have arrived while the last batch was on its way.
    const { replay, status } = store.getState();
    if (gen === generation && replay && status === 'running' && wants(pending ?? replay)) void pump();
  };

  /**
   * Whether `replay` needs another batch: it has not reached `wanted`, and holds less than half a
   * window past the playhead (the one a new run catches up with), or it would forget the playhead.
   */
  const wants = (replay: TraceReplay): boolean =>
    replay.horizon < wanted && (toEnd || replay.trace.length - replay.trace.indexAt(pending ? showFrom : playhead) < windowRows / 2);

  /** The run catching up has reached the playhead: it takes over the screen, with its goals' measurements. */
  const takeOver = (status: RunStatus) => {
    const replay = pending!;
    pending = undefined;
    const goalTimeline = pendingTimeline ?? [];
    const previousTimeline = pendingPrevious;
    pendingTimeline = undefined;
    pendingPrevious = undefined;
    store.setState((s) => ({
      replay,
      horizon: replay.horizon,
      version: s.version + 1,
      status,
      goalTimeline,
      goalCheck: checkOf(goalTimeline),
      previousTimeline: previousTimeline ?? s.previousTimeline,
      catchUp: undefined,
      ended: s.ended || replay.done,
    }));
  };

  /** Starts a run of `document` (with `seed`, if given) and simulates up to `until`; see `start`. */
  const open = async (document: unknown, until: number, keepUntil: number, seed?: number): Promise<void> => {
    const gen = ++generation;
    // "Run to the end" pressed from now on is meant for this run (just after an edit, say).
    toEnd = false;
    const opened = await api.open(document, seed);
    if (gen !== generation) return;
    // No wait when the replay's code is there (as it is but on a very slow network): the order of
    // what follows matters (see below).
    const NewReplay = Replay ?? (await loadReplayCode());
    if (gen !== generation) return;
    pending = undefined;
    pendingTimeline = undefined;
    pendingPrevious = undefined;
    // A re-simulation (the same run) keeps what is known of its end.
    const same = shownRun !== undefined && seed !== undefined && shownRun.document === document && shownRun.seed === seed;
    if (!same) store.setState({ ended: false });
    if (!opened.ok) {
      shownRun = undefined;
      store.setState((s) => ({
        status: 'invalid',
        problems: opened.problems,
        refusal: opened.refusal,
        estimate: opened.estimate,
        estimateText: undefined,
        version: s.version + 1,
        goalTimeline: [],
        goalCheck: undefined,
        catchUp: undefined,
      }));
      return;
    }
    shownRun = { document, seed: opened.seed };
    // The goals are set on the new run before its first batch, so that every checkpoint of it is
    // measured on the way (those before an edit made at the playhead come back at once: the run's
    // past is the previous one's). Goals set again meanwhile (the lesson panel does on mounting)
    // went to the run on show: they are set on this one too.
    let id = goalsId;
    let inherited = store.getState().goals ? await api.setGoals(opened.runId, id, store.getState().goals, goalStart) : undefined;
    while (gen === generation && id !== goalsId) {
      id = goalsId;
      inherited = await api.setGoals(opened.runId, id, store.getState().goals, goalStart);
    }
    if (gen !== generation) return;
    // The new run's id and its replay (below) are switched in one go, with no await between. While
    // the goals were being set, the run on show kept its id, so a frame's pump (seek, ensure)
    // asked for its batches, which the worker no longer has (undefined): it stops. Switched before
    // that await (issue 20), such a pump fed the new run's first batch (call 0) to the old replay:
    // "batch starts at call 0, expected 344", and the run failed.
    runId = opened.runId;
    // The run it replaces, measured with the same goals to its end (a re-simulation: the same run,
    // nothing to compare). Not a run the goals were set on under way: it may not be the lesson's system.
    const before = opened.previousGoals;
    const previous = same ? undefined : before && before.goalsId === goalsId && before.runId !== goalsSetOnRun ? before.points : [];
    wanted = toEnd ? opened.duration : Math.max(until, keepUntil);
    const replay = new NewReplay(opened.topology, { windowRows });
    const shown = store.getState().replay;
    if (shown && keepUntil > 0) {
      pending = replay;
      pendingTimeline = [];
      pendingPrevious = previous;
      showFrom = keepUntil;
      store.setState((s) => ({
        status: 'running',
        problems: [],
        refusal: undefined,
        estimate: opened.estimate,
        estimateText: opened.estimateText,
        duration: opened.duration,
        version: s.version + 1,
        error: undefined,
        catchUp: { target: keepUntil, progress: 0 },
      }));
    } else {
      store.setState((s) => ({
        status: 'running',
        problems: [],
        refusal: undefined,
        estimate: opened.estimate,
        estimateText: opened.estimateText,
        replay,
        horizon: 0,
        duration: opened.duration,
        version: s.version + 1,
        error: undefined,
        goalTimeline: [],
        goalCheck: undefined,
        previousTimeline: previous ?? s.previousTimeline,
        catchUp: undefined,
      }));
    }
    if (inherited && id === goalsId) addPoints(inherited);
    await pump();
  };

  return Object.assign(store, {
    /**
     * Starts a run of `document` and simulates up to `until`. If a run is on show, it stays until
     * the new one has reached `keepUntil` (the playhead). Resolves when the run has started.
     */
    async start(document: unknown, until: number, keepUntil = 0): Promise<void> {
      await open(document, until, keepUntil);
    },
    /**
     * The playhead is at `time` (each frame): a playhead before what the replay holds re-simulates
     * the run from its start up to there (see the header); one past the rows asked for asks for more.
     */
    seek(time: number): void {
      playhead = time;
      const { replay, status } = store.getState();
      if (pending && store.getState().catchUp) {
        // Already catching up: with a playhead the new run still holds (or will reach), it goes on.
        if (time >= pending.retainedFrom) {
          if (time === showFrom) return;
          showFrom = time;
          wanted = Math.max(wanted, time);
          if (pending.horizon >= time) takeOver(pending.done ? 'done' : 'running');
          else {
            store.setState({ catchUp: { target: time, progress: Math.min(1, pending.horizon / Math.max(time, 1e-9)) } });
            void pump();
          }
          return;
        }
      } else if (!replay || time >= replay.retainedFrom || (toEnd && status === 'running')) {
        // (Run to the end first: the playhead is shown again once the run is over.)
        if (replay && status === 'running' && wants(replay)) void pump(); // the window lets it go on
        return;
      }
      if (!shownRun || (status !== 'running' && status !== 'done') || reopening === time) return;
      reopening = time;
      void open(shownRun.document, time, time, shownRun.seed).finally(() => {
        if (reopening === time) reopening = undefined;
      });
    },
    /** Simulates the run to its end (past the window, if it must: scrubbing back then re-simulates). */
    runToEnd(): void {
      toEnd = true;
      const { duration } = store.getState();
      if (duration <= wanted) void pump();
      else {
        wanted = duration;
        void pump();
      }
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
      if (pendingPrevious) pendingPrevious = [];
      store.setState({ goals, goalTimeline: [], goalCheck: undefined, previousTimeline: [] });
      const { status } = store.getState();
      if (runId === 0 || status === 'invalid' || status === 'idle') return;
      goalsSetOnRun = runId;
      const gen = generation;
      void Promise.resolve(api.setGoals(runId, id, goals, start))
        .then((points) => {
          if (points && id === goalsId && gen === generation) addPoints(points);
        })
        .catch(() => undefined);
    },
    /** The run of `document` estimated by the worker, before any run (undefined: not a valid scenario). */
    estimate(document: unknown): Promise<EstimateNote | undefined> {
      return Promise.resolve(api.estimate(document));
    },
    /** The trace hash of the current run so far (for share links and tests). */
    traceHash(): Promise<string | undefined> {
      return Promise.resolve(api.traceHash(runId));
    },
    /** The run on show (its document and seed; `document` before any run) exported by the worker as a file's text. */
    exportRun(document: unknown, format: ExportFormat): Promise<ExportResult> {
      return Promise.resolve(api.exportRun(shownRun?.document ?? document, shownRun?.seed, format));
    },
  });
}

export type RunStore = ReturnType<typeof createRunStore>;
