/**
 * Lesson mode: whether the lesson picker is open, which lesson is being followed (none: the
 * sandbox), how many of its hints are shown, and each lesson's progress (in progress / done),
 * kept in the browser so the picker shows it after a reload. The lesson being followed (its id,
 * step, hints shown and what it lets the learner change) is kept too, so a reload comes back to
 * it with its locks in force from the first moment (the system itself comes back by autosave).
 * Not part of the document, not undoable.
 */
import { createStore } from 'zustand/vanilla';
import { Id } from '../model/primitives.ts';

export type LessonProgress = 'in-progress' | 'done';

/** Where progress is kept (the version in the key changes only if the stored shape does). */
export const LESSON_PROGRESS_KEY = 'crosstalk.lessons.progress.v1';

/** Where the lesson being followed is kept (absent: the sandbox). */
export const LESSON_SESSION_KEY = 'crosstalk.lessons.session.v1';

/** The part of the Storage API used here (tests pass a Map-backed one). */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem'> & Partial<Pick<Storage, 'removeItem'>>;

/** The lesson being followed, as kept in the browser. */
export interface LessonSession {
  readonly activeId: string;
  readonly step: number;
  readonly hintsShown: number;
  /** What it lets the learner change (undefined: everything). */
  readonly editable: readonly string[] | undefined;
  /** Nodes the learner added while following it: theirs to change. */
  readonly own: readonly string[];
}

export interface LessonStoreOptions {
  /**
   * Whether to come back to the lesson kept in the browser (not when the page opened someone else's system: a share link; then it is left
   * for good).
   */
  readonly restore?: boolean;
}

export interface LessonState {
  readonly pickerOpen: boolean;
  /** The lesson being followed, by id (undefined: sandbox). */
  readonly activeId: string | undefined;
  readonly hintsShown: number;
  /** The nodes and links (by id) the lesson lets the learner change; everything else is locked (undefined: sandbox, nothing locked). */
  readonly editable: readonly string[] | undefined;
  /** Nodes the learner added while following the lesson (from the palette): theirs, so never locked. */
  readonly own: readonly string[];
  /** The step being followed, by index. */
  readonly step: number;
  /** What that step points at, emphasised on the canvas. */
  readonly highlight: { readonly node?: string; readonly link?: string; readonly control?: string; readonly chart?: string } | undefined;
  /** Per lesson id; a lesson absent is not started. */
  readonly progress: Readonly<Record<string, LessonProgress>>;
  openPicker(): void;
  closePicker(): void;
  /** Follows lesson `id` (in progress unless already done), locking all but `editable` (all unlocked if not given). */
  begin(id: string, editable?: readonly string[]): void;
  /** Node `id`, just added by the learner, is theirs to change while the lesson lasts. */
  addOwn(id: string): void;
  /** Follows step `index`, which points at `highlight`. */
  setStep(index: number, highlight: LessonState['highlight']): void;
  /** Back to the sandbox (the system stays as it is). */
  leave(): void;
  revealHint(): void;
  resetHints(): void;
  markDone(id: string): void;
}

export function readProgress(storage: ProgressStorage | undefined): Record<string, LessonProgress> {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(LESSON_PROGRESS_KEY) ?? '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, LessonProgress] => e[1] === 'done' || e[1] === 'in-progress'),
    );
  } catch {
    return {};
  }
}

const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 10_000;
const isId = (v: unknown): v is string => Id.safeParse(v).success;
const isIds = (v: unknown): v is string[] => Array.isArray(v) && v.length <= 1000 && v.every(isId);

/** The lesson kept in the browser, if any and well formed (anything else is ignored, never thrown). */
export function readSession(storage: ProgressStorage | undefined): LessonSession | undefined {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(LESSON_SESSION_KEY) ?? 'null');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    const { activeId, step, hintsShown, editable, own = [] } = parsed as Record<string, unknown>;
    if (!isId(activeId) || !count(step) || !count(hintsShown)) return undefined;
    if (!isIds(own)) return undefined;
    if (editable === null) return { activeId, step, hintsShown, editable: undefined, own };
    if (!isIds(editable)) return undefined;
    return { activeId, step, hintsShown, editable, own };
  } catch {
    return undefined;
  }
}

export function createLessonStore(storage?: ProgressStorage, options: LessonStoreOptions = {}) {
  const session = options.restore === false ? undefined : readSession(storage);
  // Not brought back now is left for good: a later reload must not bring it back over a system it is not about.
  if (options.restore === false) {
    try {
      storage?.removeItem?.(LESSON_SESSION_KEY);
    } catch {
      // Storage blocked: nothing was kept either.
    }
  }
  const store = createStore<LessonState>()((set) => {
    const setProgress = (id: string, value: LessonProgress) =>
      set((s) => (s.progress[id] === value ? s : { progress: { ...s.progress, [id]: value } }));
    return {
      pickerOpen: false,
      activeId: session?.activeId,
      hintsShown: session?.hintsShown ?? 0,
      editable: session?.editable,
      own: session?.own ?? [],
      step: session?.step ?? 0,
      highlight: undefined,
      progress: readProgress(storage),
      openPicker: () => set({ pickerOpen: true }),
      closePicker: () => set({ pickerOpen: false }),
      begin: (id, editable) => {
        set({ activeId: id, pickerOpen: false, hintsShown: 0, editable, own: [], step: 0, highlight: undefined });
        if (store.getState().progress[id] !== 'done') setProgress(id, 'in-progress');
      },
      leave: () => set({ activeId: undefined, hintsShown: 0, editable: undefined, own: [], step: 0, highlight: undefined }),
      addOwn: (id) => set((s) => (s.own.includes(id) ? s : { own: [...s.own, id] })),
      setStep: (step, highlight) => set({ step, highlight }),
      revealHint: () => set((s) => ({ hintsShown: s.hintsShown + 1 })),
      resetHints: () => set({ hintsShown: 0 }),
      markDone: (id) => setProgress(id, 'done'),
    };
  });
  store.subscribe((state, previous) => {
    if (state.progress === previous.progress) return;
    try {
      storage?.setItem(LESSON_PROGRESS_KEY, JSON.stringify(state.progress));
    } catch {
      // Storage full or blocked: progress lasts for this page only.
    }
  });
  store.subscribe((state, previous) => {
    if (
      state.activeId === previous.activeId &&
      state.step === previous.step &&
      state.hintsShown === previous.hintsShown &&
      state.editable === previous.editable &&
      state.own === previous.own
    )
      return;
    try {
      if (state.activeId === undefined) storage?.removeItem?.(LESSON_SESSION_KEY);
      else {
        const { activeId, step, hintsShown, editable, own } = state;
        storage?.setItem(LESSON_SESSION_KEY, JSON.stringify({ activeId, step, hintsShown, editable: editable ?? null, own }));
      }
    } catch {
      // Storage full or blocked: a reload comes back to the sandbox.
    }
  });
  return store;
}

export type LessonStore = ReturnType<typeof createLessonStore>;
