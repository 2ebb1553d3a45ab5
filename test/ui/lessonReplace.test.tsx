// @vitest-environment jsdom
/**
 * A lesson's system is replaced only by the lesson: importing a file, File ▸ New, an example or a
 * share link opened while a lesson is followed would otherwise put another system under its locks
 * and goals (a locked part changed in a file comes in, and the goals pass on it). The guard every
 * edit passes refuses such a replacement; the page asks first, in a dialog: leave the lesson for
 * the Sandbox and open the new system there, or stay in the lesson (nothing changes).
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyDocument, type DocumentOrigin } from '../../src/store/document/commands.ts';
import { lockedBy } from '../../src/store/lessonLocks.ts';
import { LESSON_SESSION_KEY } from '../../src/store/lessonStore.ts';
import { createStores, StoresProvider, type Stores } from '../../src/ui/app/stores.tsx';
import { startLesson } from '../../src/ui/lessons/LessonPanel.tsx';
import { lessonById } from '../../src/ui/lessons/lessonCatalog.ts';
import { encodeDocument } from '../../src/ui/persistence/shareCodec.ts';
import { Toolbar } from '../../src/ui/toolbar/Toolbar.tsx';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { twoNodes } from './toolbarSupport.tsx';

const timeouts = lessonById('timeouts')!;
const EDITABLE = 'gateway->reviews';
const checkoutText = readFileSync(join(process.cwd(), 'simulations/examples/checkout.json'), 'utf8');

beforeEach(() => localStorage.clear());
afterEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/');
});

/** The toolbar over stores following the timeouts lesson. */
function inLesson(): Stores {
  const stores = createStores(createSimulationApi(), twoNodes);
  render(
    <StoresProvider stores={stores}>
      <Toolbar />
    </StoresProvider>,
  );
  act(() => startLesson(stores, timeouts));
  return stores;
}

const doc = (stores: Stores) => stores.document.getState().document;
const fileInput = () => document.querySelector('input[type="file"]') as HTMLInputElement;
const checkoutFile = () => new File([checkoutText], 'checkout.json', { type: 'application/json' });

describe('the guard', () => {
  it("refuses every replacement of a lesson's system but the lesson's own, whatever its origin", () => {
    const origins: (DocumentOrigin | undefined)[] = ['import', 'link', 'example', 'new', undefined];
    for (const origin of origins) {
      expect(lockedBy({ type: 'replaceDocument', document: emptyDocument(), origin }, twoNodes, [EDITABLE]), String(origin)).toMatch(
        /leave the lesson first \(Sandbox\)/,
      );
    }
    expect(lockedBy({ type: 'replaceDocument', document: emptyDocument(), origin: 'lesson' }, twoNodes, [EDITABLE])).toBeUndefined();
  });

  it('holds for a replacement dispatched straight to the store: nothing changes, the lesson goes on, a notice says why', () => {
    const stores = inLesson();
    const start = doc(stores);
    let refused: string | undefined;
    act(() => {
      refused = stores.document.getState().dispatch({ type: 'replaceDocument', document: JSON.parse(checkoutText), origin: 'import' });
    });
    expect(refused).toMatch(/Importing a file would replace this lesson's system/);
    expect(doc(stores)).toBe(start);
    expect(stores.lesson.getState().activeId).toBe('timeouts');
    expect(stores.ui.getState().notice).toMatchObject({ tone: 'error', text: refused });
  });
});

describe('while a lesson is followed', () => {
  it('importing a file asks first; staying keeps the lesson and its system, leaving opens the file in the Sandbox', async () => {
    const user = userEvent.setup();
    const stores = inLesson();
    const start = doc(stores);

    await user.upload(fileInput(), checkoutFile());
    let dialog = await screen.findByRole('alertdialog', { name: 'Leave the lesson?' });
    expect(dialog).toHaveTextContent(/Importing "checkout.json" replaces the system of the lesson you are following/);
    expect(within(dialog).getByRole('button', { name: 'Stay in the lesson' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Stay in the lesson' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(doc(stores)).toBe(start);
    expect(stores.lesson.getState().activeId).toBe('timeouts');

    await user.upload(fileInput(), checkoutFile());
    dialog = await screen.findByRole('alertdialog', { name: 'Leave the lesson?' });
    await user.click(within(dialog).getByRole('button', { name: 'Leave the lesson and import' }));
    expect(doc(stores)).toEqual(JSON.parse(checkoutText));
    expect(stores.lesson.getState().activeId).toBeUndefined();
    expect(stores.lesson.getState().progress.timeouts).toBe('in-progress');
    expect(localStorage.getItem(LESSON_SESSION_KEY)).toBeNull();
    expect(stores.ui.getState().notice?.text).toMatch(/Left the lesson for the Sandbox: imported "checkout.json"/);
  });

  it('Escape answers "stay"', async () => {
    const user = userEvent.setup();
    const stores = inLesson();
    const start = doc(stores);
    await user.upload(fileInput(), checkoutFile());
    await screen.findByRole('alertdialog', { name: 'Leave the lesson?' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(doc(stores)).toBe(start);
    expect(stores.lesson.getState().activeId).toBe('timeouts');
  });

  it('File ▸ New asks first too', async () => {
    const user = userEvent.setup();
    const stores = inLesson();
    await user.click(screen.getByRole('button', { name: 'File' }));
    await user.click(screen.getByRole('menuitem', { name: 'New' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Leave the lesson?' });
    await user.click(within(dialog).getByRole('button', { name: 'Leave the lesson and start a new system' }));
    expect(doc(stores)).toEqual(emptyDocument());
    expect(stores.lesson.getState().activeId).toBeUndefined();
  });

  it('a share link opened in the address of the open page asks first; staying takes it out of the address', async () => {
    const user = userEvent.setup();
    const stores = inLesson();
    const start = doc(stores);
    act(() => {
      location.hash = `#s=${encodeDocument(twoNodes)}`;
    });
    let dialog = await screen.findByRole('alertdialog', { name: 'Leave the lesson?' });
    expect(dialog).toHaveTextContent(/Opening the shared system "Two nodes" replaces the system of the lesson/);
    await user.click(within(dialog).getByRole('button', { name: 'Stay in the lesson' }));
    expect(doc(stores)).toBe(start);
    expect(location.hash).toBe('');

    act(() => {
      location.hash = `#s=${encodeDocument(twoNodes)}`;
    });
    dialog = await screen.findByRole('alertdialog', { name: 'Leave the lesson?' });
    await user.click(within(dialog).getByRole('button', { name: 'Leave the lesson and open the link' }));
    expect(doc(stores)).toEqual(twoNodes);
    expect(stores.lesson.getState().activeId).toBeUndefined();
    expect(stores.ui.getState().notice?.text).toMatch(/Left the lesson for the Sandbox: opened the shared system "Two nodes"/);
  });
});

describe('in the Sandbox', () => {
  it('a share link opened in the address of the open page opens at once, undoably', async () => {
    const stores = createStores(createSimulationApi(), emptyDocument());
    render(
      <StoresProvider stores={stores}>
        <Toolbar />
      </StoresProvider>,
    );
    act(() => {
      location.hash = `#s=${encodeDocument(twoNodes)}`;
    });
    await waitFor(() => expect(doc(stores)).toEqual(twoNodes));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(stores.ui.getState().notice?.text).toMatch(/Opened the shared system "Two nodes"/);
  });
});
