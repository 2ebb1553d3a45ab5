// @vitest-environment jsdom
/**
 * Lesson mode: the toolbar's Lessons button opens the picker (every lesson in order, its concepts
 * and progress); starting one replaces the system (undoably) and shows its steps, goals and hints;
 * the goals are measured on the run with why they fail; a run that meets every goal shows the
 * debrief and marks the lesson done, which the picker still shows after a reload; Reset brings
 * the starting system back and Sandbox leaves lesson mode keeping the system. Beside each goal, the
 * figure of the run before the last change and this run's ("p99 1.3s → 97.9ms"), and a line says
 * how edits apply in a lesson.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applySolution } from '../../src/lessons/lessonSchema.ts';
import { checkLesson } from '../../src/lessons/check.ts';
import { createStores, StoresProvider, type Stores } from '../../src/ui/app/stores.tsx';
import { LessonPanel } from '../../src/ui/lessons/LessonPanel.tsx';
import { LESSONS, lessonById } from '../../src/ui/lessons/lessonCatalog.ts';
import { Toolbar } from '../../src/ui/toolbar/Toolbar.tsx';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { LESSON_PROGRESS_KEY } from '../../src/store/lessonStore.ts';
import { undo } from '../../src/store/documentStore.ts';
import { twoNodes } from './toolbarSupport.tsx';

function renderLessons(): Stores & { view: ReturnType<typeof render> } {
  const stores = createStores(createSimulationApi(), twoNodes);
  const view = render(
    <StoresProvider stores={stores}>
      <Toolbar />
      <LessonPanel />
    </StoresProvider>,
  );
  return Object.assign(stores, { view });
}

const timeouts = lessonById('timeouts')!;

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());

describe('the lesson panel', () => {
  it('lists every lesson with its concepts and progress', async () => {
    const user = userEvent.setup();
    renderLessons();
    expect(screen.queryByRole('complementary', { name: 'Lessons' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Lessons' }));
    // Grouped by topic (test/ui/lessonMap.test.tsx): every lesson once.
    const items = LESSONS.map((l) => within(screen.getByRole('list', { name: 'All lessons' })).getByRole('listitem', { name: l.title }));
    expect(LESSONS.map((l) => l.order)).toEqual([...LESSONS.map((l) => l.order)].sort((a, b) => a - b));
    const third = screen.getByRole('listitem', { name: timeouts.title });
    expect(third.querySelector('.lesson-concepts')).toHaveTextContent(/^Timeouts, Cascading slowness, Slow dependency$/);
    // Concepts by name: the list cites no section of a document the app never shows.
    for (const item of items) expect(item).not.toHaveTextContent('§');
    expect(third).toHaveTextContent('Not started');
  });

  it('starts a lesson in place of the system (Sandbox then Undo brings it back), with steps, goals, hints; a run meets the goals and it is done', async () => {
    const user = userEvent.setup();
    const stores = renderLessons();
    await user.click(screen.getByRole('button', { name: 'Lessons' }));
    await user.click(screen.getByRole('button', { name: `Start ${timeouts.title}` }));

    expect(stores.document.getState().document.nodes.map((n) => n.id)).toContain('reviews');
    expect(stores.ui.getState().notice?.text).toMatch(/Sandbox, then Undo, brings it back/);
    expect(stores.lesson.getState().progress.timeouts).toBe('in-progress');
    expect(JSON.parse(localStorage.getItem(LESSON_PROGRESS_KEY)!)).toEqual({ timeouts: 'in-progress' });
    const panel = screen.getByRole('complementary', { name: 'Lessons' });
    expect(within(panel).getAllByRole('listitem').length).toBeGreaterThanOrEqual(timeouts.steps.length + timeouts.goals.length);
    expect(panel).toHaveTextContent(timeouts.steps[0].text);
    expect(within(screen.getByRole('list', { name: 'Goals' })).getAllByText(/not measured yet/)).toHaveLength(2);

    // A step points at what it talks about.
    await user.click(screen.getByRole('button', { name: 'Show gateway->reviews' }));
    expect(stores.ui.getState().selection.linkIds).toEqual(['gateway->reviews']);

    // Hints one at a time.
    expect(panel).not.toHaveTextContent(timeouts.hints[0]);
    await user.click(screen.getByRole('button', { name: /Show a hint/ }));
    expect(panel).toHaveTextContent(timeouts.hints[0]);
    expect(panel).not.toHaveTextContent(timeouts.hints[1]);

    // The starting system fails, and the panel says why: at the playhead (still at 0, before the
    // first checkpoint: nothing measured), then at a checkpoint, then over the whole run.
    await stores.run.start(stores.document.getState().document, 40_000);
    await waitFor(() => expect(stores.run.getState().goalCheck?.done).toBe(true), { timeout: 20_000 });
    const goals = screen.getByRole('list', { name: 'Goals' });
    expect(within(goals).getAllByText(/not measured yet/)).toHaveLength(2);
    expect(panel).toHaveTextContent('Whole run: 0 of 2 goals met.');
    act(() => stores.playback.getState().seek(12_345));
    expect(screen.getByRole('heading', { name: 'Goals at 12.2 s' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Go to the end' }));
    expect(screen.getByRole('heading', { name: 'Goals at the end of the run' })).toBeInTheDocument();
    expect(within(goals).getAllByText(/\(failing\)/).length).toBeGreaterThan(0);
    expect(goals).toHaveTextContent(/the goal is under 200ms/);
    expect(screen.queryByText('Lesson done.')).toBeNull();

    // The learner's fix: the reference solution's settings, as edits the lesson allows (a whole
    // system put in its place would be refused: see lessonReplace.test.tsx).
    for (const [id, patch] of Object.entries(timeouts.solution.links)) {
      expect(stores.document.getState().dispatch({ type: 'updateLink', id, patch })).toBeUndefined();
    }
    expect(stores.document.getState().document).toEqual(applySolution(timeouts));
    await stores.run.start(stores.document.getState().document, 40_000);
    await waitFor(() => expect(screen.getByText('Lesson done.')).toBeInTheDocument(), { timeout: 20_000 });
    expect(within(goals).getAllByText(/\(passing\)/)).toHaveLength(2);
    expect(screen.getByRole('status', { name: 'Debrief' })).toHaveTextContent(/With the timeout, search-users p99 was/);
    expect(stores.lesson.getState().progress.timeouts).toBe('done');
    // The debrief is about the whole run, wherever the playhead is.
    act(() => stores.playback.getState().seek(0));
    expect(screen.getByRole('status', { name: 'Debrief' })).toHaveTextContent(/With the timeout, search-users p99 was/);
    expect(within(goals).getAllByText(/not measured yet/)).toHaveLength(2);

    // Reset: the starting system again (the fix is one Undo away); the lesson stays done.
    await user.click(screen.getByRole('button', { name: 'Reset lesson' }));
    expect(stores.document.getState().document.links?.find((l) => l.to === 'reviews' && l.from === 'gateway')).not.toHaveProperty(
      'timeout',
    );
    undo(stores.document);
    expect(stores.document.getState().document.links?.find((l) => l.to === 'reviews' && l.from === 'gateway')).toHaveProperty(
      'timeout',
      '200ms',
    );

    // Sandbox: lesson mode ends, the system stays.
    const before = stores.document.getState().document;
    await user.click(screen.getByRole('button', { name: 'Sandbox' }));
    expect(screen.queryByRole('complementary', { name: 'Lessons' })).toBeNull();
    expect(stores.document.getState().document).toBe(before);
    expect(stores.run.getState().goals).toBeUndefined();
  }, 60_000);

  it("shows beside each goal the figure of the run before the last change and this run's, at the same point", async () => {
    const user = userEvent.setup();
    const stores = renderLessons();
    const first = lessonById('first-request')!;
    // A run of the Sandbox's system under way: the lesson's goals are set on it too, but it is not the lesson's system.
    await stores.run.start(stores.document.getState().document, 5000);
    await user.click(screen.getByRole('button', { name: 'Lessons' }));
    await user.click(screen.getByRole('button', { name: `Start ${first.title}` }));
    expect(screen.getByTestId('lesson-edit-rule')).toHaveTextContent(/whole run, from 0 s.*Restart keeps them/);
    const goals = screen.getByRole('list', { name: 'Goals' });
    // The lesson's first run: nothing to compare with yet.
    await stores.run.start(stores.document.getState().document, 30_000);
    await waitFor(() => expect(stores.run.getState().goalCheck?.done).toBe(true), { timeout: 20_000 });
    for (const time of [3000, 30_000]) {
      act(() => stores.playback.getState().seek(time));
      expect(within(goals).queryAllByTestId('goal-compare')).toHaveLength(0);
    }

    // Workers 4: the run is simulated again; each goal reads before → after.
    expect(stores.document.getState().dispatch({ type: 'updateNode', id: 'api', patch: { workers: 4 } })).toBeUndefined();
    await stores.run.start(stores.document.getState().document, 30_000);
    await waitFor(() => expect(stores.run.getState().goalCheck?.done).toBe(true), { timeout: 20_000 });
    const before = checkLesson(first, first.scenario),
      after = checkLesson(first, stores.document.getState().document);
    if (!before.ok || !after.ok) throw new Error('the lesson does not validate');
    const shown = () =>
      within(goals)
        .getAllByTestId('goal-compare')
        .map((e) => e.textContent);
    await waitFor(() =>
      expect(shown()).toEqual([
        `p99 ${before.goals[0].figure.value} → ${after.goals[0].figure.value}`,
        `busy ${before.goals[1].figure.value} → ${after.goals[1].figure.value}`,
      ]),
    );
    expect(after.goals[0].measured).toBeLessThan(before.goals[0].measured);
    // At a playhead inside the run: both runs at that checkpoint.
    act(() => stores.playback.getState().seek(15_000));
    const at = (timeline: readonly { time: number; results: readonly { figure: { value: string } }[] }[]) =>
      timeline.find((p) => p.time === 15_000)!.results[0].figure.value;
    expect(shown()[0]).toBe(`p99 ${at(stores.run.getState().previousTimeline)} → ${at(stores.run.getState().goalTimeline)}`);
    expect(
      stores.run
        .getState()
        .previousTimeline.at(-1)!
        .results.map((r) => r.measured),
    ).toEqual(before.goals.map((g) => g.measured));
  }, 60_000);

  it('while a new run plays past where the previous run was measured, each goal still shows a labelled before figure', async () => {
    const user = userEvent.setup();
    const stores = renderLessons();
    const first = lessonById('first-request')!;
    await user.click(screen.getByRole('button', { name: 'Lessons' }));
    await user.click(screen.getByRole('button', { name: `Start ${first.title}` }));
    const goals = screen.getByRole('list', { name: 'Goals' });
    // The lesson's first run, played only to ~5 s: measured at its checkpoints up to there (and at its end once replaced).
    await stores.run.start(stores.document.getState().document, 5000);
    await waitFor(() => expect(stores.run.getState().goalTimeline.at(-1)?.time ?? 0).toBeGreaterThanOrEqual(4500), { timeout: 20_000 });
    expect(stores.run.getState().goalTimeline.at(-1)!.time).toBeLessThan(8000);

    // An edit: the new run plays on to 8 s, past every checkpoint the previous run reached but its end.
    expect(stores.document.getState().dispatch({ type: 'updateNode', id: 'api', patch: { workers: 4 } })).toBeUndefined();
    await stores.run.start(stores.document.getState().document, 30_000);
    await waitFor(() => expect(stores.run.getState().goalCheck?.done).toBe(true), { timeout: 20_000 });
    const previous = stores.run.getState().previousTimeline;
    const earlier = previous.filter((p) => p.time <= 8000).at(-1)!;
    expect(previous.some((p) => p.time === 8000)).toBe(false);
    act(() => stores.playback.getState().seek(8000));
    const shown = within(goals)
      .getAllByTestId('goal-compare')
      .map((e) => e.textContent);
    expect(shown).toHaveLength(first.goals.length);
    expect(shown[0]).toBe(
      `p99 ${earlier.results[0].figure.value} (previous run at ${Number((earlier.time / 1000).toFixed(2))} s) → ${
        stores.run
          .getState()
          .goalTimeline.filter((p) => p.time <= 8000)
          .at(-1)!.results[0].figure.value
      }`,
    );

    // Before the first checkpoint the previous run reached, its end figure, said to be its end.
    act(() => stores.playback.getState().seek(previous[0].time / 2 + 1));
    const early = stores.run.getState().goalTimeline.filter((p) => p.time <= previous[0].time / 2 + 1);
    if (early.length > 0) {
      expect(within(goals).getAllByTestId('goal-compare')[0].textContent).toBe(
        `p99 ${previous.at(-1)!.results[0].figure.value} (previous run, at its end) → ${early.at(-1)!.results[0].figure.value}`,
      );
    }
  }, 60_000);

  it("undo stops at a lesson's start; Sandbox, then Undo, brings back the previous system", async () => {
    const user = userEvent.setup();
    const stores = renderLessons();
    await user.click(screen.getByRole('button', { name: 'Lessons' }));
    await user.click(screen.getByRole('button', { name: `Start ${LESSONS[0].title}` }));
    const start = stores.document.getState().document;
    undo(stores.document);
    expect(stores.document.getState().document).toBe(start);
    await user.click(screen.getByRole('button', { name: 'Sandbox' }));
    undo(stores.document);
    expect(stores.document.getState().document).toEqual(twoNodes);
  });

  it('keeps progress in the browser: after a reload the picker shows what was done and what is in progress', async () => {
    const user = userEvent.setup();
    const first = renderLessons();
    first.lesson.getState().begin(LESSONS[0].id);
    first.lesson.getState().begin('timeouts');
    first.lesson.getState().markDone('timeouts');
    first.view.unmount();

    localStorage.setItem('unrelated', 'x');
    renderLessons();
    await user.click(screen.getByRole('button', { name: 'Lessons' }));
    expect(screen.getByRole('listitem', { name: timeouts.title })).toHaveTextContent('Done');
    expect(screen.getByRole('listitem', { name: LESSONS[0].title })).toHaveTextContent('In progress');
    expect(screen.getByRole('listitem', { name: LESSONS[1].title })).toHaveTextContent('Not started');
  });

  it('ignores unreadable saved progress', () => {
    localStorage.setItem(LESSON_PROGRESS_KEY, '{not json');
    const stores = renderLessons();
    expect(stores.lesson.getState().progress).toEqual({});
    localStorage.setItem(LESSON_PROGRESS_KEY, JSON.stringify({ a: 'done', b: 'weird', c: 3 }));
    expect(createStores(createSimulationApi()).lesson.getState().progress).toEqual({ a: 'done' });
  });
});
