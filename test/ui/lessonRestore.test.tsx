// @vitest-environment jsdom
/**
 * A lesson followed comes back after a reload: the panel reopens on that lesson, at the step the
 * learner was on, with the hints they had revealed, its goals measured and its locks in force;
 * the system on the canvas is the learner's edited one (autosaved), not the lesson's start.
 * Sandbox is kept as such. A corrupt or unknown saved lesson is ignored, never thrown; a lesson no
 * longer shipped is left; a page opened on a share link does not bring the lesson back.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkId } from '../../src/model/index.ts';
import { LESSON_SESSION_KEY, readSession } from '../../src/store/lessonStore.ts';
import { createStores, StoresProvider, type Stores } from '../../src/ui/app/stores.tsx';
import { Inspector } from '../../src/ui/inspector/Inspector.tsx';
import { LessonPanel } from '../../src/ui/lessons/LessonPanel.tsx';
import { lessonById } from '../../src/ui/lessons/lessonCatalog.ts';
import { initialDocument, startupSource, takeStartupReport } from '../../src/ui/persistence/initialDocument.ts';
import { encodeDocument } from '../../src/ui/persistence/shareCodec.ts';
import { Toolbar } from '../../src/ui/toolbar/Toolbar.tsx';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { twoNodes } from './toolbarSupport.tsx';

const timeouts = lessonById('timeouts')!;
const EDITABLE = 'gateway->reviews';

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());

/** Opens the page as App does: the document from the address or the autosave, the lesson back only over the autosaved one. */
function openPage(hash = ''): Stores & { unmount: () => void } {
  const document = initialDocument({ hash, storage: localStorage });
  const stores = createStores(createSimulationApi(), document, { restoreLesson: startupSource() === 'saved' });
  const view = render(
    <StoresProvider stores={stores}>
      <Toolbar />
      <LessonPanel />
      <Inspector />
    </StoresProvider>,
  );
  takeStartupReport();
  return Object.assign(stores, { unmount: () => view.unmount() });
}

const linkOf = (stores: Stores, id: string) => (stores.document.getState().document.links ?? []).find((l) => linkId(l) === id);

