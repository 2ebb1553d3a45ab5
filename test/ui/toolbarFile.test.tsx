// @vitest-environment jsdom
/**
 * The File menu: keyboard operation, New, Import (every problem shown, nothing changed), Export,
 * the share link (clipboard, or a field to copy by hand), and a broken link at startup.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { undo } from '../../src/store/documentStore.ts';
import { emptyDocument } from '../../src/store/document/commands.ts';
import { initialDocument } from '../../src/ui/persistence/initialDocument.ts';
import { decodeDocument, encodeDocument } from '../../src/ui/persistence/shareCodec.ts';
import { sharePayload } from '../../src/ui/persistence/shareLink.ts';
import { DOCUMENT_KEY } from '../../src/ui/persistence/storage.ts';
import { renderToolbar, twoNodes } from './toolbarSupport.tsx';

const checkoutText = readFileSync(join(process.cwd(), 'simulations/examples/checkout.json'), 'utf8');

async function choose(user: ReturnType<typeof userEvent.setup>, item: string) {
  await user.click(screen.getByRole('button', { name: 'File' }));
  await user.click(screen.getByRole('menuitem', { name: item }));
}

function fileInput(): HTMLInputElement {
  return document.querySelector('input[type="file"]') as HTMLInputElement;
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  vi.restoreAllMocks();
  history.replaceState(null, '', '/');
});

describe('File menu', () => {
  it('is operable by keyboard: arrows move, Escape closes and returns focus', async () => {
    const user = userEvent.setup();
    renderToolbar();
    const button = screen.getByRole('button', { name: 'File' });
    button.focus();
    await user.keyboard('{ArrowDown}');
    const menu = screen.getByRole('menu', { name: 'File' });
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const label = (el: HTMLElement) => {
      const text = el.textContent ?? '',
        hint = el.querySelector('.menu-hint')?.textContent ?? '';
      return text.slice(0, text.length - hint.length);
    };
    expect(within(menu).getAllByRole('menuitem').map(label)).toEqual([
      'New',
      'Import',
      'Export',
      'Copy share link',
      'Export PNG',
      'Export SVG',
      'Export trace (OTLP JSON)',
      'Export trace (Chrome/Perfetto)',
      'Export metrics (CSV)',
    ]);
    expect(screen.getByRole('menuitem', { name: 'New' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'Import' })).toHaveFocus();
    await user.keyboard('{End}');
    expect(screen.getByRole('menuitem', { name: 'Export metrics (CSV)' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'New' })).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(screen.getByRole('menuitem', { name: 'Export metrics (CSV)' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it('closes on a click elsewhere', async () => {
    const user = userEvent.setup();
    renderToolbar();
    await user.click(screen.getByRole('button', { name: 'File' }));
    expect(screen.getByRole('menu')).toBeInTheDocument();
    await user.click(document.body);
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
  });

  it('New empties the document, undoably', async () => {
    const user = userEvent.setup();
    const stores = renderToolbar(twoNodes);
    await choose(user, 'New');
    expect(stores.document.getState().document).toEqual(emptyDocument());
    act(() => undo(stores.document));
    expect(stores.document.getState().document).toEqual(twoNodes);
  });
});

describe('Import', () => {
  it('shows every problem of an invalid file in an alert dialog and changes nothing', async () => {
    const user = userEvent.setup();
    const stores = renderToolbar(twoNodes);
    await choose(user, 'Import');
    const bad = {
      version: 1,
      nodes: [
        { id: 'web', kind: 'client', target: 'ghost', workload: { pattern: 'poisson', rate: -1 } },
        { id: 'api', kind: 'service', workers: 0 },
      ],
    };
    await user.upload(fileInput(), new File([JSON.stringify(bad)], 'bad.json', { type: 'application/json' }));

    const dialog = await screen.findByRole('alertdialog', { name: 'Import failed' });
    const items = within(dialog)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^nodes\[0\]\.target: no node has the id "ghost"/),
        expect.stringMatching(/^nodes\[0\]\.workload\.rate: /),
        expect.stringMatching(/^nodes\[1\]\.workers: /),
      ]),
    );
    expect(dialog).toHaveTextContent('bad.json');
    expect(stores.document.getState().document).toBe(twoNodes);
    expect(stores.document.temporal.getState().pastStates).toHaveLength(0);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('reports a file that is not JSON at all', async () => {
    const user = userEvent.setup();
    const stores = renderToolbar(twoNodes);
    await user.upload(fileInput(), new File(['nodes: [web, api]'], 'broken.json'));
    const dialog = await screen.findByRole('alertdialog', { name: 'Import failed' });
    expect(within(dialog).getByRole('listitem')).toHaveTextContent(/\(document\): is not valid JSON/);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(stores.document.getState().document).toBe(twoNodes);
  });

  it('opens a valid file, says so, and Undo brings the old document back', async () => {
    const user = userEvent.setup();
    const stores = renderToolbar(twoNodes);
    await user.upload(fileInput(), new File([checkoutText], 'checkout.json', { type: 'application/json' }));
    await waitFor(() => expect(stores.document.getState().document).toEqual(JSON.parse(checkoutText)));
    expect(stores.ui.getState().notice?.text).toMatch(/Imported "checkout.json"/);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    act(() => undo(stores.document));
    expect(stores.document.getState().document).toEqual(twoNodes);
  });
});

describe('Export', () => {
  it('downloads <name>.json holding the document as pretty JSON', async () => {
    const user = userEvent.setup();
    let blob: Blob | undefined;
    URL.createObjectURL = vi.fn((b: Blob) => {
      blob = b;
      return 'blob:test';
    });
    URL.revokeObjectURL = vi.fn();
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    renderToolbar(twoNodes);
    await choose(user, 'Export');
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('Two-nodes.json');
    expect(clicked[0].href).toBe('blob:test');
    const text = await blob!.text();
    expect(JSON.parse(text)).toEqual(twoNodes);
    expect(text).toContain('\n  "nodes"');
  });

  it('says so when there is no diagram to draw yet', async () => {
    const user = userEvent.setup();
    const stores = renderToolbar(twoNodes);
    await choose(user, 'Export PNG');
    await waitFor(() =>
      expect(stores.ui.getState().notice).toMatchObject({ tone: 'error', text: expect.stringMatching(/PNG.*no diagram/) }),
    );
  });
});

describe('Copy share link', () => {
  const setClipboard = (value: unknown) => Object.defineProperty(navigator, 'clipboard', { value, configurable: true });

  it('copies a link to this page whose hash opens exactly this document', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async (_: string) => {});
    setClipboard({ writeText });
    const stores = renderToolbar(twoNodes);
    await choose(user, 'Copy share link');
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    const url = new URL(writeText.mock.calls[0][0]);
    expect(url.origin + url.pathname).toBe(location.origin + location.pathname);
    expect(decodeDocument(sharePayload(url.hash) ?? '')).toEqual({ ok: true, document: twoNodes });
    expect(stores.ui.getState().notice?.text).toMatch(/Share link copied/);
  });

  it('offers the link in a field to copy by hand when the clipboard refuses', async () => {
    const user = userEvent.setup();
    setClipboard({ writeText: () => Promise.reject(new Error('NotAllowedError')) });
    renderToolbar(twoNodes);
    await choose(user, 'Copy share link');
    const dialog = await screen.findByRole('dialog', { name: 'Copy share link' });
    const field = within(dialog).getByRole('textbox', { name: 'Share link' });
    expect(field).toHaveFocus();
    expect(decodeDocument(sharePayload(new URL((field as HTMLInputElement).value).hash) ?? '')).toMatchObject({ ok: true });
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});

describe('startup and autosave', () => {
  it('shows every problem of a broken share link and opens the autosave instead', async () => {
    localStorage.setItem(DOCUMENT_KEY, JSON.stringify(twoNodes));
    const link = encodeDocument({
      version: 1,
      nodes: [
        { id: 'a', kind: 'service', workers: 'many' },
        { id: 'b', kind: 'client', target: 'zzz', workload: { pattern: 'poisson', rate: 1 } },
      ],
    });
    history.replaceState(null, '', `/#s=${link}`);
    const doc = initialDocument();
    expect(doc).toEqual(twoNodes);
    renderToolbar(doc);
    const dialog = await screen.findByRole('alertdialog', { name: 'Share link failed' });
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/^nodes\[0\]\.workers: /), expect.stringMatching(/^nodes\[1\]\.target: /)]));
    expect(localStorage.getItem(DOCUMENT_KEY)).toBe(JSON.stringify(twoNodes));
  });

  it('saves each change to localStorage, and drops an opened share link from the address once edited', async () => {
    history.replaceState(null, '', `/#s=${encodeDocument(twoNodes)}`);
    const stores = renderToolbar(initialDocument());
    expect(location.hash).not.toBe('');
    act(() => stores.document.getState().dispatch({ type: 'updateSettings', patch: { name: 'Edited' } }));
    expect(location.hash).toBe('');
    await waitFor(() =>
      expect(JSON.parse(localStorage.getItem(DOCUMENT_KEY) ?? '{}')).toMatchObject({ name: 'Edited', nodes: twoNodes.nodes }),
    );
    await waitFor(() => expect(stores.ui.getState().notice?.text).toMatch(/Opened the shared system "Two nodes"/));
  });

  it('opens a share link over the autosaved system, which Undo brings back', async () => {
    const user = userEvent.setup();
    localStorage.setItem(DOCUMENT_KEY, JSON.stringify(twoNodes));
    const linked = JSON.parse(checkoutText);
    history.replaceState(null, '', `/#s=${encodeDocument(linked)}`);
    const stores = renderToolbar(initialDocument());
    expect(stores.document.getState().document).toEqual(linked);
    expect(
      screen
        .getAllByRole('status')
        .map((el) => el.textContent)
        .join(' '),
    ).toMatch(/Undo brings back the system you had/);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(stores.document.getState().document).toEqual(twoNodes);
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(stores.document.getState().document).toEqual(linked);
  });

  it('tells that an unreadable autosave was set aside', () => {
    localStorage.setItem(DOCUMENT_KEY, '{ not json');
    const stores = renderToolbar(initialDocument());
    expect(stores.document.getState().document).toEqual(emptyDocument());
    expect(screen.getByRole('alert')).toHaveTextContent(/autosaved system could not be opened/);
  });
});
