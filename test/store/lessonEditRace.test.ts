/**
 * Edits while a lesson's run plays (issue 20: "batch starts at call 0, expected 344"). With goals
 * set, opening a new run waits for the worker to set them on it; the playback loop (seek, ensure
 * each frame) must not feed that new run's batches to the old run's replay meanwhile. Checked on a
 * worker whose answers arrive when the test says (test/support/fifoWorker.ts): once scripted,
 * at the moment that failed, then as a property: edits (from the start or at the playhead) at
 * random playheads, frames, scrubs and goals set again, interleaved with the answers in any
 * timing; the run then played to its end is the fresh run of the last document (same trace hash),
 * and its goals are what the command-line checker measures on it.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/index.ts';
import { checkLesson, parseLesson } from '../../src/lessons/check.ts';
import { applyCommand, type DocumentInput } from '../../src/store/document/commands.ts';
import { editCommand } from '../../src/store/document/editAtPlayhead.ts';
import { createRunStore, lookahead } from '../../src/store/runStore.ts';
import { parseScenario } from '../../src/model/index.ts';
import { fifoWorker } from '../support/fifoWorker.ts';
import { GOAL_CHECKPOINTS } from '../../src/worker/runSession.ts';

const lesson = parseLesson(JSON.parse(readFileSync(new URL('../../simulations/lessons/first-request.json', import.meta.url), 'utf8')));
const start = lesson.scenario as unknown as DocumentInput;
const DURATION = 30_000;

const strip = (results: readonly { description: string; pass: boolean; measured: number; why: string }[]) =>
  results.map(({ description, pass, measured, why }) => ({ description, pass, measured, why }));

/** Plays `store` to the end of its run and checks it is the fresh run of `document`, goals included. */
async function expectFreshRun(store: ReturnType<typeof createRunStore>, worker: ReturnType<typeof fifoWorker>, document: DocumentInput) {
  // Frames at the end of the run, as the page's loop makes them, until it is there.
  for (let frames = 0; frames < 20 && store.getState().status === 'running'; frames++) {
    store.seek(DURATION);
    store.ensure(DURATION);
    await worker.drain();
  }
  const state = store.getState();
  expect(state.error).toBeUndefined();
  expect(state.status).toBe('done');
  expect(state.replay!.trace.hash()).toBe(simulate(parseScenario(document)).report.traceHash);
  const cli = checkLesson(lesson, document);
  if (!cli.ok) throw new Error('the document does not validate');
  expect(state.goalCheck?.done).toBe(true);
  expect(strip(state.goalCheck!.results)).toEqual(strip(cli.goals));
}

