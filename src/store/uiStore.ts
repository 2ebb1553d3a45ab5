/** What is selected, and how the workspace looks: not part of the document, not undoable. */
import { createStore } from 'zustand/vanilla';

export type Theme = 'light' | 'dark';

export interface Selection {
  readonly nodeIds: readonly string[];
  readonly linkIds: readonly string[];
  /** A fault of the schedule (its index), e.g. picked on the timeline. */
  readonly faultIndex: number | undefined;
  /** A message picked on the canvas (its call id in the current run). */
  readonly call: number | undefined;
}

export const EMPTY_SELECTION: Selection = { nodeIds: [], linkIds: [], faultIndex: undefined, call: undefined };

export interface UiState {
  readonly selection: Selection;
  readonly theme: Theme;
  readonly paletteOpen: boolean;
  readonly inspectorOpen: boolean;
  /** A short message for the status line (import errors, "link copied"…). */
  readonly notice: { readonly text: string; readonly tone: 'info' | 'error' } | undefined;
  select(selection: Partial<Selection>): void;
  clearSelection(): void;
  setTheme(theme: Theme): void;
  togglePalette(): void;
  toggleInspector(): void;
  notify(text: string, tone?: 'info' | 'error'): void;
  dismissNotice(): void;
}

export function createUiStore(theme: Theme = 'light') {
  return createStore<UiState>()((set) => ({
    selection: EMPTY_SELECTION,
    theme,
    paletteOpen: true,
    inspectorOpen: true,
    notice: undefined,
    select: (selection) => set({ selection: { ...EMPTY_SELECTION, ...selection } }),
    clearSelection: () => set({ selection: EMPTY_SELECTION }),
    setTheme: (t) => set({ theme: t }),
    togglePalette: () => set((s) => ({ paletteOpen: !s.paletteOpen })),
    toggleInspector: () => set((s) => ({ inspectorOpen: !s.inspectorOpen })),
    notify: (text, tone = 'info') => set({ notice: { text, tone } }),
    dismissNotice: () => set({ notice: undefined }),
  }));
}

export type UiStore = ReturnType<typeof createUiStore>;
