/**
 * A script task's goal judged on the learner's last run of the script (issue 22): the run ended
 * without an error, published checks, all of them passed, and the ones the goal names are there.
 * Plain data in, a sentence out, so the lesson panel and the lesson tests judge alike.
 */
import type { ScriptResult } from '../script/output.ts';
import type { ScriptGoal } from './lessonSchema.ts';

export interface ScriptGoalResult {
  /** How the goal reads. */
  readonly description: string;
  readonly pass: boolean;
  /** Why it passes or fails, in a sentence. */
  readonly why: string;
}

/** Judges `goal` on `result`, the learner's last run of the script (undefined: not run yet). */
export function evaluateScriptGoal(goal: ScriptGoal, result: ScriptResult | undefined): ScriptGoalResult {
  const description =
    goal.label ??
    (goal.checks.length > 0
      ? `your script runs and its checks pass: ${goal.checks.map((c) => `"${c}"`).join(', ')}`
      : 'your script runs and all its checks pass');
  const verdict = (pass: boolean, why: string): ScriptGoalResult => ({ description, pass, why });
  if (result === undefined) return verdict(false, 'the script has not run yet: press Run in the Script panel');
  if (result.error) return verdict(false, `the script stopped: ${result.error.message}`);
  const checks = result.items.filter((i) => i.kind === 'check');
  const missing = goal.checks.filter((name) => !checks.some((c) => c.name === name));
  if (missing.length > 0) return verdict(false, `the script published no check ${missing.map((m) => `"${m}"`).join(', ')}`);
  if (checks.length === 0) return verdict(false, 'the script published no check');
  const failed = checks.filter((c) => !c.passed);
  if (failed.length > 0) {
    return verdict(false, `${failed.length} of ${checks.length} checks failed: ${failed.map((c) => `"${c.name}"`).join(', ')}`);
  }
  return verdict(true, `all ${checks.length} check${checks.length === 1 ? '' : 's'} passed`);
}