describe("an edit while a lesson's run plays", () => {
  it('a frame while the new run waits for its goals does not feed the old replay (the crash of issue 20)', async () => {
    const worker = fifoWorker();
    const store = createRunStore(worker.api);
    store.setGoals(lesson.goals, lesson.scenario);
    void store.start(start, 5000 + lookahead(1));
    await worker.drain();
    expect(store.getState().replay!.trace.length).toBeGreaterThan(0);
    // Workers 4 at 5 s, as step 3 asks: the run restarts, keeping the old one on show.
    const edited = applyCommand(start, editCommand(start, { node: 'api' }, 'workers', 4, 5000));
    void store.start(edited, 5000 + lookahead(1), 5000);
    await worker.deliver(1); // the new run is open; its goals are being set
    expect(worker.waiting()).toBe(1);
    // The next frame asks for more of the run.
    store.seek(5016);
    store.ensure(5016 + lookahead(1));
    await worker.drain();
    expect(store.getState().error).toBeUndefined();
    expect(store.getState().status).not.toBe('failed');
    await expectFreshRun(store, worker, edited);
  });

  it('goals set again while a new run waits for them are the ones it measures', async () => {
    const worker = fifoWorker();
    const store = createRunStore(worker.api);
    store.setGoals(lesson.goals, lesson.scenario);
    void store.start(start, 2000);
    await worker.drain();
    const edited = applyCommand(start, { type: 'updateNode', id: 'api', patch: { workers: 3 } });
    void store.start(edited, 2000, 1000);
    await worker.deliver(1);
    // The lesson panel mounts again (the same lesson): its goals are set anew.
    store.setGoals(lesson.goals, lesson.scenario);
    await expectFreshRun(store, worker, edited);
  });

  it('Run to the end pressed just after an edit (the new run still opening) runs the new run to its end', async () => {
    const worker = fifoWorker();
    const store = createRunStore(worker.api);
    store.setGoals(lesson.goals, lesson.scenario);
    void store.start(start, 12_000);
    await worker.drain();
    const edited = applyCommand(start, { type: 'updateNode', id: 'api', patch: { workers: 2 } });
    void store.start(edited, 11_000 + lookahead(1), 11_000);
    store.runToEnd();
    await worker.drain(); // no frame: nothing else asks
    expect(store.getState().status).toBe('done');
    await expectFreshRun(store, worker, edited);
  });

  it('the run an edit replaced, unfinished, is measured to its end for before → after', async () => {
    const worker = fifoWorker();
    const store = createRunStore(worker.api);
    store.setGoals(lesson.goals, lesson.scenario);
    void store.start(start, 11_000 + lookahead(1));
    await worker.drain();
    expect(store.getState().previousTimeline).toEqual([]);
    const edited = applyCommand(start, { type: 'updateNode', id: 'api', patch: { workers: 2 } });
    void store.start(edited, 11_000 + lookahead(1), 11_000);
    await expectFreshRun(store, worker, edited);
    // Measured as far as its run went (the worker ran a little ahead of 11 s), and at its end.
    const previous = store.getState().previousTimeline;
    expect(previous.length).toBeGreaterThan(11_000 / (DURATION / GOAL_CHECKPOINTS));
    expect(previous.length).toBeLessThan(GOAL_CHECKPOINTS);
    expect(previous.at(-1)!.time).toBe(DURATION);
    const cli = checkLesson(lesson, start);
    if (!cli.ok) throw new Error('the lesson does not validate');
    expect(strip(previous.at(-1)!.results)).toEqual(strip(cli.goals));
    // Goals set anew (another lesson): nothing to compare with.
    store.setGoals(lesson.goals, lesson.scenario);
    expect(store.getState().previousTimeline).toEqual([]);
  });

  type Action =
    | { readonly kind: 'frame'; readonly dt: number }
    | { readonly kind: 'deliver'; readonly n: number }
    | { readonly kind: 'edit'; readonly workers: number; readonly atPlayhead: boolean }
    | { readonly kind: 'scrub'; readonly to: number }
    | { readonly kind: 'goals' };
  const action: fc.Arbitrary<Action> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('frame' as const), dt: fc.integer({ min: 16, max: 3000 }) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), n: fc.integer({ min: 0, max: 4 }) }) },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('edit' as const), workers: fc.integer({ min: 1, max: 5 }), atPlayhead: fc.boolean() }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('scrub' as const), to: fc.integer({ min: 0, max: DURATION }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('goals' as const) }) },
  );

  it('any interleaving of edits, frames and answers ends on the fresh run of the last document, its goals measured', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 14 }), async (actions) => {
        const worker = fifoWorker();
        const store = createRunStore(worker.api);
        store.setGoals(lesson.goals, lesson.scenario);
        let document = start;
        let playhead = 0;
        const frame = () => {
          store.seek(playhead);
          store.ensure(Math.min(DURATION, playhead + lookahead(1)));
        };
        void store.start(document, lookahead(1));
        for (const a of actions) {
          if (a.kind === 'frame') {
            playhead = Math.min(DURATION, playhead + a.dt);
            frame();
          } else if (a.kind === 'deliver') await worker.deliver(a.n);
          else if (a.kind === 'scrub') {
            playhead = a.to;
            frame();
          } else if (a.kind === 'goals') store.setGoals(lesson.goals, lesson.scenario);
          else {
            // From the start (a lesson's rule), or at the playhead (a live change, as in Sandbox).
            document = applyCommand(document, editCommand(document, { node: 'api' }, 'workers', a.workers, a.atPlayhead ? playhead : 0));
            void store.start(document, playhead + lookahead(1), playhead);
          }
          expect(store.getState().error).toBeUndefined();
        }
        await worker.drain();
        await expectFreshRun(store, worker, document);
      }),
      { numRuns: 40, seed: 20 },
    );
  }, 120_000);
});
