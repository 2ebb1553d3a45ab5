/**
 * Checking a learner's system against a lesson: validate it, run it (the lesson's seed, its
 * duration), and measure every goal. Shared by `npm run sim -- check` and the playground.
 */
import { simulate } from '../engine/index.ts';
import { validateScenario, type Problem } from '../model/index.ts';
import { evaluateGoals, type GoalResult } from './goals.ts';
import { LessonSchema, type Lesson } from './lessonSchema.ts';

export type CheckResult =
  | { readonly ok: true; readonly goals: readonly GoalResult[]; readonly passed: boolean; readonly debrief: string }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Runs `document` (a scenario) and measures `lesson`'s goals on it. */
export function checkLesson(lesson: Lesson, document: unknown): CheckResult {
  const result = validateScenario(document);
  if (!result.ok) return { ok: false, problems: result.problems };
  const { simulation, report } = simulate(result.scenario);
  const goals = evaluateGoals(lesson.goals, simulation, report);
  return { ok: true, goals, passed: goals.every((g) => g.pass), debrief: debriefOf(lesson, goals) };
}

/** The lesson's debrief with {0}, {1}… replaced by the goals' measured figures. */
export function debriefOf(lesson: Lesson, goals: readonly GoalResult[]): string {
  return lesson.debrief.replace(/\{(\d+)\}/g, (whole, n: string) => goals[Number(n)]?.measuredText ?? whole);
}

/** A lesson file's contents, validated (throws with every problem for a broken lesson). */
export function parseLesson(input: unknown): Lesson {
  const parsed = LessonSchema.safeParse(input);
  if (!parsed.success) throw new Error(`Invalid lesson:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return parsed.data;
}
