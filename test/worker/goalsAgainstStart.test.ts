/**
 * The page reaches the simulation through the Web Worker (workerApi) or, without workers,
 * in-thread (connectSimulation): both must hand the lesson's starting system on with its goals,
 * or a goal measured against it (lesson 5: at most half the attempts without jitter) is never
 * measured and cannot pass in the browser.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/lessons/check.ts';
import { applySolution } from '../../src/lessons/lessonSchema.ts';
import { connectSimulation } from '../../src/worker/connect.ts';
import { createSimulationApi, workerApi, type SimulationApi } from '../../src/worker/simulationApi.ts';

const lesson = parseLesson(JSON.parse(readFileSync(new URL('../../simulations/lessons/backoff-and-jitter.json', import.meta.url), 'utf8')));

/** The first goal as measured at the end of a run of the lesson's solution through `api`. */
async function attemptsGoalAtEnd(api: SimulationApi) {
  const opened = await api.open(applySolution(lesson));
  if (!opened.ok) throw new Error('invalid');
  const points = [...((await api.setGoals(opened.runId, 1, lesson.goals, lesson.scenario)) ?? [])];
  for (;;) {
    const batch = await api.advance(opened.runId, Infinity);
    points.push(...(batch?.goalPoints?.points ?? []));
    if (!batch || batch.done) break;
  }
  return points[points.length - 1].results[0];
}

describe('goals against the starting system, as the page reaches the simulation', () => {
  it.each([
    ["the Web Worker's API", () => workerApi(createSimulationApi())],
    ['the in-thread API', () => connectSimulation()],
  ])('%s passes the start on', async (_name, apiOf) => {
    const goal = await attemptsGoalAtEnd(apiOf());
    expect(goal.why).toMatch(/half of the starting system's \d+/);
    expect(goal.pass).toBe(true);
  });
});
