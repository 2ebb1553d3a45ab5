// @vitest-environment jsdom
/**
 * A lesson's locks and emphasis: while a lesson is followed, a node or link it does not name as
 * editable shows read-only in the inspector with a note, and edits of it (a field's commit, a
 * dispatched update or delete) are refused with a notice, the document unchanged; an editable one
 * takes edits; faults stay allowed; Sandbox lifts every lock. The node or link the current step
 * points at carries a class on the canvas. No way round the locks: a new link to or from a locked
 * node (unless the lesson names that link), a paste or duplicate, a delete of a selection that
 * includes a locked part (by key or by the inspector's Delete) are refused alike, nothing changes.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { linkId } from '../../src/model/index.ts';
import { createStores, StoresProvider, type Stores } from '../../src/ui/app/stores.tsx';
import { Canvas } from '../../src/ui/canvas/Canvas.tsx';
import { Inspector } from '../../src/ui/inspector/Inspector.tsx';
import { makeCommit } from '../../src/ui/inspector/useFieldValidation.ts';
import { lockedBy } from '../../src/store/lessonLocks.ts';
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

function renderLesson(lesson = timeouts): Stores {
  const stores = createStores(createSimulationApi(), twoNodes);
  render(
    <StoresProvider stores={stores}>
      <LessonPanel />
      <Inspector />
    </StoresProvider>,
  );
  act(() => startLesson(stores, lesson));
  return stores;
}

const node = (stores: Stores, id: string) => stores.document.getState().document.nodes.find((n) => n.id === id);
const link = (stores: Stores, id: string) => (stores.document.getState().document.links ?? []).find((l) => linkId(l) === id);

describe("a lesson's locks", () => {
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
    act(() => {
      refused = commitWorkers(7);
    });
    expect(refused).toMatch(/reviews is locked in this lesson/);
    act(() => {
      stores.document.getState().dispatch({ type: 'remove', nodeIds: ['reviews'], linkIds: [] });
    });
    act(() => {
      stores.document.getState().dispatch({ type: 'updateLink', id: 'gateway->search', patch: { timeout: '1s' } });
    });
    expect(stores.document.getState().document).toBe(before);
    expect(stores.ui.getState().notice).toEqual({ text: expect.stringMatching(/gateway->search is locked/), tone: 'error' });

    // Faults stay allowed on locked parts.
    act(() => {
      stores.document.getState().dispatch({ type: 'addFault', fault: { kind: 'crash', target: 'reviews', at: '1s', duration: '1s' } });
    });
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
    act(() => {
      result = makeCommit(stores, { kind: 'link', id: EDITABLE }, 'timeout')('200ms');
    });
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
    act(() => {
      result = makeCommit(stores, { kind: 'node', id: 'reviews' }, 'workers')(7);
    });
    expect(result).toBeUndefined();
    expect(node(stores, 'reviews')).toMatchObject({ workers: 7 });
  });
});

describe('the current step on the canvas', () => {
  it('outlines the node or link the current step points at, and nothing once in the sandbox', async () => {
    const user = userEvent.setup();
    const stores = renderWithStores(
      <>
        <Canvas />
        <LessonPanel />
      </>,
      twoNodes,
    );
    act(() => startLesson(stores, timeouts));
    const box = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"] .canvas-node`);
    await waitFor(() => expect(box('reviews')).toHaveClass('is-lesson-highlight'));
    expect(box('gateway')).not.toHaveClass('is-lesson-highlight');
    expect(screen.getAllByRole('listitem').find((li) => li.getAttribute('aria-current') === 'step')).toHaveTextContent(
      timeouts.steps[0].text,
    );

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

describe('no way round the locks', () => {
  const chains = lessonById('chains')!;
  const partitions = lessonById('partitions-and-ordering')!;
  const diagram = () => screen.getByRole('region', { name: 'Diagram' });

  it('refuses a new link from an editable node to a locked one, with the notice of any locked edit', async () => {
    const user = userEvent.setup();
    expect(chains.editable).toEqual(['d']);
    const stores = renderLesson(chains);
    act(() => stores.ui.getState().select({ nodeIds: ['d'] }));
    const before = stores.document.getState().document;
    await user.selectOptions(screen.getByLabelText('Connect to'), 'b');
    expect(stores.document.getState().document).toBe(before);
    expect(stores.ui.getState().notice).toEqual({
      text: 'b is locked in this lesson: you may change d (Sandbox lifts the locks).',
      tone: 'error',
    });
    // From a locked node to the editable one: refused too (a new step in a locked plan).
    act(() => {
      stores.document.getState().dispatch({ type: 'connect', link: { from: 'a', to: 'd' } });
    });
    expect(stores.document.getState().document).toBe(before);
    expect(stores.ui.getState().notice?.text).toMatch(/^a is locked in this lesson/);
    // Sandbox: the same link is made.
    act(() => leaveLesson(stores));
    await user.selectOptions(screen.getByLabelText('Connect to'), 'b');
    expect(link(stores, 'd->b')).toBeDefined();
  });

  it('lets a link the lesson names as editable be made even between locked nodes', () => {
    const doc = {
      version: 1,
      nodes: [
        { id: 'x', kind: 'service' },
        { id: 'y', kind: 'service' },
      ],
      links: [],
    } as never;
    expect(lockedBy({ type: 'connect', link: { from: 'x', to: 'y' } }, doc, ['x->y'])).toBeUndefined();
    expect(lockedBy({ type: 'connect', link: { from: 'x', to: 'y' } }, doc, ['x'])).toMatch(/^y is locked/);
  });

  it('refuses duplicating or pasting copies while a lesson is followed; the selection stays', () => {
    const stores = renderWithStores(<Canvas />, twoNodes);
    act(() => startLesson(stores, timeouts));
    act(() => stores.ui.getState().select({ nodeIds: ['reviews'] }));
    const before = stores.document.getState().document;
    fireEvent.keyDown(diagram(), { key: 'd', ctrlKey: true });
    fireEvent.keyDown(diagram(), { key: 'c', ctrlKey: true });
    fireEvent.keyDown(diagram(), { key: 'v', ctrlKey: true });
    expect(stores.document.getState().document).toBe(before);
    expect(stores.ui.getState().notice).toEqual({ text: expect.stringMatching(/^Copies cannot be added in this lesson/), tone: 'error' });
    expect(stores.ui.getState().selection.nodeIds).toEqual(['reviews']);
    act(() => leaveLesson(stores));
    fireEvent.keyDown(diagram(), { key: 'd', ctrlKey: true });
    expect(node(stores, 'reviews-1')).toBeDefined();
  });

  it("deletes nothing of a selection that includes a locked node, by key or by the inspector's Delete", async () => {
    const user = userEvent.setup();
    expect(partitions.editable).toContain('ledger');
    const stores = renderWithStores(
      <>
        <Canvas />
        <Inspector />
      </>,
      twoNodes,
    );
    act(() => startLesson(stores, partitions));
    const before = stores.document.getState().document;
    act(() => stores.ui.getState().select({ nodeIds: ['ledger', 'balance-1'], linkIds: ['payments->ledger'] }));
    fireEvent.keyDown(diagram(), { key: 'Delete' });
    expect(stores.document.getState().document).toBe(before);
    expect(stores.ui.getState().notice).toEqual({
      text: expect.stringMatching(/^balance-1, ledger->balance-1, ledger->balance-2, ledger->balance-3 are locked in this lesson/),
      tone: 'error',
    });
    expect(stores.ui.getState().selection.nodeIds).toEqual(['ledger', 'balance-1']);

    await user.click(within(screen.getByRole('region', { name: /selected/ })).getByRole('button', { name: 'Delete' }));
    expect(stores.document.getState().document).toBe(before);
    expect(stores.ui.getState().selection.nodeIds).toEqual(['ledger', 'balance-1']);

    act(() => stores.ui.getState().select({ nodeIds: ['balance-2'] }));
    fireEvent.keyDown(diagram(), { key: 'Backspace' });
    expect(node(stores, 'balance-2')).toBeDefined();
    // An editable node goes with its links: those to locked consumers would change them, so it stays too.
    act(() => stores.ui.getState().select({ nodeIds: ['ledger'], linkIds: ['payments->ledger'] }));
    fireEvent.keyDown(diagram(), { key: 'Delete' });
    expect(node(stores, 'ledger')).toBeDefined();
    expect(stores.ui.getState().notice?.text).toMatch(/^ledger->balance-1, ledger->balance-2, ledger->balance-3 are locked/);
  });

  it('lets the learner set up, connect and delete a node they added during the lesson (it is theirs), after a reload too', () => {
    const stores = renderWithStores(
      <>
        <Canvas />
        <Inspector />
      </>,
      twoNodes,
    );
    act(() => startLesson(stores, partitions));
    const dispatch = (command: Parameters<ReturnType<Stores['document']['getState']>['dispatch']>[0]) =>
      act(() => {
        stores.document.getState().dispatch(command);
      });
    dispatch({ type: 'addNode', node: { id: 'audit', kind: 'service' } });
    expect(stores.lesson.getState().own).toEqual(['audit']);
    dispatch({ type: 'updateNode', id: 'audit', patch: { workers: 3 } });
    expect(node(stores, 'audit')).toMatchObject({ workers: 3 });
    // From the editable stream to the learner's own node: both ends theirs to change.
    dispatch({ type: 'connect', link: { from: 'ledger', to: 'audit', kind: 'async' } });
    expect(link(stores, 'ledger->audit')).toBeDefined();
    // To a locked node: still refused.
    dispatch({ type: 'connect', link: { from: 'audit', to: 'balance-1' } });
    expect(link(stores, 'audit->balance-1')).toBeUndefined();
    // Kept with the lesson in the browser: a reload restores it as theirs.
    expect(JSON.parse(localStorage.getItem('crosstalk.lessons.session.v1') ?? '{}').own).toEqual(['audit']);
    act(() => stores.ui.getState().select({ nodeIds: ['audit'] }));
    fireEvent.keyDown(diagram(), { key: 'Delete' });
    expect(node(stores, 'audit')).toBeUndefined();
    // A new lesson starts with nothing of the learner's own.
    act(() => startLesson(stores, timeouts));
    expect(stores.lesson.getState().own).toEqual([]);
  });

  it("keeps the run's seed and duration as the lesson has them (its goals are measured on that run)", () => {
    const stores = renderLesson();
    const before = stores.document.getState().document;
    act(() => {
      stores.document.getState().dispatch({ type: 'updateSettings', patch: { duration: '5s' } });
    });
    expect(stores.document.getState().document).toBe(before);
    expect(stores.ui.getState().notice?.text).toMatch(/^duration is locked in this lesson/);
    act(() => {
      stores.document.getState().dispatch({ type: 'updateSettings', patch: { name: 'Mine' } });
    });
    expect(stores.document.getState().document.name).toBe('Mine');
  });
});
