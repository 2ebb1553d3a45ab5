// @vitest-environment jsdom
/**
 * A lesson's locks and emphasis: while a lesson is followed, a node or link it does not name as
 * editable shows read-only in the inspector with a note, and edits of it (a field's commit, a
 * dispatched update or delete) are refused with a notice, the document unchanged; an editable one
 * takes edits; faults stay allowed; Sandbox lifts every lock. The node or link the current step
 * points at carries a class on the canvas.
 */
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { linkId } from '../../src/model/index.ts';
import { createStores, StoresProvider, type Stores } from '../../src/ui/app/stores.tsx';
import { Canvas } from '../../src/ui/canvas/Canvas.tsx';
import { Inspector } from '../../src/ui/inspector/Inspector.tsx';
import { makeCommit } from '../../src/ui/inspector/useFieldValidation.ts';
import { leaveLesson, LessonPanel, startLesson } from '../../src/ui/lessons/LessonPanel.tsx';
import { lessonById } from '../../src/ui/lessons/lessonCatalog.ts';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { renderWithStores, stubLayout } from './canvasHarness.tsx';
import { twoNodes } from './toolbarSupport.tsx';

const timeouts = lessonById('timeouts')!;
const EDITABLE = 'gateway->reviews';

beforeAll(() => stubLayout());
beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());

function renderLesson(): Stores {
  const stores = createStores(createSimulationApi(), twoNodes);
  render(<StoresProvider stores={stores}><LessonPanel /><Inspector /></StoresProvider>);
  act(() => startLesson(stores, timeouts));
  return stores;
}

const node = (stores: Stores, id: string) => stores.document.getState().document.nodes.find((n) => n.id === id);
const link = (stores: Stores, id: string) => (stores.document.getState().document.links ?? []).find((l) => linkId(l) === id);

describe('a lesson\'s locks', () => {
  it('the lesson makes only its editable link changeable', () => {
    expect(timeouts.editable).toEqual([EDITABLE]);
  });

  it('shows a locked node read-only with a note, and refuses edits of it with a notice', () => {
    const stores = renderLesson();
    act(() => stores.ui.getState().select({ nodeIds: ['reviews'] }));
    expect(screen.getByRole('note')).toHaveTextContent(`Locked in this lesson: you may change ${EDITABLE}`);
    expect(screen.getByLabelText('Workers')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Delete node' })).toBeDisabled();

    const before = stores.document.getState().document;
    const commitWorkers = makeCommit(stores, { kind: 'node', id: 'reviews' }, 'workers');
    let refused: string | undefined;
    act(() => { refused = commitWorkers(7); });
    expect(refused).toMatch(/reviews is locked in this lesson/);
    act(() => { stores.document.getState().dispatch({ type: 'remove', nodeIds: ['reviews'], linkIds: [] }); });
    act(() => { stores.document.getState().dispatch({ type: 'updateLink', id: 'gateway->search', patch: { timeout: '1s' } }); });
    expect(stores.document.getState().document).toBe(before);
    expect(stores.ui.getState().notice).toEqual({ text: expect.stringMatching(/gateway->search is locked/), tone: 'error' });

    // Faults stay allowed on locked parts.
    act(() => { stores.document.getState().dispatch({ type: 'addFault', fault: { kind: 'crash', target: 'reviews', at: '1s', duration: '1s' } }); });
    expect(stores.document.getState().document.faults).toHaveLength((before.faults ?? []).length + 1);
  });

  it('lets the editable link be changed, from its inspector fields', async () => {
    const user = userEvent.setup();
    const stores = renderLesson();
    act(() => stores.ui.getState().select({ linkIds: [EDITABLE] }));
    expect(screen.queryByRole('note')).toBeNull();
    const loss = screen.getByLabelText('Loss');
    expect(loss).toBeEnabled();
    await user.clear(loss);
    await user.type(loss, '5{Enter}');
    expect(link(stores, EDITABLE)?.loss).toBeCloseTo(0.05);
    let result: string | undefined = 'not run';
    act(() => { result = makeCommit(stores, { kind: 'link', id: EDITABLE }, 'timeout')('200ms'); });
    expect(result).toBeUndefined();
    expect(link(stores, EDITABLE)?.timeout).toBe('200ms');
  });

  it('Sandbox lifts every lock', () => {
    const stores = renderLesson();
    act(() => stores.ui.getState().select({ nodeIds: ['reviews'] }));
    expect(screen.getByLabelText('Workers')).toBeDisabled();
    act(() => leaveLesson(stores));
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.getByLabelText('Workers')).toBeEnabled();
    let result: string | undefined = 'not run';
    act(() => { result = makeCommit(stores, { kind: 'node', id: 'reviews' }, 'workers')(7); });
    expect(result).toBeUndefined();
    expect(node(stores, 'reviews')).toMatchObject({ workers: 7 });
  });
});

describe('the current step on the canvas', () => {
  it('outlines the node or link the current step points at, and nothing once in the sandbox', async () => {
    const user = userEvent.setup();
    const stores = renderWithStores(<><Canvas /><LessonPanel /></>, twoNodes);
    act(() => startLesson(stores, timeouts));
    const box = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"] .canvas-node`);
    await waitFor(() => expect(box('reviews')).toHaveClass('is-lesson-highlight'));
    expect(box('gateway')).not.toHaveClass('is-lesson-highlight');
    expect(screen.getAllByRole('listitem').find((li) => li.getAttribute('aria-current') === 'step')).toHaveTextContent(timeouts.steps[0].text);

    await user.click(screen.getByRole('button', { name: 'Next step' }));
    await waitFor(() => expect(box('gateway')).toHaveClass('is-lesson-highlight'));
    expect(box('reviews')).not.toHaveClass('is-lesson-highlight');

    await user.click(screen.getByRole('button', { name: `Show ${EDITABLE}` }));
    await waitFor(() => expect(document.querySelector(`.canvas-edge-label[data-link="${EDITABLE}"]`)).toHaveClass('is-lesson-highlight'));
    expect(document.querySelector('.canvas-node.is-lesson-highlight')).toBeNull();

    act(() => leaveLesson(stores));
    expect(document.querySelector('.is-lesson-highlight')).toBeNull();
  });
});
