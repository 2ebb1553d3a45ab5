/**
 * Keeps an editor's text and the document in step, both ways, with one undo history: what the
 * person types is applied to the document (debounced, as one command through the store, so the
 * toolbar's Undo takes it back like a canvas edit); a change that comes from elsewhere (the canvas,
 * Undo, an import) replaces only the part of the text that differs, so the cursor and the scroll
 * stay where they were. While the person's own edit is still pending, the text is theirs: a change
 * from elsewhere does not overwrite it.
 */
import type { editor } from 'monaco-editor';
import type { DocumentInput } from '../../store/document/commands.ts';
import type { DocumentStore } from '../../store/documentStore.ts';

export interface TextSyncOptions {
  /** The text the document shows now; undefined: leave the text as it is (e.g. the person's own edit came back). */
  readonly textOf: (document: DocumentInput) => string | undefined;
  /** Applies the person's text to the document (or does not, if it is invalid). */
  readonly apply: (text: string) => void;
  /** How long typing must pause before the text is applied, ms. */
  readonly delayMs: number;
  /** Told the text after a change from elsewhere replaced it. */
  readonly onReplaced?: (text: string) => void;
}

export interface TextSync {
  /** Applies a pending edit now. */
  flush(): void;
  dispose(): void;
}

/** Binds `model` to `store`'s document (see the file comment). */
export function syncText(model: editor.ITextModel, store: DocumentStore, options: TextSyncOptions): TextSync {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let replacing = false;
  const flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    options.apply(model.getValue());
  };
  const typed = model.onDidChangeContent(() => {
    if (replacing) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, options.delayMs);
  });
  const follow = (document: DocumentInput) => {
    if (timer !== undefined) return; // the person's edit, still pending, comes first
    const text = options.textOf(document);
    if (text === undefined || model.isDisposed()) return;
    if (text === model.getValue()) return;
    replacing = true;
    try {
      replaceChanged(model, text);
    } finally {
      replacing = false;
    }
    options.onReplaced?.(text);
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.document !== previous.document) follow(state.document);
  });
  follow(store.getState().document);
  return {
    flush,
    dispose() {
      flush();
      typed.dispose();
      unsubscribe();
    },
  };
}

/**
 * Makes `model`'s text `text` by one edit of the part between their common start and end, so a
 * cursor outside it does not move (and Ctrl+Z in the editor can take the edit back).
 */
export function replaceChanged(model: editor.ITextModel, text: string): void {
  const current = model.getValue();
  if (current === text) return;
  const { start, endOld, endNew } = changedPart(current, text);
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(endOld);
  model.pushEditOperations(
    [],
    [
      {
        range: { startLineNumber: from.lineNumber, startColumn: from.column, endLineNumber: to.lineNumber, endColumn: to.column },
        text: text.slice(start, endNew),
      },
    ],
    () => null,
  );
}

/** The part of `before` (start…endOld) that `after` replaces with its start…endNew. */
export function changedPart(before: string, after: string): { start: number; endOld: number; endNew: number } {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endOld = before.length,
    endNew = after.length;
  while (endOld > start && endNew > start && before.charCodeAt(endOld - 1) === after.charCodeAt(endNew - 1)) {
    endOld--;
    endNew--;
  }
  return { start, endOld, endNew };
}
