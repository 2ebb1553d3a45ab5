// @vitest-environment jsdom
/**
 * The curriculum map (the lesson picker): lessons grouped by topic in curriculum order, challenges
 * marked, each lesson's progress from the lesson store (and the topic's count of done), the
 * prerequisites not done yet, and the suggested next lesson, which follows progress: an unfinished
 * lesson first, else the first lesson not done whose prerequisites are; starting it from the
 * suggestion starts that lesson.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { LESSON_TOPICS, type Lesson } from '../../src/lessons/lessonSchema.ts';
import { createStores, StoresProvider, type Stores } from '../../src/ui/app/stores.tsx';
import { CurriculumMap } from '../../src/ui/lessons/CurriculumMap.tsx';
import { missingPrerequisites, nextLesson, topicGroups } from '../../src/ui/lessons/curriculum.ts';
import { LESSONS, lessonById } from '../../src/ui/lessons/lessonCatalog.ts';
import type { LessonProgress } from '../../src/store/lessonStore.ts';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { twoNodes } from './toolbarSupport.tsx';

afterEach(() => localStorage.clear());

function renderMap(progress: Record<string, LessonProgress> = {}): Stores {
  const stores = createStores(createSimulationApi(), twoNodes);
  stores.lesson.setState({ progress, pickerOpen: true });
  render(
    <StoresProvider stores={stores}>
      <CurriculumMap />
    </StoresProvider>,
  );
  return stores;
}
const topicItem = (title: string) => within(screen.getByRole('list', { name: 'All lessons' })).getByRole('listitem', { name: title });
const suggested = () => screen.getByRole('region', { name: 'Suggested next' });
const byId = (id: string) => lessonById(id)!;

describe('the curriculum map', () => {
  it('groups every lesson under its topic, topics in their order, lessons in curriculum order, challenges marked', () => {
    renderMap();
    const topics = within(screen.getByRole('list', { name: 'All lessons' }))
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('curriculum-topic'));
    const expected = Object.values(LESSON_TOPICS);
    expect(topics.map((t) => t.getAttribute('aria-label'))).toEqual(expected);
    for (const [topic, title] of Object.entries(LESSON_TOPICS)) {
      const shown = within(topicItem(title))
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('aria-label'));
      expect(shown).toEqual(LESSONS.filter((l) => l.topic === topic).map((l) => l.title));
    }
    // Every lesson is listed once.
    expect(LESSONS.flatMap((l) => screen.getAllByRole('listitem', { name: l.title }))).toHaveLength(LESSONS.length);
    // Timeouts is about resilience, REST vs gRPC about synchronous calls though it comes late in the order.
    expect(within(topicItem('Failure and resilience')).getByRole('listitem', { name: byId('timeouts').title })).toBeTruthy();
    expect(within(topicItem('Synchronous calls')).getByRole('listitem', { name: byId('rest-vs-grpc').title })).toBeTruthy();
    const challenges = LESSONS.filter((l) => l.challenge);
    expect(challenges.length).toBeGreaterThanOrEqual(3);
    for (const l of LESSONS) {
      const entry = screen.getByRole('listitem', { name: l.title });
      if (l.challenge) expect(entry).toHaveTextContent(/Challenge/);
      else expect(entry.querySelector('.lesson-badge')).toBeNull();
    }
  });

  it("shows each lesson's progress from the store, and how many of each topic are done", () => {
    renderMap({ 'first-request': 'done', chains: 'in-progress', timeouts: 'done' });
    expect(screen.getByRole('listitem', { name: byId('first-request').title })).toHaveTextContent('Done');
    expect(screen.getByRole('listitem', { name: byId('chains').title })).toHaveTextContent('In progress');
    expect(screen.getByRole('listitem', { name: byId('retries').title })).toHaveTextContent('Not started');
    expect(topicItem('Synchronous calls').querySelector('h3')).toHaveTextContent(
      `1 of ${LESSONS.filter((l) => l.topic === 'sync').length} done`,
    );
    expect(topicItem('Failure and resilience').querySelector('h3')).toHaveTextContent(
      `1 of ${LESSONS.filter((l) => l.topic === 'resilience').length} done`,
    );
    expect(screen.getByTestId('curriculum-done')).toHaveTextContent(`2 of ${LESSONS.length} done`);
  });

  it('says which prerequisites of a lesson are not done yet', () => {
    renderMap({ 'backoff-and-jitter': 'done' });
    const challenge = byId('challenge-checkout-budget');
    expect(challenge.requires).toEqual(['backoff-and-jitter', 'circuit-breakers']);
    const entry = screen.getByRole('listitem', { name: challenge.title });
    expect(entry).toHaveTextContent(`Builds on: ${byId('circuit-breakers').order}. ${byId('circuit-breakers').title}`);
    expect(entry).not.toHaveTextContent(byId('backoff-and-jitter').title);
    expect(screen.getByRole('listitem', { name: byId('first-request').title }).querySelector('.lesson-requires')).toBeNull();
  });

  it('suggests the first lesson to a newcomer, and starts it from the suggestion', async () => {
    const user = userEvent.setup();
    const stores = renderMap();
    expect(suggested()).toHaveTextContent(`Next: 1. ${LESSONS[0].title}`);
    expect(screen.getByRole('listitem', { name: LESSONS[0].title })).toHaveAttribute('data-next', 'true');
    await user.click(within(suggested()).getByRole('button', { name: `Start next: ${LESSONS[0].title}` }));
    expect(stores.lesson.getState().activeId).toBe(LESSONS[0].id);
    expect(stores.document.getState().document.nodes.map((n) => n.id)).toEqual(
      (LESSONS[0].scenario as { nodes: { id: string }[] }).nodes.map((n) => n.id),
    );
  });

  it('suggests the lesson after the ones done, an unfinished one first, and says when all are done', () => {
    const done = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 'done' as const]));
    expect(nextLesson(LESSONS, done(['first-request']))?.id).toBe('chains');
    expect(nextLesson(LESSONS, done(['first-request', 'chains']))?.id).toBe('timeouts');
    // Begun further on: finish it first.
    expect(nextLesson(LESSONS, { ...done(['first-request', 'chains']), 'rest-vs-grpc': 'in-progress' })?.id).toBe('rest-vs-grpc');
    // Begun without its prerequisites: the first lesson not done comes first.
    expect(nextLesson(LESSONS, { 'registry-outage': 'in-progress' })?.id).toBe('first-request');
    expect(nextLesson(LESSONS, done(LESSONS.map((l) => l.id)))).toBeUndefined();
    renderMap(done(LESSONS.map((l) => l.id)));
    expect(suggested()).toHaveTextContent('Every lesson is done.');
  });

  it('never suggests a lesson whose prerequisites are not done, whatever the order', () => {
    const a = { ...LESSONS[0], id: 'a', order: 1, requires: ['c'] } as Lesson;
    const b = { ...LESSONS[0], id: 'b', order: 2, requires: [] } as Lesson;
    const c = { ...LESSONS[0], id: 'c', order: 3, requires: [] } as Lesson;
    expect(nextLesson([a, b, c], {})?.id).toBe('b');
    expect(nextLesson([a, b, c], { b: 'done', c: 'done' })?.id).toBe('a');
    expect(missingPrerequisites(a, [a, b, c], {}).map((l) => l.id)).toEqual(['c']);
    expect(topicGroups([c, a, b]).map((g) => g.lessons.map((l) => l.id))).toEqual([['a', 'b', 'c']]);
  });

  it('suggests the next lesson as it becomes done (the map follows the store)', async () => {
    const stores = renderMap({ 'first-request': 'done' });
    expect(suggested()).toHaveTextContent(`Next: 2. ${byId('chains').title}`);
    stores.lesson.getState().begin('chains');
    expect(await within(suggested()).findByRole('button', { name: `Continue next: ${byId('chains').title}` })).toHaveTextContent(
      /^Continue$/,
    );
    stores.lesson.getState().markDone('chains');
    expect(await within(suggested()).findByText(`3. ${byId('timeouts').title}`)).toBeTruthy();
  });
});
