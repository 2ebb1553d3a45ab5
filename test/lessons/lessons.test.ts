/**
 * Every lesson in simulations/lessons: it parses; its starting system is valid and fails at
 * least one goal and its reference solution passes every goal, on the lesson's seed and on the
 * next five (goals must not hang on one lucky run); everything its steps, editable parts
 * and goals name exists; the orders are 1, 2, 3…; no "§" citations. And the command-line checker's exit codes.
 */
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { linkId, validateScenario, type ScenarioInput } from '../../src/model/index.ts';
import { applySolution, type Lesson } from '../../src/lessons/lessonSchema.ts';
import { checkLesson, parseLesson } from '../../src/lessons/check.ts';

const dir = new URL('../../simulations/lessons/', import.meta.url);
/** The seeds every lesson is checked on: its own (+0) and the next five. */
const SEEDS_AFTER = [0, 1, 2, 3, 4, 5];
const lessons = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, lesson: parseLesson(JSON.parse(readFileSync(new URL(f, dir), 'utf8'))) }));

describe('the lessons', () => {
  it('are numbered 1, 2, 3… and named after their files', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(3);
    expect(lessons.map((l) => l.lesson.order).sort((a, b) => a - b)).toEqual(lessons.map((_, i) => i + 1));
    for (const { file, lesson } of lessons) expect(file).toBe(`${lesson.id}.json`);
  });

  it('cite no "§" section of a document the app never shows (the lesson list shows their concepts)', () => {
    for (const { file } of lessons)
      expect({ file, text: readFileSync(new URL(file, dir), 'utf8') }).not.toMatchObject({ text: expect.stringContaining('§') });
    expect(() => parseLesson({ ...lessons[0].lesson, concepts: ['§5 Timeouts'] })).toThrow(/names a concept \("Timeouts"\), not a section/);
  });

  describe.each(lessons.map((l) => [l.lesson.id, l.lesson] as const))('%s', (_id, lesson) => {
    const start = lesson.scenario as unknown as ScenarioInput;
    const nodes = new Set(start.nodes.map((n) => n.id));
    const links = new Set((start.links ?? []).map((l) => linkId(l)));

    it('names only nodes and links its system has', () => {
      for (const step of lesson.steps) {
        if (step.highlight?.node) expect(nodes).toContain(step.highlight.node);
        if (step.highlight?.link) expect(links).toContain(step.highlight.link);
      }
      for (const id of lesson.editable) expect(nodes.has(id) || links.has(id)).toBe(true);
      for (const id of [...Object.keys(lesson.solution.nodes), ...Object.keys(lesson.solution.links)])
        expect(lesson.editable).toContain(id);
      for (const g of lesson.goals) {
        const ref = 'client' in g ? g.client : 'node' in g ? g.node : 'broker' in g ? g.broker : g.link;
        expect(nodes.has(ref) || links.has(ref)).toBe(true);
      }
    });

    // Goals must not depend on luck: the lesson's own seed and the next five.
    const seed0 = start.seed ?? 1;
    it.each(SEEDS_AFTER.map((k) => seed0 + k))(
      'seed %i: its start fails at least one goal; its reference solution passes every goal, and the debrief quotes the figures',
      (seed) => {
        // Goals measured against the starting system compare with the start on the same seed.
        const onSeed: Lesson = { ...lesson, scenario: { ...lesson.scenario, seed } };
        expect(validateScenario(onSeed.scenario).ok).toBe(true);
        const before = checkLesson(onSeed, onSeed.scenario);
        if (!before.ok) throw new Error(before.problems.map((p) => p.message).join('; '));
        expect(
          before.goals.some((g) => !g.pass),
          `on seed ${seed} the start already passes every goal`,
        ).toBe(true);
        const result = checkLesson(onSeed, { ...applySolution(lesson), seed });
        if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
        expect(result.goals.filter((g) => !g.pass).map((g) => `seed ${seed}: ${g.why}`)).toEqual([]);
        expect(result.debrief).not.toMatch(/\{\d+\}/);
      },
    );
  });
});

describe('npm run sim -- check', () => {
  const sim = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
  const lesson = lessons.find((l) => l.lesson.id === 'timeouts')!.lesson;
  const folder = mkdtempSync(join(tmpdir(), 'crosstalk-lesson-'));

  it('exits 0 when every goal passes and 1 when one fails, printing each goal with its measured value', () => {
    writeFileSync(join(folder, 'solved.json'), JSON.stringify(applySolution(lesson)));
    writeFileSync(join(folder, 'start.json'), JSON.stringify(lesson.scenario));
    const solved = sim('check', 'timeouts', join(folder, 'solved.json'));
    expect(solved.status).toBe(0);
    expect(solved.stdout).toMatch(/PASS {2}search stays fast while reviews is stuck: p99 under 200 ms: search-users p99 was \d/);
    const start = sim('check', 'timeouts', join(folder, 'start.json'));
    expect(start.status).toBe(1);
    expect(start.stdout).toMatch(/FAIL .*; the goal is under 200ms/);
  });

  it('exits 2 for an unknown lesson or an invalid solution', () => {
    expect(sim('check', 'nope', join(folder, 'start.json')).status).toBe(2);
    writeFileSync(join(folder, 'bad.json'), JSON.stringify({ version: 1, nodes: [], links: [{ from: 'a', to: 'b' }] }));
    const bad = sim('check', 'timeouts', join(folder, 'bad.json'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('is not a valid scenario');
  });
});
