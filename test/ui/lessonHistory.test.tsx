// @vitest-environment jsdom
/**
 * Undo stops at a lesson's start: starting a lesson loads its system, and no undo (the toolbar's
 * button, the keyboard, the store's own) goes back past it to the system before, which the lesson's
 * locks and goals were never meant for. Within the lesson undo works as ever (edits, a reset); a
 * lesson started over another starts afresh; leaving for the Sandbox brings the history before the
 * lesson back, so the system one had is one Undo past the lesson's start again.
 */
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkId } from '../../src/model/index.ts';
import { undo, redo } from '../../src/store/documentStore.ts';
import { createStores, StoresProvider, type Stores } from '../../src/ui/app/stores.tsx';
import { leaveLesson, startLesson } from '../../src/ui/lessons/LessonPanel.tsx';
import { lessonById } from '../../src/ui/lessons/lessonCatalog.ts';
import { UndoRedoButtons } from '../../src/ui/toolbar/UndoRedoButtons.tsx';
import { useUndoShortcuts } from '../../src/ui/toolbar/useUndoShortcuts.ts';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { twoNodes } from './toolbarSupport.tsx';

const timeouts = lessonById('timeouts')!;
const retries = lessonById('retries')!;

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());

const doc = (stores: Stores) => stores.document.getState().document;
const timeoutOf = (stores: Stores, id: string) => (doc(stores).links ?? []).find((l) => linkId(l) === id)?.timeout;

/** Stores over a system with two edits of its own behind it (so there is history to go back to). */
function storesWithHistory(): Stores {
  const stores = createStores(createSimulationApi(), twoNodes);
  stores.document.getState().dispatch({ type: 'updateNode', id: 'api', patch: { workers: 2 } });
  stores.document.getState().dispatch({ type: 'updateNode', id: 'api', patch: { workers: 3 } });
  return stores;
}

function Toolbar({ stores }: { stores: Stores }) {
  useUndoShortcuts(stores.document);
  return <UndoRedoButtons />;
}

describe("undo and a lesson's start", () => {
  it("undo from the store, again and again, keeps the lesson's system", () => {
    const stores = storesWithHistory();
    startLesson(stores, timeouts);
    const start = doc(stores);
    expect(start).toEqual(timeouts.scenario);
    for (let i = 0; i < 5; i++) undo(stores.document);
    expect(doc(stores)).toEqual(start);
    expect(stores.document.temporal.getState().pastStates).toHaveLength(0);
  });

  it("the toolbar's Undo is disabled at the lesson's start, and Ctrl+Z changes nothing", async () => {
    const stores = storesWithHistory();
    render(
      <StoresProvider stores={stores}>
        <Toolbar stores={stores} />
      </StoresProvider>,
    );
    expect(screen.getByRole('button', { name: 'Undo' })).toBeEnabled();
    act(() => startLesson(stores, timeouts));
    const start = doc(stores);
    expect(screen.getByRole('button', { name: 'Undo' })).toBeDisabled();
    for (let i = 0; i < 3; i++) await userEvent.keyboard('{Control>}z{/Control}');
    expect(doc(stores)).toBe(start);
  });

  it("undoes the learner's edits back to the start and no further; a reset is undone back to those edits", () => {
    const stores = storesWithHistory();
    startLesson(stores, timeouts);
    const start = doc(stores);
    const original = timeoutOf(stores, 'gateway->reviews');
    expect(
      stores.document.getState().dispatch({ type: 'updateLink', id: 'gateway->reviews', patch: { timeout: '200ms' } }),
    ).toBeUndefined();
    const edited = doc(stores);
    startLesson(stores, timeouts, true);
    expect(doc(stores)).toEqual(start);
    undo(stores.document);
    expect(doc(stores)).toBe(edited);
    undo(stores.document);
    undo(stores.document);
    expect(doc(stores)).toEqual(start);
    expect(timeoutOf(stores, 'gateway->reviews')).toBe(original);
    redo(stores.document);
    expect(timeoutOf(stores, 'gateway->reviews')).toBe('200ms');
  });

  it('a lesson started over another starts afresh: undo goes back to neither the other lesson nor the sandbox', () => {
    const stores = storesWithHistory();
    startLesson(stores, timeouts);
    startLesson(stores, retries);
    const start = doc(stores);
    undo(stores.document);
    expect(doc(stores)).toBe(start);
    expect(start).toEqual(retries.scenario);
  });

  it("Sandbox brings back the history before the lesson: the system one had is one Undo past the lesson's start", () => {
    const stores = storesWithHistory();
    const before = doc(stores);
    startLesson(stores, timeouts);
    stores.document.getState().dispatch({ type: 'updateLink', id: 'gateway->reviews', patch: { timeout: '200ms' } });
    leaveLesson(stores);
    undo(stores.document);
    expect(doc(stores)).toEqual(timeouts.scenario);
    undo(stores.document);
    expect(doc(stores)).toBe(before);
    undo(stores.document);
    expect(doc(stores).nodes.find((n) => n.id === 'api')).toMatchObject({ workers: 2 });
  });
});
