/**
 * Live goal checking: a lesson's goals measured in the worker path (run store → simulation API →
 * run session) on a run streamed in batches equal, at the end of the run, what the command-line
 * checker (checkLesson) measures on the same system: the live and command-line checkers agree.
 * Before the end, what is shown at a playhead is the measurement at the last checkpoint at or
 * before it, equal to the goals measured on a fresh simulation run to that checkpoint, whether
 * the goals were set before the run or once it had gone past (measured again on the way).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLesson, parseLesson } from '../../src/lessons/check.ts';
import { applySolution } from '../../src/lessons/lessonSchema.ts';
import { createRunStore, goalPointAt } from '../../src/store/runStore.ts';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { GOAL_CHECKPOINTS, goalCheckpoint } from '../../src/worker/runSession.ts';
import { evaluateGoals } from '../../src/lessons/goals.ts';
import { buildReport, Simulation } from '../../src/engine/index.ts';
import { validateScenario } from '../../src/model/index.ts';
import type { Lesson } from '../../src/lessons/lessonSchema.ts';

const lessonFile = (id: string) =>
  parseLesson(JSON.parse(readFileSync(new URL(`../../simulations/lessons/${id}.json`, import.meta.url), 'utf8')));
const lesson = lessonFile('timeouts');

/** The goals measured on a fresh simulation of `document` run to `time` (the command-line checker's code). */
function freshAt(goalsOf: Lesson, document: unknown, time: number) {
  const valid = validateScenario(document);
  if (!valid.ok) throw new Error('invalid');
  const sim = new Simulation(valid.scenario);
  sim.runUntil(time);
  return evaluateGoals(goalsOf.goals, sim, buildReport(sim));
}

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

const strip = (results: readonly { description: string; pass: boolean; measured: number; measuredText: string; why: string }[]) =>
  results.map(({ description, pass, measured, measuredText, why }) => ({ description, pass, measured, measuredText, why }));

describe('live goal checking', () => {
  it.each([
    ['start', () => lesson.scenario],
    ['solution', () => applySolution(lesson)],
  ])('the worker path and checkLesson agree at the end of the run (%s)', async (_name, documentOf) => {
    const document = documentOf();
    const store = createRunStore(createSimulationApi());
    store.setGoals(lesson.goals);
    const duration = 40_000;
    await store.start(document, 5000);
    store.ensure(duration);
    await until(store, () => store.getState().goalCheck?.done === true);
    const cli = checkLesson(lesson, document);
    if (!cli.ok) throw new Error('the lesson does not validate');
    expect(strip(store.getState().goalCheck!.results)).toEqual(strip(cli.goals));
    expect(store.getState().goalCheck!.results.every((g) => g.pass)).toBe(cli.passed);
  });

  it('measures the run so far while it streams in, and again from scratch for a new run', async () => {
    const store = createRunStore(createSimulationApi());
    store.setGoals(lesson.goals);
    await store.start(lesson.scenario, 2000);
    await until(store, () => store.getState().goalCheck !== undefined);
    const early = store.getState().goalCheck!;
    expect(early.done).toBe(false);
    expect(early.results).toHaveLength(2);
    await store.start(applySolution(lesson), 1000);
    expect(store.getState().goalCheck === undefined || store.getState().goalCheck!.until <= 2000 + 1).toBe(true);
  });
});

