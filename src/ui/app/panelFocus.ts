/**
 * Closing a panel from inside it (its Hide or Close button, Escape in a drawer or the sheet): the
 * panel goes, and keyboard focus goes back to the toolbar button that opens it (marked
 * `data-opens`) instead of being lost to the page with the element that had it.
 */
import type { UiStore } from '../../store/uiStore.ts';

/** The panels a toolbar button opens: the ui store's flags. */
export type PanelFlag = 'paletteOpen' | 'inspectorOpen' | 'lessonPanelOpen' | 'scriptOpen';

/** Props that mark a toolbar button as the one that opens `panel`. */
export const opens = (panel: PanelFlag) => ({ 'data-opens': panel });

/** Closes `panel` and gives focus to its opener. */
export function closePanel(ui: UiStore, panel: PanelFlag): void {
  ui.getState().setPanels({ [panel]: false });
  document.querySelector<HTMLElement>(`[data-opens="${panel}"]`)?.focus();
}

/** A keydown handler for a drawer or sheet: Escape (not taken by a field inside it) closes it. */
export function escapeCloses(ui: UiStore, panel: PanelFlag) {
  return (event: { key: string; defaultPrevented: boolean; preventDefault(): void }) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    closePanel(ui, panel);
  };
}
