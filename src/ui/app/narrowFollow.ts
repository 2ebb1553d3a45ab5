/**
 * How the narrow layout (NarrowPanels) answers changes of the stores: one drawer at a time, the
 * Script panel alone on the screen, a drawer opened closes the trace waterfall that would cover it,
 * and the inspector sheet follows the selection.
 */
import type { LessonState } from '../../store/lessonStore.ts';
import type { Selection, UiState, UiStore } from '../../store/uiStore.ts';
import { canvasActions } from '../canvas/canvasBridge.ts';

const selects = (s: Selection) => s.nodeIds.length + s.linkIds.length > 0 || s.faultIndex !== undefined || s.call !== undefined;
const opened = (state: UiState, before: UiState, flag: 'paletteOpen' | 'lessonPanelOpen' | 'scriptOpen') => state[flag] && !before[flag];

/** How the narrow layout answers changes of the ui store (see the file comment). */
export function followNarrow(ui: UiStore, state: UiState, before: UiState): void {
  const { setPanels } = ui.getState();
  // A drawer opened over an open trace waterfall would lie under it, out of sight: the drawer is
  // what was asked for, so the waterfall closes (its request can be opened again from the canvas).
  if (
    state.tracing !== undefined &&
    (opened(state, before, 'paletteOpen') || opened(state, before, 'lessonPanelOpen') || opened(state, before, 'scriptOpen'))
  ) {
    ui.getState().openTrace(undefined);
  }
  if (state.paletteOpen && !before.paletteOpen && state.lessonPanelOpen) setPanels({ lessonPanelOpen: false });
  if (state.lessonPanelOpen && !before.lessonPanelOpen && state.paletteOpen) setPanels({ paletteOpen: false });
  // The Script panel takes the whole screen: it closes the drawers, and opening one closes it.
  if (state.scriptOpen && !before.scriptOpen && (state.paletteOpen || state.lessonPanelOpen))
    setPanels({ paletteOpen: false, lessonPanelOpen: false });
  if (state.scriptOpen && ((state.paletteOpen && !before.paletteOpen) || (state.lessonPanelOpen && !before.lessonPanelOpen)))
    setPanels({ scriptOpen: false });
  // A drawer came or went: a view as the last fit left it fits again to what now shows (after the layout).
  if (state.paletteOpen !== before.paletteOpen || state.lessonPanelOpen !== before.lessonPanelOpen) {
    requestAnimationFrame(() => canvasActions()?.coversChanged?.());
  }
  if (state.selection === before.selection) return;
  if (!selects(state.selection)) {
    if (selects(before.selection)) setPanels({ inspectorOpen: false });
    return;
  }
  if (!state.inspectorOpen) setPanels({ inspectorOpen: true });
  const { nodeIds, linkIds } = state.selection;
  // Once the sheet is laid out: what was selected must not be under it.
  requestAnimationFrame(() => requestAnimationFrame(() => canvasActions()?.reveal?.({ nodeIds, linkIds })));
}

/** The lesson picker opened (the Lessons button, its drawer already open): it closes the trace waterfall that would cover it. */
export function followNarrowLesson(ui: UiStore, state: LessonState, before: LessonState): void {
  if (state.pickerOpen && !before.pickerOpen && ui.getState().tracing !== undefined) ui.getState().openTrace(undefined);
}
