// @vitest-environment jsdom
/**
 * The toolbar's own controls: undo/redo (buttons and shortcuts), the canvas commands, panel
 * toggles, the theme (chosen, remembered, else the system's) and the status line.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerCanvasActions } from '../../src/ui/canvas/canvasBridge.ts';
import { THEME_KEY } from '../../src/ui/persistence/storage.ts';
import { renderToolbar, twoNodes } from './toolbarSupport.tsx';

const rename = (name: string) => ({ type: 'updateSettings', patch: { name } }) as const;

beforeEach(() => localStorage.clear());
afterEach(() => registerCanvasActions(undefined));

describe('undo and redo', () => {
  it('are disabled with nothing to undo or redo, and step through the history', async () => {
    const user = userEvent.setup();
    const stores = renderToolbar(twoNodes);
    const undoButton = screen.getByRole('button', { name: 'Undo' });
    const redoButton = screen.getByRole('button', { name: 'Redo' });
    expect(undoButton).toBeDisabled();
    expect(redoButton).toBeDisabled();

    act(() => stores.document.getState().dispatch(rename('Renamed')));
    expect(undoButton).toBeEnabled();
    await user.click(undoButton);
    expect(stores.document.getState().document.name).toBe('Two nodes');
    expect(undoButton).toBeDisabled();
    expect(redoButton).toBeEnabled();
    await user.click(redoButton);
    expect(stores.document.getState().document.name).toBe('Renamed');
    expect(redoButton).toBeDisabled();
  });

  it('answer Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z and Ctrl+Y anywhere but in a text field', async () => {
    const user = userEvent.setup();
    const stores = renderToolbar(twoNodes);
    const name = () => stores.document.getState().document.name;
    act(() => {
      stores.document.getState().dispatch(rename('one'));
      stores.document.getState().dispatch(rename('two'));
    });

    await user.keyboard('{Control>}z{/Control}');
    expect(name()).toBe('one');
    await user.keyboard('{Meta>}z{/Meta}');
    expect(name()).toBe('Two nodes');
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(name()).toBe('one');
    await user.keyboard('{Control>}y{/Control}');
    expect(name()).toBe('two');
    await user.keyboard('{Control>}{Alt>}z{/Alt}{/Control}');
    expect(name()).toBe('two');

    const field = document.createElement('input');
    document.body.append(field);
    field.focus();
    await user.keyboard('{Control>}z{/Control}');
    expect(name()).toBe('two');
    field.remove();
  });
});

describe('canvas commands', () => {
  it('Auto-layout and Fit view go to the canvas', async () => {
    const user = userEvent.setup();
    const actions = { fitView: vi.fn(), autoLayout: vi.fn(), diagramElement: () => null };
    registerCanvasActions(actions);
    renderToolbar();
    await user.click(screen.getByRole('button', { name: 'Auto-layout' }));
    await user.click(screen.getByRole('button', { name: 'Fit view' }));
    expect(actions.autoLayout).toHaveBeenCalledTimes(1);
    expect(actions.fitView).toHaveBeenCalledTimes(1);
  });

  it('do nothing (and do not throw) before the canvas is there', async () => {
    const user = userEvent.setup();
    renderToolbar();
    await user.click(screen.getByRole('button', { name: 'Fit view' }));
  });
});

describe('panels', () => {
  it('show and hide the palette and the inspector, saying whether each is shown', async () => {
    const user = userEvent.setup();
    const stores = renderToolbar();
    const palette = screen.getByRole('button', { name: 'Palette panel' });
    expect(palette).toHaveAttribute('aria-pressed', 'true');
    await user.click(palette);
    expect(stores.ui.getState().paletteOpen).toBe(false);
    expect(palette).toHaveAttribute('aria-pressed', 'false');
    await user.click(screen.getByRole('button', { name: 'Inspector panel' }));
    expect(stores.ui.getState().inspectorOpen).toBe(false);
  });
});

describe('theme', () => {
  it('follows the system until chosen, then remembers the choice', async () => {
    const user = userEvent.setup();
    const stores = renderToolbar();
    expect(stores.ui.getState().theme).toBe('light'); // the test setup's matchMedia says: not dark
    await user.click(screen.getByRole('button', { name: 'Dark theme' }));
    expect(stores.ui.getState().theme).toBe('dark');
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
    await user.click(screen.getByRole('button', { name: 'Light theme' }));
    expect(localStorage.getItem(THEME_KEY)).toBe('light');
  });

  it('starts with the remembered theme', () => {
    localStorage.setItem(THEME_KEY, 'dark');
    const stores = renderToolbar();
    expect(stores.ui.getState().theme).toBe('dark');
    expect(screen.getByRole('button', { name: 'Light theme' })).toBeInTheDocument();
  });

  it('starts dark when the system prefers dark', () => {
    const original = window.matchMedia;
    window.matchMedia = ((query: string) => ({ ...original(query), matches: query.includes('dark') })) as typeof window.matchMedia;
    try {
      expect(renderToolbar().ui.getState().theme).toBe('dark');
    } finally {
      window.matchMedia = original;
    }
  });
});

describe('status line', () => {
  it('shows information politely and errors as an alert, each dismissable', async () => {
    const user = userEvent.setup();
    const stores = renderToolbar();
    act(() => stores.ui.getState().notify('Link copied'));
    const status = screen.getAllByRole('status').find((el) => el.textContent?.includes('Link copied'));
    expect(status).toBeDefined();
    act(() => stores.ui.getState().notify('Could not export', 'error'));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Could not export');
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(stores.ui.getState().notice).toBeUndefined();
    expect(alert).toBeEmptyDOMElement();
  });

  it('lets an information notice fade, but keeps an error', () => {
    vi.useFakeTimers();
    try {
      const stores = renderToolbar();
      act(() => stores.ui.getState().notify('Saved'));
      act(() => {
        vi.advanceTimersByTime(10_000);
      });
      expect(stores.ui.getState().notice).toBeUndefined();
      act(() => stores.ui.getState().notify('Broken', 'error'));
      act(() => {
        vi.advanceTimersByTime(60_000);
      });
      expect(stores.ui.getState().notice?.text).toBe('Broken');
    } finally {
      vi.useRealTimers();
    }
  });
});
