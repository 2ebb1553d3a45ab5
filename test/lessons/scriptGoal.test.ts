/**
 * The `scriptChecks` goal of a lesson's script task, judged on a script's result; and the schema of
 * a step's script task (file names, the goal's default).
 */
import { describe, expect, it } from 'vitest';
import { ScriptGoalSchema, ScriptTaskSchema } from '../../src/lessons/lessonSchema.ts';
import { evaluateScriptGoal } from '../../src/lessons/scriptGoal.ts';
import type { ScriptItem, ScriptResult } from '../../src/script/output.ts';

const check = (name: string, passed: boolean): ScriptItem => ({ kind: 'check', name, passed });
const ran = (...items: ScriptItem[]): ScriptResult => ({ items, elapsedMs: 1 });
const goal = (checks: string[] = []) => ScriptGoalSchema.parse({ kind: 'scriptChecks', checks });

describe('scriptChecks goal', () => {
  it('fails before the script has run, and when it stopped on an error', () => {
    expect(evaluateScriptGoal(goal(), undefined)).toMatchObject({ pass: false, why: expect.stringContaining('not run yet') });
    const error: ScriptResult = { items: [check('a', true)], elapsedMs: 1, error: { kind: 'runtime', message: 'x is not defined' } };
    expect(evaluateScriptGoal(goal(), error)).toMatchObject({ pass: false, why: 'the script stopped: x is not defined' });
  });

  it('fails with no check at all, or with one failing check, naming it', () => {
    expect(evaluateScriptGoal(goal(), ran({ kind: 'log', text: 'hi' })).pass).toBe(false);
    const r = evaluateScriptGoal(goal(), ran(check('a', true), check('b', false)));
    expect(r).toMatchObject({ pass: false, why: '1 of 2 checks failed: "b"' });
  });

  it('fails when a check the goal names is missing, even if the others pass', () => {
    expect(evaluateScriptGoal(goal(['wanted']), ran(check('other', true)))).toMatchObject({
      pass: false,
      why: 'the script published no check "wanted"',
    });
  });

  it('passes when every check passed and the named ones are there', () => {
    expect(evaluateScriptGoal(goal(['a']), ran(check('a', true), check('b', true)))).toMatchObject({
      pass: true,
      why: 'all 2 checks passed',
      description: 'your script runs and its checks pass: "a"',
    });
    expect(evaluateScriptGoal({ ...goal(), label: 'Sweep done' }, ran(check('a', true))).description).toBe('Sweep done');
  });
});

describe('a step script task', () => {
  it('names files in simulations/lessons/scripts/ and defaults to no named checks', () => {
    const task = ScriptTaskSchema.parse({ starter: 'a.ts', solution: 'a.solution.ts', goal: { kind: 'scriptChecks' } });
    expect(task.goal.checks).toEqual([]);
    for (const bad of ['../a.ts', 'dir/a.ts', 'a.js', '.ts'])
      expect(() => ScriptTaskSchema.parse({ ...task, starter: bad }), bad).toThrow(/names a file in simulations\/lessons\/scripts/);
  });
});
