/**
 * The curriculum covers docs/CONCEPTS.md: the concept list of src/lessons/concepts.ts quotes the
 * document (each quote is in its section; each term set in bold there is quoted by an entry), every
 * lesson names only listed concepts, and every concept is taught by at least one lesson, save the
 * ones listed as not yet taught, a list that may only shrink (a listed concept a lesson teaches fails).
 * Also the curriculum's order: every lesson's prerequisites exist and come before it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONCEPTS, NOT_YET_TAUGHT } from '../../src/lessons/concepts.ts';
import { parseLesson } from '../../src/lessons/check.ts';

const dir = new URL('../../simulations/lessons/', import.meta.url);
const lessons = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => parseLesson(JSON.parse(readFileSync(new URL(f, dir), 'utf8'))));
const doc = readFileSync(new URL('../../docs/CONCEPTS.md', import.meta.url), 'utf8');

/** Section `n` (1–8) of CONCEPTS.md: its text from its "## n." heading to the next heading. */
function section(n: number): string {
  const start = doc.indexOf(`\n## ${n}. `);
  if (start < 0) throw new Error(`docs/CONCEPTS.md has no section ${n}`);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}
/** As read: no emphasis marks, one space for any run of spaces and line breaks. */
const plain = (text: string) => text.replace(/\*+/g, '').replace(/\s+/g, ' ');
const SECTIONS = [1, 2, 3, 4, 5, 6, 7, 8];

describe('the concept list', () => {
  it('names each concept once', () => {
    expect(new Set(CONCEPTS.map((c) => c.name)).size).toBe(CONCEPTS.length);
  });

  it.each(CONCEPTS.map((c) => [c.name, c] as const))('%s quotes its section of docs/CONCEPTS.md', (_name, concept) => {
    expect(plain(section(concept.section))).toContain(concept.quote);
  });

  it.each(SECTIONS)('quotes every term section %i sets in bold', (n) => {
    const text = section(n);
    const bold = [...text.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => plain(m[1]).toLowerCase());
    const quotes = CONCEPTS.filter((c) => c.section === n).map((c) => c.quote.toLowerCase());
    expect(bold.filter((term) => !quotes.some((q) => q.includes(term)))).toEqual([]);
  });

  it('has a concept for every section 1–8', () => {
    for (const n of SECTIONS)
      expect(
        CONCEPTS.some((c) => c.section === n),
        `section ${n}`,
      ).toBe(true);
  });
});

describe('the lessons cover the concepts', () => {
  const taughtBy = new Map(CONCEPTS.map((c) => [c.name, lessons.filter((l) => l.concepts.includes(c.name)).map((l) => l.id)]));

  it('name only concepts of the list (the schema refuses others, with a plain message)', () => {
    const known = new Set(CONCEPTS.map((c) => c.name));
    for (const lesson of lessons) for (const name of lesson.concepts) expect(known, `${lesson.id}: ${name}`).toContain(name);
    expect(() => parseLesson({ ...lessons[0], concepts: ['Quantum tunnelling'] })).toThrow(
      /"Quantum tunnelling" is not a concept of the curriculum/,
    );
  });

  it('teach every concept at least once, save those listed as not yet taught', () => {
    const gaps = CONCEPTS.filter((c) => taughtBy.get(c.name)!.length === 0 && !(c.name in NOT_YET_TAUGHT)).map((c) => c.name);
    expect(gaps, 'concepts no lesson teaches (write a lesson, or list them in NOT_YET_TAUGHT with why)').toEqual([]);
    const untaught = Object.entries(NOT_YET_TAUGHT).map(([name, why]) => `  ${name}: ${why}`);
    console.info(`Not yet taught (${untaught.length} of ${CONCEPTS.length} concepts):\n${untaught.join('\n')}`);
  });

  it('list as not yet taught only concepts of the list that no lesson teaches (the list only shrinks)', () => {
    for (const name of Object.keys(NOT_YET_TAUGHT)) {
      expect(taughtBy.has(name), `"${name}" is not a concept of the list`).toBe(true);
      expect(taughtBy.get(name), `"${name}" is taught now: take it off NOT_YET_TAUGHT`).toEqual([]);
    }
  });
});

describe('the curriculum order', () => {
  const order = new Map(lessons.map((l) => [l.id, l.order]));

  it.each(lessons.map((l) => [l.id, l] as const))('%s requires only lessons that come before it', (_id, lesson) => {
    for (const id of lesson.requires) {
      expect(order.has(id), `${lesson.id} requires ${id}, which is no lesson`).toBe(true);
      expect(order.get(id)!, `${lesson.id} requires ${id}, which comes after it`).toBeLessThan(lesson.order);
    }
  });

  it('has at least three challenges, each one step (its brief) and several concepts, after the lessons it requires', () => {
    const challenges = lessons.filter((l) => l.challenge);
    expect(challenges.length).toBeGreaterThanOrEqual(3);
    for (const c of challenges) {
      expect(c.steps, c.id).toHaveLength(1);
      expect(c.concepts.length, c.id).toBeGreaterThanOrEqual(3);
      expect(c.requires.length, c.id).toBeGreaterThanOrEqual(2);
    }
    const challenge = { ...challenges[0], steps: [...challenges[0].steps, { text: 'Now do this.' }] };
    expect(() => parseLesson(challenge)).toThrow(/a challenge has one step/);
  });
});