describe('goals at the playhead', () => {
  it.each([
    ['timeouts', [0, 150, 200, 12_345, 20_000, 39_999]],
    ['circuit-breakers', [3_210, 17_777]],
  ] as const)(
    'the measurement shown at a playhead equals the goals measured on a fresh run to its checkpoint (%s)',
    async (id, playheads) => {
      const subject = lessonFile(id);
      const document = subject.scenario;
      const store = createRunStore(createSimulationApi());
      store.setGoals(subject.goals);
      await store.start(document, 1000);
      const duration = store.getState().duration;
      store.ensure(duration);
      await until(store, () => store.getState().goalCheck?.done === true);
      const timeline = store.getState().goalTimeline;
      expect(timeline.map((p) => p.time)).toEqual(Array.from({ length: GOAL_CHECKPOINTS }, (_, i) => goalCheckpoint(i + 1, duration)));
      for (const playhead of playheads) {
        const shown = goalPointAt(timeline, playhead);
        const checkpoint = Math.floor((playhead * GOAL_CHECKPOINTS) / duration) * (duration / GOAL_CHECKPOINTS);
        if (checkpoint === 0) {
          expect(shown).toBeUndefined();
          continue;
        }
        expect(shown?.time).toBeCloseTo(checkpoint, 6);
        expect(strip(shown!.results)).toEqual(strip(freshAt(subject, document, shown!.time)));
      }
      // The end: the whole run, as the command-line checker has it.
      const cli = checkLesson(subject, document);
      if (!cli.ok) throw new Error('the lesson does not validate');
      expect(strip(goalPointAt(timeline, duration)!.results)).toEqual(strip(cli.goals));
    },
  );

  it('goals set on a run already under way are measured at the checkpoints it passed, then at each next one', async () => {
    const store = createRunStore(createSimulationApi());
    await store.start(lesson.scenario, 10_000);
    expect(store.getState().goalTimeline).toEqual([]);
    store.setGoals(lesson.goals);
    await until(store, () => store.getState().goalTimeline.length === 50);
    expect(store.getState().goalTimeline.at(-1)!.time).toBe(10_000);
    expect(store.getState().goalCheck).toMatchObject({ until: 10_000, done: false });
    store.ensure(40_000);
    await until(store, () => store.getState().goalCheck?.done === true);
    const timeline = store.getState().goalTimeline;
    expect(timeline).toHaveLength(GOAL_CHECKPOINTS);
    for (const point of [timeline[10], timeline[49], timeline[50], timeline[120]]) {
      expect(strip(point.results)).toEqual(strip(freshAt(lesson, lesson.scenario, point.time)));
    }
    // Goals cleared: nothing more is measured.
    store.setGoals(undefined);
    expect(store.getState().goalTimeline).toEqual([]);
  });

  it('agrees with checkLesson on a goal measured against the starting system (lesson 5: at most half the attempts without jitter)', async () => {
    const jitter = lessonFile('backoff-and-jitter');
    for (const document of [jitter.scenario, applySolution(jitter)]) {
      const store = createRunStore(createSimulationApi());
      store.setGoals(jitter.goals, jitter.scenario);
      await store.start(document, 5000);
      store.ensure(Infinity);
      await until(store, () => store.getState().goalCheck?.done === true);
      const cli = checkLesson(jitter, document);
      if (!cli.ok) throw new Error('the lesson does not validate');
      expect(strip(store.getState().goalCheck!.results)).toEqual(strip(cli.goals));
      expect(cli.goals[0].why).toMatch(/half of the starting system's \d+/);
    }
  });
});

describe('goals after an edit at the playhead', () => {
  it('keep the measurements before the edit and measure the rest on the edited run', async () => {
    const store = createRunStore(createSimulationApi());
    store.setGoals(lesson.goals);
    await store.start(lesson.scenario, 40_000);
    await until(store, () => store.getState().goalCheck?.done === true);
    const before = store.getState().goalTimeline;
    // A 200 ms timeout from 20 s on, set while watching at 25 s: the run before 20 s is the same run.
    const edited = { ...lesson.scenario, changes: [{ kind: 'link', link: 'gateway->reviews', at: '20s', set: { timeout: '200ms' } }] };
    await store.start(edited, 26_000, 25_000);
    store.ensure(40_000);
    await until(
      store,
      () => store.getState().goalCheck?.done === true && store.getState().replay !== undefined && store.getState().goalTimeline !== before,
    );
    const after = store.getState().goalTimeline;
    expect(after).toHaveLength(GOAL_CHECKPOINTS);
    const firstChanged = after.findIndex((p) => p.time >= 20_000);
    expect(after.slice(0, firstChanged)).toEqual(before.slice(0, firstChanged));
    expect(after[firstChanged - 1]).toBe(before[firstChanged - 1]); // taken over, not measured again
    for (const point of [after[10], after[firstChanged - 1], after[firstChanged], after[150], after[GOAL_CHECKPOINTS - 1]]) {
      expect(strip(point.results)).toEqual(strip(freshAt(lesson, edited, point.time)));
    }
  });
});