describe('a lesson after a reload', () => {
  it("reopens on the same lesson, step and hints, over the learner's edited system, with its locks and goals", async () => {
    const user = userEvent.setup();
    localStorage.setItem('crosstalk.document.v1', JSON.stringify(twoNodes));
    const first = openPage();
    await user.click(screen.getByRole('button', { name: 'Lessons' }));
    await user.click(screen.getByRole('button', { name: `Start ${timeouts.title}` }));
    act(() => {
      first.document.getState().dispatch({ type: 'updateLink', id: EDITABLE, patch: { timeout: '200ms' } });
    });
    await user.click(screen.getByRole('button', { name: 'Next step' }));
    await user.click(screen.getByRole('button', { name: /Show a hint/ }));
    first.unmount(); // the page goes: the autosave is flushed

    const stores = openPage();
    // Locked from the first moment, before anything has rendered again.
    expect(stores.lesson.getState()).toMatchObject({ activeId: 'timeouts', step: 1, hintsShown: 1, editable: [EDITABLE] });
    const panel = await screen.findByRole('complementary', { name: 'Lessons' });
    expect(within(panel).getByRole('heading', { name: `${timeouts.order}. ${timeouts.title}` })).toBeInTheDocument();
    expect(
      within(panel)
        .getAllByRole('listitem')
        .find((li) => li.getAttribute('aria-current') === 'step'),
    ).toHaveTextContent(timeouts.steps[1].text);
    expect(panel).toHaveTextContent(timeouts.hints[0]);
    expect(panel).not.toHaveTextContent(timeouts.hints[1]);
    // The learner's system, not the lesson's start.
    expect(linkOf(stores, EDITABLE)?.timeout).toBe('200ms');
    expect(stores.document.getState().document.nodes.map((n) => n.id)).toContain('reviews');
    await waitFor(() => expect(stores.run.getState().goals).toBe(timeouts.goals));
    const before = stores.document.getState().document;
    act(() => {
      stores.document.getState().dispatch({ type: 'updateNode', id: 'reviews', patch: { workers: 9 } });
    });
    expect(stores.document.getState().document).toBe(before);
    expect(stores.ui.getState().notice?.text).toMatch(/reviews is locked in this lesson/);
    act(() => stores.ui.getState().select({ nodeIds: ['reviews'] }));
    expect(screen.getByRole('note')).toHaveTextContent('Locked in this lesson');

    // Sandbox is kept too: after the next reload, no lesson and no locks, the system as it was.
    await user.click(within(panel).getByRole('button', { name: 'Sandbox' }));
    expect(localStorage.getItem(LESSON_SESSION_KEY)).toBeNull();
    stores.unmount();
    const sandbox = openPage();
    expect(sandbox.lesson.getState().activeId).toBeUndefined();
    expect(screen.queryByRole('complementary', { name: 'Lessons' })).toBeNull();
    expect(linkOf(sandbox, EDITABLE)?.timeout).toBe('200ms');
  });

  it('ignores a corrupt saved lesson and never throws', () => {
    for (const text of [
      '{not json',
      'null',
      '[]',
      '"timeouts"',
      '{}',
      JSON.stringify({ activeId: 3, step: 0, hintsShown: 0, editable: [] }),
      JSON.stringify({ activeId: 'timeouts', step: -1, hintsShown: 0, editable: [] }),
      JSON.stringify({ activeId: 'timeouts', step: 1.5, hintsShown: 0, editable: [] }),
      JSON.stringify({ activeId: 'timeouts', step: 0, hintsShown: 'x', editable: [] }),
      JSON.stringify({ activeId: 'timeouts', step: 0, hintsShown: 0, editable: 'all' }),
      JSON.stringify({ activeId: 'timeouts', step: 0, hintsShown: 0, editable: [1] }),
      JSON.stringify({ activeId: '', step: 0, hintsShown: 0, editable: [] }),
    ]) {
      localStorage.setItem(LESSON_SESSION_KEY, text);
      expect(readSession(localStorage), text).toBeUndefined();
      expect(createStores(createSimulationApi(), twoNodes).lesson.getState().activeId, text).toBeUndefined();
    }
    const throwing = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => undefined,
    };
    expect(readSession(throwing)).toBeUndefined();
    expect(
      readSession({
        getItem: () => JSON.stringify({ activeId: 'timeouts', step: 2, hintsShown: 1, editable: null }),
        setItem: () => undefined,
      }),
    ).toEqual({ activeId: 'timeouts', step: 2, hintsShown: 1, editable: undefined, own: [] });
  });

  it('leaves a saved lesson that is no longer shipped, lifting its locks', async () => {
    localStorage.setItem('crosstalk.document.v1', JSON.stringify(twoNodes));
    localStorage.setItem(LESSON_SESSION_KEY, JSON.stringify({ activeId: 'gone-lesson', step: 0, hintsShown: 0, editable: [] }));
    const stores = openPage();
    await waitFor(() => expect(stores.lesson.getState().activeId).toBeUndefined());
    expect(stores.document.getState().dispatch({ type: 'updateNode', id: 'api', patch: { workers: 3 } })).toBeUndefined();
    expect(localStorage.getItem(LESSON_SESSION_KEY)).toBeNull();
  });

  it('clamps a saved step beyond the lesson to its last one', async () => {
    localStorage.setItem('crosstalk.document.v1', JSON.stringify(timeouts.scenario));
    localStorage.setItem(LESSON_SESSION_KEY, JSON.stringify({ activeId: 'timeouts', step: 99, hintsShown: 99, editable: [EDITABLE] }));
    openPage();
    const panel = await screen.findByRole('complementary', { name: 'Lessons' });
    expect(
      within(panel)
        .getAllByRole('listitem')
        .find((li) => li.getAttribute('aria-current') === 'step'),
    ).toHaveTextContent(timeouts.steps[timeouts.steps.length - 1].text);
    expect(within(panel).getByRole('list', { name: 'Hints' }).children).toHaveLength(timeouts.hints.length);
  });

  it('does not bring the lesson back over a shared system opened from a link', () => {
    localStorage.setItem('crosstalk.document.v1', JSON.stringify(timeouts.scenario));
    localStorage.setItem(LESSON_SESSION_KEY, JSON.stringify({ activeId: 'timeouts', step: 0, hintsShown: 0, editable: [EDITABLE] }));
    const stores = openPage(`#s=${encodeDocument(twoNodes)}`);
    expect(stores.lesson.getState().activeId).toBeUndefined();
    expect(stores.document.getState().document.name).toBe(twoNodes.name);
  });

  it('leaves the lesson for good when a share link is opened over it, and says so: a later reload does not bring it back over the shared system', () => {
    localStorage.setItem('crosstalk.document.v1', JSON.stringify(timeouts.scenario));
    localStorage.setItem(LESSON_SESSION_KEY, JSON.stringify({ activeId: 'timeouts', step: 0, hintsShown: 0, editable: [EDITABLE] }));
    const document = initialDocument({ hash: `#s=${encodeDocument(twoNodes)}`, storage: localStorage });
    expect(takeStartupReport()?.notice?.text).toMatch(
      /Opened the shared system "Two nodes" in the Sandbox: the lesson you were following was left/,
    );
    const stores = createStores(createSimulationApi(), document, { restoreLesson: startupSource() === 'saved' });
    expect(stores.lesson.getState().activeId).toBeUndefined();
    expect(localStorage.getItem(LESSON_SESSION_KEY)).toBeNull();
    // The shared system, edited and autosaved; the page reloaded without the link.
    localStorage.setItem('crosstalk.document.v1', JSON.stringify(twoNodes));
    const again = openPage();
    expect(again.lesson.getState().activeId).toBeUndefined();
  });
});
