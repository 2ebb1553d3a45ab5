/**
 * A long run in the page (issue 19, defect 5): the run store keeps a window of trace rows, keeps
 * the playhead inside it while playing, and re-simulates the run from its start (same seed) when
 * the playhead is scrubbed back before it, reporting how far it has got; what is then shown is
 * what a page keeping every row shows.
 */
import { describe, expect, it } from 'vitest';
import { createRunStore } from '../../src/store/runStore.ts';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { RunSession } from '../../src/worker/runSession.ts';
import { simulate } from '../../src/engine/index.ts';
import { parseScenario } from '../../src/model/index.ts';
import { example } from '../support/scenarios.ts';

const WINDOW = 20_000;

const until = (store: ReturnType<typeof createRunStore>, predicate: () => boolean) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), 30_000);
    const check = () => {
      if (predicate()) {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    };
    const unsubscribe = store.subscribe(check);
    check();
  });

/** The same run, every row kept. */
function fullReplay(doc: unknown, seed: number): TraceReplay {
  const session = new RunSession(parseScenario(doc), seed);
  const replay = new TraceReplay(session.topology);
  while (!replay.done) replay.ingest(session.advance(Infinity, 50_000));
  return replay;
}

describe('a long run in the run store', () => {
  it('plays with the playhead in the window, re-simulates for a scrub back before it, and shows what a full replay shows', async () => {
    const doc = example('reference');
    const store = createRunStore(createSimulationApi(), { windowRows: WINDOW });
    await store.start(doc, 500);
    // Play: the playhead moves on and asks for a little more each step.
    let mostAhead = 0;
    for (let t = 0; store.getState().status === 'running'; t = Math.min(doc.duration, t + 500)) {
      store.seek(t);
      store.ensure(Math.min(doc.duration, t + 2000));
      await until(store, () => {
        const s = store.getState();
        return s.status === 'done' || s.horizon >= Math.min(doc.duration, t + 2000) || pumpStopped(s.replay!, t);
      });
      const replay = store.getState().replay!;
      mostAhead = Math.max(mostAhead, replay.trace.length - replay.trace.indexAt(t));
      expect(t).toBeGreaterThanOrEqual(replay.retainedFrom); // the playhead never left the window
    }
    const played = store.getState().replay!;
    expect(played.trace.first).toBeGreaterThan(10 * WINDOW); // most of the run was forgotten
    expect(mostAhead).toBeLessThan(WINDOW);
    expect(store.getState().ended).toBe(true);
    const { seed } = simulate(parseScenario(doc)).report;
    const full = fullReplay(doc, seed);

    // Scrub back to near the start: a new run catches up, with its progress on show.
    const target = 1234.5;
    const progress: number[] = [];
    const unsubscribe = store.subscribe((s) => {
      if (s.catchUp) progress.push(s.catchUp.progress);
    });
    store.seek(target);
    await until(store, () => store.getState().replay !== played && store.getState().catchUp === undefined);
    unsubscribe();
    const shown = store.getState().replay!;
    expect(shown.retainedFrom).toBeLessThanOrEqual(target);
    expect(shown.stateAt(target)).toEqual(full.stateAt(target));
    expect(store.getState().ended).toBe(true); // still known to have reached its end

    // Scrub back to the middle: far enough to re-simulate again, the progress going up on the way.
    const middle = doc.duration * 0.6;
    progress.length = 0;
    const watch = store.subscribe((s) => {
      if (s.catchUp) progress.push(s.catchUp.progress);
    });
    store.seek(doc.duration);
    store.ensure(doc.duration);
    await until(store, () => store.getState().status === 'done' || store.getState().replay!.retainedFrom > middle);
    store.seek(middle);
    await until(
      store,
      () =>
        store.getState().catchUp === undefined &&
        store.getState().replay!.retainedFrom <= middle &&
        store.getState().replay!.horizon >= middle,
    );
    watch();
    expect(progress.length).toBeGreaterThan(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(store.getState().replay!.stateAt(middle)).toEqual(full.stateAt(middle));
  }, 120_000);
});

/** The store stops asking for rows half a window past the playhead. */
function pumpStopped(replay: TraceReplay, playhead: number): boolean {
  return replay.trace.length - replay.trace.indexAt(playhead) >= WINDOW / 2;
}
