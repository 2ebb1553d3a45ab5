/**
 * The document being edited: a scenario (as written in a file), changed only through commands
 * (see document/commands.ts). Undo and redo come from zundo's `temporal` middleware over the
 * document alone, so every command is undoable and nothing else (selection, playback) is.
 */
import { createStore } from 'zustand/vanilla';
import { temporal } from 'zundo';
import { applyCommand, emptyDocument, type DocumentCommand, type DocumentInput } from './document/commands.ts';

export interface DocumentState {
  readonly document: DocumentInput;
  /** Bumped by every change, so runs can tell which document they show. */
  readonly revision: number;
  /** The last command applied (for autosave and for runs to decide how to react). */
  readonly lastCommand: DocumentCommand | undefined;
  dispatch(command: DocumentCommand): void;
}

/** How many steps back undo reaches. */
export const UNDO_LIMIT = 200;

export function createDocumentStore(initial: DocumentInput = emptyDocument()) {
  return createStore<DocumentState>()(
    temporal(
      (set) => ({
        document: initial,
        revision: 0,
        lastCommand: undefined,
        dispatch: (command) => set((state) => {
          const document = applyCommand(state.document, command);
          return document === state.document ? state : { document, revision: state.revision + 1, lastCommand: command };
        }),
      }),
      {
        limit: UNDO_LIMIT,
        partialize: (state) => ({ document: state.document }),
        equality: (past, current) => past.document === current.document,
      },
    ),
  );
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;

export function undo(store: DocumentStore): void {
  store.temporal.getState().undo();
  store.setState((s) => ({ revision: s.revision + 1, lastCommand: undefined }));
}

export function redo(store: DocumentStore): void {
  store.temporal.getState().redo();
  store.setState((s) => ({ revision: s.revision + 1, lastCommand: undefined }));
}
