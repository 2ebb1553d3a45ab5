/**
 * Autosave: after each change to the document, once the editing pauses (300 ms), the document is
 * written to the browser's storage. Debounced because a drag produces a change per frame, and
 * serialising a document per frame would cost more than the drag itself.
 */
import type { DocumentStore } from '../../store/documentStore.ts';
import { saveDocument, type KeyValueStorage } from './storage.ts';

/** How long editing must pause before the document is saved. */
export const AUTOSAVE_DELAY_MS = 300;

export interface Autosave {
  /** Saves a pending change now (the page is being hidden or closed). */
  flush(): void;
  /** Stops saving; a pending change is saved first. */
  stop(): void;
}

export interface AutosaveOptions {
  readonly delayMs?: number;
  /** Called once when the browser refuses to save (storage full or blocked), until a save works again. */
  readonly onFailure?: () => void;
}

/** Starts saving `store`'s document to `storage` after every change. */
export function startAutosave(store: DocumentStore, storage: KeyValueStorage | undefined, options: AutosaveOptions = {}): Autosave {
  const delay = options.delayMs ?? AUTOSAVE_DELAY_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failing = false;
  const save = () => {
    timer = undefined;
    const ok = saveDocument(storage, store.getState().document);
    if (!ok && !failing) options.onFailure?.();
    failing = !ok;
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.document === previous.document) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(save, delay);
  });
  const flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    save();
  };
  return {
    flush,
    stop() {
      unsubscribe();
      flush();
    },
  };
}
