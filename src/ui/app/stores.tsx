/**
 * The playground's stores, created once per page and handed down by context. Components read
 * them with the hooks below (re-rendering on the selected slice only); high-frequency values such
 * as the playhead time are better read with `store.subscribe` in an effect.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import {
  createDocumentStore,
  restoreHistory,
  startHistoryHere,
  type DocumentState,
  type DocumentStore,
} from '../../store/documentStore.ts';
import { createPlaybackStore, type PlaybackState, type PlaybackStore } from '../../store/playbackStore.ts';
import { createRunStore, type RunState, type RunStore } from '../../store/runStore.ts';
import { createUiStore, type UiState, type UiStore } from '../../store/uiStore.ts';
import { createLessonStore, type LessonState, type LessonStore } from '../../store/lessonStore.ts';
import { lockedBy, lockNote } from '../../store/lessonLocks.ts';
import { browserStorage } from '../persistence/storage.ts';
import type { DocumentInput } from '../../store/document/commands.ts';
import type { SimulationApi } from '../../worker/simulationApi.ts';
import { createLiveStore, type LiveState, type LiveStore } from '../playback/liveState.ts';

export interface Stores {
  readonly document: DocumentStore;
  readonly playback: PlaybackStore;
  readonly run: RunStore;
  readonly ui: UiStore;
  /** The run at the playhead, recomputed once per frame (see playback/liveState.ts). */
  readonly live: LiveStore;
  /** Lesson mode and progress. */
  readonly lesson: LessonStore;
}

export interface StoresOptions {
  /**
   * Whether to come back to the lesson followed before the reload (default: yes). Not when the
   * page opened another system than the learner's autosaved one (a share link, or nothing saved).
   */
  readonly restoreLesson?: boolean;
  /** Trace rows the replay holds (see store/runStore.ts; default PAGE_WINDOW_ROWS). */
  readonly windowRows?: number;
}

export function createStores(api: SimulationApi, initial?: DocumentInput, options: StoresOptions = {}): Stores {
  const lesson = createLessonStore(browserStorage(), { restore: options.restoreLesson ?? true });
  const ui = createUiStore();
  // A lesson's locks hold for every edit, wherever it comes from (see lessonLocks.ts); Sandbox lifts them.
  const document = createDocumentStore(initial, {
    guard: (command, doc) => {
      const { activeId, editable, own } = lesson.getState();
      if (activeId === undefined || editable === undefined) return undefined;
      const refused = lockedBy(command, doc, [...editable, ...own]);
      // A node the learner adds is theirs: they may set it up, connect it to what they may change, delete it.
      if (!refused && command.type === 'addNode') lesson.getState().addOwn(command.node.id);
      return refused;
    },
    onRefused: (reason) => ui.getState().notify(reason, 'error'),
  });
  // Undo stops at a lesson's start (its system is what the locks and goals are about); Sandbox brings the history before it back.
  lesson.subscribe((state, previous) => {
    if (state.activeId === previous.activeId) return;
    if (state.activeId === undefined) restoreHistory(document);
    else startHistoryHere(document);
  });
  return {
    document,
    playback: createPlaybackStore(),
    run: createRunStore(api, { windowRows: options.windowRows }),
    ui,
    live: createLiveStore(),
    lesson,
  };
}

/** The lock note for node or link `id` while a lesson locks it (undefined: it may be changed). */
export function useLockNote(id: string): string | undefined {
  return useLesson((s) =>
    s.activeId !== undefined && s.editable !== undefined && !s.editable.includes(id) && !s.own.includes(id)
      ? lockNote(s.editable)
      : undefined,
  );
}

const StoresContext = createContext<Stores | undefined>(undefined);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores outside <StoresProvider>');
  return stores;
}

export function useDocument<T>(selector: (state: DocumentState) => T): T {
  return useStore(useStores().document, selector);
}
export function usePlayback<T>(selector: (state: PlaybackState) => T): T {
  return useStore(useStores().playback, selector);
}
export function useRun<T>(selector: (state: RunState) => T): T {
  return useStore(useStores().run, selector);
}
export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(useStores().ui, selector);
}
export function useLesson<T>(selector: (state: LessonState) => T): T {
  return useStore(useStores().lesson, selector);
}
export function useLive<T>(selector: (state: LiveState) => T): T {
  return useStore(useStores().live, selector);
}
