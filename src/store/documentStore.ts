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
  /** Applies `command`, unless the guard refuses it: then nothing changes and the reason comes back. */
  dispatch(command: DocumentCommand): string | undefined;
}

/** Why a command may not apply now (undefined: it may), e.g. a lesson's locks (see lessonLocks.ts). */
export type DocumentGuard = (command: DocumentCommand, document: DocumentInput) => string | undefined;

export interface DocumentStoreOptions {
  readonly guard?: DocumentGuard;
  /** Told every refusal (the playground shows it as a notice). */
  readonly onRefused?: (reason: string, command: DocumentCommand) => void;
}

/** How many steps back undo reaches. */
export const UNDO_LIMIT = 200;

export function createDocumentStore(initial: DocumentInput = emptyDocument(), options: DocumentStoreOptions = {}) {
  return createStore<DocumentState>()(
    temporal(
      (set, get) => ({
        document: initial,
        revision: 0,
        lastCommand: undefined,
        dispatch: (command) => {
          // The one place every edit passes: a guard here holds for the canvas, the inspector, shortcuts and menus alike.
          const refused = options.guard?.(command, get().document);
          if (refused !== undefined) {
            options.onRefused?.(refused, command);
            return refused;
          }
          set((state) => {
            const document = applyCommand(state.document, command);
            return document === state.document ? state : { document, revision: state.revision + 1, lastCommand: command };
          });
          return undefined;
        },
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

type PastState = ReturnType<DocumentStore['temporal']['getState']>['pastStates'][number];

/** The history set aside by `startHistoryHere`, per store, until `restoreHistory` puts it back. */
const setAside = new WeakMap<DocumentStore, readonly PastState[]>();

/**
 * Makes the current document the oldest one undo reaches (a lesson's start: undo must not go back
 * to a system the lesson's locks and goals are not about). The history before it is set aside for
 * `restoreHistory`; if some is set aside already (a lesson started over another), that stays, and
 * the history since is dropped.
 */
export function startHistoryHere(store: DocumentStore): void {
  const { pastStates } = store.temporal.getState();
  if (!setAside.has(store)) setAside.set(store, pastStates);
  store.temporal.setState({ pastStates: [], futureStates: [] });
}

/** Puts the history set aside by `startHistoryHere` back before the current one (within the undo limit). */
export function restoreHistory(store: DocumentStore): void {
  const before = setAside.get(store);
  if (before === undefined) return;
  setAside.delete(store);
  const { pastStates } = store.temporal.getState();
  store.temporal.setState({ pastStates: [...before, ...pastStates].slice(-UNDO_LIMIT) });
}
