/**
 * docs/LESSONS.md documents the lesson format as the schema has it: every field of a lesson, every
 * goal kind (a section with an example the goal schema accepts, of that kind) and every watch
 * kind (a row of its table), so a teacher reading it can write any lesson the app accepts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GoalSchema, LessonSchema } from '../../src/lessons/lessonSchema.ts';
import { WatchSchema } from '../../src/lessons/watchSchema.ts';

const doc = readFileSync(new URL('../../docs/LESSONS.md', import.meta.url), 'utf8');
const kindsOf = (union: { options: readonly { shape: { kind: { value: string } } }[] }) => union.options.map((o) => o.shape.kind.value);
/** The doc's text from heading `title` to the next heading of the same level. */
function section(title: string, level: string): string {
  const start = doc.indexOf(`\n${level} ${title}\n`);
  if (start < 0) throw new Error(`docs/LESSONS.md has no "${level} ${title}" section`);
  const end = doc.indexOf(`\n${level} `, start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}
const jsonBlocks = (text: string) => [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as unknown);

describe('docs/LESSONS.md', () => {
  it('describes every field of a lesson in its table', () => {
    const fields = section('The fields', '##');
    for (const key of Object.keys(LessonSchema.shape).filter((k) => k !== '$schema')) expect(fields, key).toContain(`| \`${key}\` |`);
  });

  it.each(kindsOf(GoalSchema))('documents the goal kind %s with an example the schema accepts', (kind) => {
    const text = section(`\`${kind}\``, '###');
    const examples = jsonBlocks(text);
    expect(examples.length, `the ${kind} section has no json example`).toBeGreaterThan(0);
    for (const example of examples) expect(GoalSchema.parse(example).kind).toBe(kind);
  });

  it('lists every watch kind, and its examples are watches the schema accepts', () => {
    const watches = section('Steps', '###');
    for (const kind of kindsOf(WatchSchema)) expect(watches, kind).toMatch(new RegExp(`^\\| [^|]*\`${kind}\``, 'm'));
    const examples = jsonBlocks(watches);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(() => WatchSchema.parse(example)).not.toThrow();
  });

  it('has no goal section for a kind the schema does not have', () => {
    const goals = section('Goal kinds', '##');
    const documented = [...goals.matchAll(/^### `(\w+)`$/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(kindsOf(GoalSchema).sort());
  });
});
