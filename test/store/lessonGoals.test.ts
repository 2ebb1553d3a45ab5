/**
 * Live goal checking: a lesson's goals measured in the worker path (run store → simulation API →
 * run session) on a run streamed in batches equal, at the end of the run, what the command-line
 * checker (checkLesson) measures on the same system: the live and command-line checkers agree.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLesson, parseLesson } from '../../src/lessons/check.ts';
import { applySolution } from '../../src/lessons/lessonSchema.ts';
import { createRunStore } from '../../src/store/runStore.ts';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';

const lesson = parseLesson(JSON.parse(readFileSync(new URL('../../simulations/lessons/timeouts.json', import.meta.url), 'utf8')));

const until = (store: ReturnType<typeof createRunStore>, predicate: () => boolean) => new Promise<void>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('timed out')), 30_000);
  const check = () => { if (predicate()) { clearTimeout(timer); unsubscribe(); resolve(); } };
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
