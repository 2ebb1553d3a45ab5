/**
 * The partitions-and-ordering lesson teaches in two moves, and each must show: more partitions
 * let the group keep up but break each account's order while messages go round robin; the key
 * restores it. Checked over several seeds, so the lesson does not hang on one lucky run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLesson, parseLesson } from '../../src/lessons/check.ts';
import { applySolution } from '../../src/lessons/lessonSchema.ts';

const lesson = parseLesson(
  JSON.parse(readFileSync(new URL('../../simulations/lessons/partitions-and-ordering.json', import.meta.url), 'utf8')),
);
type Doc = { seed?: number; nodes: { id: string; partitions?: number }[] };

function goalsOf(doc: Doc, seed: number) {
  const result = checkLesson(lesson, { ...doc, seed });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  const [lag, order] = result.goals;
  return { keepsUp: lag.pass, inOrder: order.pass, outOfOrder: order.measured };
}

describe('lesson: partitions and ordering', () => {
  const start = lesson.scenario as unknown as Doc;
  const morePartitions: Doc = { ...start, nodes: start.nodes.map((n) => (n.id === 'ledger' ? { ...n, partitions: 3 } : n)) };

  it.each([1, 2, 3])(
    'seed %i: one partition falls behind; three keep up but apply transactions out of order; by key, both hold',
    (seed) => {
      expect(goalsOf(start, seed)).toMatchObject({ keepsUp: false, inOrder: true });
      const spread = goalsOf(morePartitions, seed);
      expect(spread).toMatchObject({ keepsUp: true, inOrder: false });
      expect(spread.outOfOrder).toBeGreaterThan(50);
      expect(goalsOf(applySolution(lesson) as unknown as Doc, seed)).toMatchObject({ keepsUp: true, inOrder: true });
    },
  );
});
