/**
 * Which theme the page shows: the one the person chose (kept in localStorage `crosstalk.theme`),
 * or else the system's (`prefers-color-scheme`), followed live until a choice is made.
 */
import { useLayoutEffect } from 'react';
import type { Theme, UiStore } from '../../store/uiStore.ts';
import { browserStorage, THEME_KEY, type KeyValueStorage } from '../persistence/storage.ts';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The theme the person chose, if any. */
export function storedTheme(storage: KeyValueStorage | undefined): Theme | undefined {
  try {
    const value = storage?.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the person's choice (quietly does nothing where storage is blocked). */
export function storeTheme(storage: KeyValueStorage | undefined, theme: Theme): void {
  try {
    storage?.setItem(THEME_KEY, theme);
  } catch {
    // The choice then lasts for this visit only.
  }
}

function systemQuery(): MediaQueryList | undefined {
  return typeof matchMedia === 'function' ? matchMedia(DARK_QUERY) : undefined;
}

/** The theme to start with: the stored choice, else the system's. */
export function preferredTheme(storage: KeyValueStorage | undefined = browserStorage()): Theme {
  return storedTheme(storage) ?? (systemQuery()?.matches ? 'dark' : 'light');
}

/**
 * Applies the preferred theme to the UI store before the first paint, and follows the system's
 * theme while the person has not chosen one.
 */
export function useThemePreference(ui: UiStore): void {
  useLayoutEffect(() => {
    const storage = browserStorage();
    ui.getState().setTheme(preferredTheme(storage));
    const query = systemQuery();
    const onSystemChange = (event: MediaQueryListEvent) => {
      if (storedTheme(storage) === undefined) ui.getState().setTheme(event.matches ? 'dark' : 'light');
    };
    query?.addEventListener?.('change', onSystemChange);
    return () => query?.removeEventListener?.('change', onSystemChange);
  }, [ui]);
}

/** Switches to `theme` and remembers the choice. */
export function chooseTheme(ui: UiStore, theme: Theme): void {
  storeTheme(browserStorage(), theme);
  ui.getState().setTheme(theme);
}
