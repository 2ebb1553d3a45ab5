/**
 * A goal measured against the lesson's starting system ("at most half the attempts they took
 * without jitter"): the checker runs the start once with the same seed and compares; every jitter
 * mode passes lesson 5's, no jitter does not; without the start's run the goal cannot pass and says so.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/index.ts';
import { parseScenario, type ScenarioInput } from '../../src/model/index.ts';
import { checkLesson, parseLesson, startReport } from '../../src/lessons/check.ts';
import { evaluateGoals } from '../../src/lessons/goals.ts';
import { applySolution } from '../../src/lessons/lessonSchema.ts';

const lesson = parseLesson(JSON.parse(readFileSync(new URL('../../simulations/lessons/backoff-and-jitter.json', import.meta.url), 'utf8')));
const withJitter = (jitter: string): ScenarioInput => {
  const doc = applySolution(lesson);
  return {
    ...doc,
    links: (doc.links ?? []).map((l) => (l.from === 'callers' ? { ...l, retry: { ...(l.retry as object), jitter } } : l)),
  } as ScenarioInput;
};

describe('a goal against the starting system', () => {
  it("compares with the start's own count over the same link", () => {
    const before = startReport(lesson).links['callers->store'].calls;
    expect(before).toBeGreaterThan(150);
    for (const jitter of ['full', 'equal', 'decorrelated']) {
      const result = checkLesson(lesson, withJitter(jitter));
      if (!result.ok) throw new Error('invalid');
      expect(result.goals[0].pass).toBe(true);
      expect(result.goals[0].measured).toBeLessThanOrEqual(Math.floor(before / 2));
      expect(result.goals[0].why).toContain(`half of the starting system's ${before}`);
    }
    const none = checkLesson(lesson, withJitter('none'));
    expect(none.ok && none.goals[0].pass).toBe(false);
    expect(none.ok && none.goals[0].measured).toBe(before);
  });

  it("cannot pass without the start's run, and says it is not measured yet", () => {
    const { simulation, report } = simulate(parseScenario(withJitter('full')));
    const [goal] = evaluateGoals(lesson.goals, simulation, report);
    expect(goal.pass).toBe(false);
    expect(goal.why).toContain('not measured yet');
  });
});
