/**
 * Checking a learner's system against a lesson: validate it, run it (the lesson's seed, its
 * duration), and measure every goal. Shared by `npm run sim -- check` and the playground.
 */
import { simulate } from '../engine/index.ts';
import { validateScenario, type Problem } from '../model/index.ts';
import type { RunReport } from '../engine/index.ts';
import { evaluateGoals, needsStartRun, type GoalResult } from './goals.ts';
import { LessonSchema, type Lesson } from './lessonSchema.ts';

export type CheckResult =
  | { readonly ok: true; readonly goals: readonly GoalResult[]; readonly passed: boolean; readonly debrief: string }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Runs `document` (a scenario) and measures `lesson`'s goals on it. */
export function checkLesson(lesson: Lesson, document: unknown): CheckResult {
  const result = validateScenario(document);
  if (!result.ok) return { ok: false, problems: result.problems };
  const { simulation, report } = simulate(result.scenario);
  const goals = evaluateGoals(lesson.goals, simulation, report, needsStartRun(lesson.goals) ? startReport(lesson) : undefined);
  return { ok: true, goals, passed: goals.every((g) => g.pass), debrief: debriefOf(lesson, goals) };
}

/** The report of `lesson`'s starting system, run once per lesson (goals measured against it compare with this run). */
export function startReport(lesson: Lesson): RunReport {
  const cached = startReports.get(lesson);
  if (cached) return cached;
  const start = validateScenario(lesson.scenario);
  if (!start.ok)
    throw new Error(
      `Lesson ${lesson.id}: its starting system is invalid: ${start.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  const report = simulate(start.scenario).report;
  startReports.set(lesson, report);
  return report;
}
const startReports = new WeakMap<Lesson, RunReport>();

/** The lesson's debrief with {0}, {1}… replaced by the goals' measured figures. */
export function debriefOf(lesson: Lesson, goals: readonly GoalResult[]): string {
  return lesson.debrief.replace(/\{(\d+)\}/g, (whole, n: string) => goals[Number(n)]?.measuredText ?? whole);
}

/** A lesson file's contents, validated (throws with every problem for a broken lesson). */
export function parseLesson(input: unknown): Lesson {
  const parsed = LessonSchema.safeParse(input);
  if (!parsed.success)
    throw new Error(`Invalid lesson:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return parsed.data;
}
