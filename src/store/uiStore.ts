/** What is selected, and how the workspace looks: not part of the document, not undoable. */
import { createStore } from 'zustand/vanilla';
import type { ScriptResult } from '../script/output.ts';

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

/** A question the page asks before doing something it cannot quietly do (a dialog with two answers). */
export interface Question {
  readonly title: string;
  readonly text: string;
  /** The answer that goes ahead, saying what it does ("Leave the lesson and import"). */
  readonly confirm: string;
  /** The answer that changes nothing (also Escape). */
  readonly cancel: string;
  readonly onConfirm: () => void;
}

/** A request followed on the canvas: its id (its first call in the current run), and what the canvas shows of it at the playhead. */
export interface Following {
  readonly request: number;
  /** The links its calls have taken by the playhead (their edges are highlighted, the rest faded). */
  readonly links: readonly string[];
  /** Where it is at the playhead, in words ("hop 2 of 4: orders → payments", "completed in 43 ms"). */
  readonly status: string;
}

/** What a span hovered in the waterfall lights up on the canvas: a node id and a link id of the document. */
export interface TraceHover {
  readonly node: string;
  readonly link: string;
}

export interface UiState {
  readonly selection: Selection;
  readonly theme: Theme;
  readonly paletteOpen: boolean;
  readonly inspectorOpen: boolean;
  /** Whether the Script panel (the system as JSON, simulation scripts) is open beside the canvas. */
  readonly scriptOpen: boolean;
  /** The Script panel's last finished run of a script (a lesson's script task is judged on it); undefined before any. */
  readonly scriptResult: ScriptResult | undefined;
  /** Whether the lesson panel (picker or lesson) is expanded: docked beside the canvas, or a drawer on a narrow screen. */
  readonly lessonPanelOpen: boolean;
  /** A short message for the status line (import errors, "link copied"…). */
  readonly notice: { readonly text: string; readonly tone: 'info' | 'error' } | undefined;
  /** The question waiting for an answer, if any (a newer one replaces it). */
  readonly question: Question | undefined;
  /** The request followed on the canvas, if any. */
  readonly following: Following | undefined;
  select(selection: Partial<Selection>): void;
  clearSelection(): void;
  setTheme(theme: Theme): void;
  togglePalette(): void;
  toggleInspector(): void;
  toggleScript(): void;
  setScriptResult(result: ScriptResult | undefined): void;
  /** Counts requests to show the Script panel's Script tab (a lesson's "Open in the Script panel"): the panel switches on each new one. */
  readonly scriptTabRequest: number;
  requestScriptTab(): void;
  /** Opens or closes panels at once (the narrow layout's drawers and sheet, the lesson dock). */
  setPanels(panels: Partial<Pick<UiState, 'paletteOpen' | 'inspectorOpen' | 'lessonPanelOpen' | 'scriptOpen'>>): void;
  notify(text: string, tone?: 'info' | 'error'): void;
  dismissNotice(): void;
  ask(question: Question): void;
  /** Follows request `request` (undefined: stops following). */
  follow(request: number | undefined): void;
  /** The request whose trace waterfall is open (its id in the current run), if any. */
  readonly tracing: number | undefined;
  /** The span under the pointer in the waterfall: its called node and its link light up on the canvas. */
  readonly traceHover: TraceHover | undefined;
  /** Opens request `request`'s trace waterfall (undefined: closes it). */
  openTrace(request: number | undefined): void;
  hoverTrace(hover: TraceHover | undefined): void;
  /** Sets what the canvas shows of the followed request (ignored when following none, or when unchanged). */
  showFollowing(links: readonly string[], status: string): void;
  /** Answers the question: `confirmed` runs its `onConfirm`; either way it is gone. */
  answer(confirmed: boolean): void;
}

export function createUiStore(theme: Theme = 'light') {
  return createStore<UiState>()((set, get) => ({
    selection: EMPTY_SELECTION,
    theme,
    paletteOpen: true,
    inspectorOpen: true,
    lessonPanelOpen: true,
    scriptOpen: false,
    scriptResult: undefined,
    scriptTabRequest: 0,
    requestScriptTab: () => set((s) => ({ scriptTabRequest: s.scriptTabRequest + 1, scriptOpen: true })),
    notice: undefined,
    select: (selection) => set({ selection: { ...EMPTY_SELECTION, ...selection } }),
    clearSelection: () => set({ selection: EMPTY_SELECTION }),
    setTheme: (t) => set({ theme: t }),
    togglePalette: () => set((s) => ({ paletteOpen: !s.paletteOpen })),
    toggleInspector: () => set((s) => ({ inspectorOpen: !s.inspectorOpen })),
    toggleScript: () => set((s) => ({ scriptOpen: !s.scriptOpen })),
    setScriptResult: (scriptResult) => set({ scriptResult }),
    setPanels: (panels) => set(panels),
    notify: (text, tone = 'info') => set({ notice: { text, tone } }),
    dismissNotice: () => set({ notice: undefined }),
    question: undefined,
    ask: (question) => set({ question }),
    following: undefined,
    follow: (request) => set({ following: request === undefined ? undefined : { request, links: [], status: '' } }),
    tracing: undefined,
    traceHover: undefined,
    openTrace: (request) => set({ tracing: request, traceHover: undefined }),
    hoverTrace: (hover) => {
      const now = get().traceHover;
      if (now?.node !== hover?.node || now?.link !== hover?.link) set({ traceHover: hover });
    },
    showFollowing: (links, status) => {
      const { following } = get();
      if (
        !following ||
        (following.status === status && following.links.length === links.length && following.links.every((l, i) => l === links[i]))
      )
        return;
      set({ following: { request: following.request, links, status } });
    },
    answer: (confirmed) => {
      const { question } = get();
      set({ question: undefined });
      if (confirmed) question?.onConfirm();
    },
  }));
}

export type UiStore = ReturnType<typeof createUiStore>;
