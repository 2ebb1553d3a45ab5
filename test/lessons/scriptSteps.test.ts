/**
 * Lesson steps with a script task (issue 22): their files exist, and on the lesson's seed and the
 * next five the starter script fails the step's goal while the reference solution script passes
 * it, both run in Node by the same sandbox the CLI uses (`npm run sim -- script`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/lessons/check.ts';
import { evaluateScriptGoal } from '../../src/lessons/scriptGoal.ts';
import { runScript } from '../../src/script/runInNode.ts';

const dir = new URL('../../simulations/lessons/', import.meta.url);
const scripts = new URL('scripts/', dir);
const SEEDS_AFTER = [0, 1, 2, 3, 4, 5];
const tasks = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => parseLesson(JSON.parse(readFileSync(new URL(f, dir), 'utf8'))))
  .flatMap((lesson) =>
    lesson.steps.flatMap((step, i) => (step.script ? [{ name: `${lesson.id} step ${i + 1}`, lesson, step, task: step.script }] : [])),
  );
const source = (file: string) => readFileSync(new URL(file, scripts), 'utf8');

describe('lesson script steps', () => {
  it('at least two lessons have one, and every file they name exists', () => {
    expect(new Set(tasks.map((t) => t.lesson.id)).size).toBeGreaterThanOrEqual(2);
    for (const { task } of tasks) {
      expect(existsSync(new URL(task.starter, scripts)), task.starter).toBe(true);
      expect(existsSync(new URL(task.solution, scripts)), task.solution).toBe(true);
    }
  });

  it('each starter leaves one clearly marked TODO, and the step tells the learner to open it', () => {
    for (const { step, task } of tasks) {
      expect(source(task.starter).match(/TODO/g)).toHaveLength(1);
      expect(source(task.solution)).not.toMatch(/TODO/);
      expect(step.text).toContain('Open in the Script panel');
    }
  });

  describe.each(tasks.map((t) => [t.name, t] as const))('%s', (_name, { lesson, task }) => {
    const seed0 = (lesson.scenario.seed as number | undefined) ?? 1;
    it.each(SEEDS_AFTER.map((k) => seed0 + k))('seed %i: the starter fails the goal, the solution passes it', async (seed) => {
      const starter = evaluateScriptGoal(task.goal, await runScript(source(task.starter), { seed }));
      expect(starter.pass, starter.why).toBe(false);
      const solution = evaluateScriptGoal(task.goal, await runScript(source(task.solution), { seed }));
      expect(solution.why).toMatch(/^all \d+ checks? passed$/);
      expect(solution.pass).toBe(true);
    });
  });
});
