/**
 * Where the playground keeps things in the browser (localStorage), and how a saved document is
 * read back. A saved document the editor cannot open (not JSON, or not even shaped like a
 * document) is reported, not thrown; one that is merely invalid (work in progress) is kept as is.
 */
import type { DocumentInput } from '../../store/document/commands.ts';

/** The autosaved document (the version in the key changes only if the stored shape does). */
export const DOCUMENT_KEY = 'crosstalk.document.v1';
/** Where an unreadable autosave is moved before it is replaced, so it is never lost. */
export const UNREADABLE_DOCUMENT_KEY = 'crosstalk.document.v1.unreadable';
/** The theme the person chose ('light' | 'dark'); absent: follow the system. */
export const THEME_KEY = 'crosstalk.theme';

/** Set once the person has dismissed the first visit's welcome card (any value: dismissed). */
export const WELCOME_DISMISSED_KEY = 'crosstalk.welcome.dismissed';

/** The part of the Storage API used here (tests pass a Map-backed one). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type SavedDocument =
  | { readonly kind: 'none' }
  | { readonly kind: 'saved'; readonly document: DocumentInput }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** localStorage, or undefined where it is missing or blocked (some privacy settings throw on access). */
export function browserStorage(): KeyValueStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** The autosaved document, if any and if the editor can open it. */
export function readSavedDocument(storage: KeyValueStorage | undefined): SavedDocument {
  let text: string | null;
  try {
    text = storage?.getItem(DOCUMENT_KEY) ?? null;
  } catch {
    return { kind: 'none' };
  }
  if (text === null) return { kind: 'none' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'unreadable', reason: `it is not valid JSON (${(error as Error).message})` };
  }
  // The editor needs an object with a list of nodes; anything else would break the page. The rest
  // may be invalid: the run reports it, and the person fixes it.
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !Array.isArray((value as { nodes?: unknown }).nodes)) {
    return { kind: 'unreadable', reason: 'it is not a scenario document (no list of nodes)' };
  }
  return { kind: 'saved', document: value as DocumentInput };
}

/**
 * Moves an unreadable autosave aside (the next autosave would overwrite it), so the text can still
 * be recovered from the browser's storage.
 */
export function keepUnreadableDocument(storage: KeyValueStorage | undefined): void {
  try {
    const text = storage?.getItem(DOCUMENT_KEY);
    if (text != null) storage?.setItem(UNREADABLE_DOCUMENT_KEY, text);
  } catch {
    // Nothing more can be done without storage; the notice already says the save was unreadable.
  }
}

/** Saves the document; false if the browser refused (storage full or blocked). */
export function saveDocument(storage: KeyValueStorage | undefined, document: DocumentInput): boolean {
  if (!storage) return false;
  try {
    storage.setItem(DOCUMENT_KEY, JSON.stringify(document));
    return true;
  } catch {
    return false;
  }
}

/** Whether the welcome card was dismissed on this browser (without storage: never shown again this visit only). */
export function welcomeDismissed(storage: KeyValueStorage | undefined): boolean {
  try {
    return storage?.getItem(WELCOME_DISMISSED_KEY) != null;
  } catch {
    return false;
  }
}

/** Remembers that the welcome card was dismissed (nothing if the browser refuses). */
export function dismissWelcome(storage: KeyValueStorage | undefined): void {
  try {
    storage?.setItem(WELCOME_DISMISSED_KEY, '1');
  } catch {
    // Storage blocked or full: the card comes back on the next visit, which is harmless.
  }
}
