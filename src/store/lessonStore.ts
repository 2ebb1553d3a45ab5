/**
 * Lesson mode: whether the lesson picker is open, which lesson is being followed (none: the
 * sandbox), how many of its hints are shown, and each lesson's progress (in progress / done),
 * kept in the browser so the picker shows it after a reload. Not part of the document, not undoable.
 */
import { createStore } from 'zustand/vanilla';

export type LessonProgress = 'in-progress' | 'done';

/** Where progress is kept (the version in the key changes only if the stored shape does). */
export const LESSON_PROGRESS_KEY = 'crosstalk.lessons.progress.v1';

/** The part of the Storage API used here (tests pass a Map-backed one). */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface LessonState {
  readonly pickerOpen: boolean;
  /** The lesson being followed, by id (undefined: sandbox). */
  readonly activeId: string | undefined;
  readonly hintsShown: number;
  /** The nodes and links (by id) the lesson lets the learner change; everything else is locked (undefined: sandbox, nothing locked). */
  readonly editable: readonly string[] | undefined;
  /** The step being followed, by index. */
  readonly step: number;
  /** What that step points at, emphasised on the canvas. */
  readonly highlight: { readonly node?: string; readonly link?: string } | undefined;
  /** Per lesson id; a lesson absent is not started. */
  readonly progress: Readonly<Record<string, LessonProgress>>;
  openPicker(): void;
  closePicker(): void;
  /** Follows lesson `id` (in progress unless already done), locking all but `editable` (all unlocked if not given). */
  begin(id: string, editable?: readonly string[]): void;
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
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, LessonProgress] => e[1] === 'done' || e[1] === 'in-progress'));
  } catch {
    return {};
  }
}

export function createLessonStore(storage?: ProgressStorage) {
  const store = createStore<LessonState>()((set) => {
    const setProgress = (id: string, value: LessonProgress) => set((s) => (s.progress[id] === value ? s : { progress: { ...s.progress, [id]: value } }));
    return {
      pickerOpen: false,
      activeId: undefined,
      hintsShown: 0,
      editable: undefined,
      step: 0,
      highlight: undefined,
      progress: readProgress(storage),
      openPicker: () => set({ pickerOpen: true }),
      closePicker: () => set({ pickerOpen: false }),
      begin: (id, editable) => {
        set({ activeId: id, pickerOpen: false, hintsShown: 0, editable, step: 0, highlight: undefined });
        if (store.getState().progress[id] !== 'done') setProgress(id, 'in-progress');
      },
      leave: () => set({ activeId: undefined, hintsShown: 0, editable: undefined, step: 0, highlight: undefined }),
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
  return store;
}

export type LessonStore = ReturnType<typeof createLessonStore>;
