/**
 * The middle of the workspace on a phone or a tablet (narrower than 1024 px): the canvas takes the
 * whole width; the palette is a drawer from the left, the lessons a drawer from the right, and the
 * inspector a sheet from the bottom, the Script panel a drawer the width of the screen, all over the canvas and under the toolbar, so the playback bar
 * below is always in reach. Selecting something opens the sheet (and moves the view so it is not
 * under it); clearing the selection closes it. One drawer at a time: opening one closes the other.
 * Escape in a drawer or the sheet closes it, and focus goes back to the toolbar button that opens it.
 * What lies over the canvas is marked `data-covers-canvas`, so Fit view and Show allow for it.
 */
import { useEffect } from 'react';
import type { Selection, UiState } from '../../store/uiStore.ts';
import { Canvas } from '../canvas/Canvas.tsx';
import { canvasActions } from '../canvas/canvasBridge.ts';
import { Inspector } from '../inspector/Inspector.tsx';
import { LessonDrawer } from '../lessons/LessonDock.tsx';
import { Palette } from '../palette/Palette.tsx';
import { ScriptDock } from '../script/ScriptDock.tsx';
import { CloseIcon } from '../toolbar/icons.tsx';
import { closePanel, escapeCloses } from './panelFocus.ts';
import { useLesson, useStores, useUi, type Stores } from './stores.tsx';

const selects = (s: Selection) => s.nodeIds.length + s.linkIds.length > 0 || s.faultIndex !== undefined || s.call !== undefined;

/** How the narrow layout answers changes of the ui store (see the file comment). */
function follow(stores: Stores, state: UiState, before: UiState): void {
  const { setPanels } = stores.ui.getState();
  if (state.paletteOpen && !before.paletteOpen && state.lessonPanelOpen) setPanels({ lessonPanelOpen: false });
  if (state.lessonPanelOpen && !before.lessonPanelOpen && state.paletteOpen) setPanels({ paletteOpen: false });
  // The Script panel takes the whole screen: it closes the drawers, and opening one closes it.
  if (state.scriptOpen && !before.scriptOpen && (state.paletteOpen || state.lessonPanelOpen)) setPanels({ paletteOpen: false, lessonPanelOpen: false });
  if (state.scriptOpen && ((state.paletteOpen && !before.paletteOpen) || (state.lessonPanelOpen && !before.lessonPanelOpen))) setPanels({ scriptOpen: false });
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

export function NarrowPanels() {
  const stores = useStores();
  const paletteOpen = useUi((s) => s.paletteOpen);
  const inspectorOpen = useUi((s) => s.inspectorOpen);
  const scriptOpen = useUi((s) => s.scriptOpen);
  const lessonShown = useLesson((s) => s.pickerOpen || s.activeId !== undefined);
  useEffect(() => stores.ui.subscribe((state, before) => follow(stores, state, before)), [stores]);
  return (
    <div className="narrow-middle">
      <div className="panel-canvas narrow-canvas"><Canvas /></div>
      {paletteOpen && (
        <div className="drawer drawer-left" data-covers-canvas="left" onKeyDown={escapeCloses(stores.ui, 'paletteOpen')}><Palette /></div>
      )}
      {lessonShown && <LessonDrawer />}
      {scriptOpen && (
        <div className="drawer drawer-script" onKeyDown={escapeCloses(stores.ui, 'scriptOpen')}><ScriptDock /></div>
      )}
      {inspectorOpen && (
        <div className="sheet" data-covers-canvas="bottom" onKeyDown={escapeCloses(stores.ui, 'inspectorOpen')}>
          <div className="dock-bar">
            <span className="dock-title">Inspector</span>
            <button type="button" className="dock-toggle" aria-label="Close the inspector" title="Close the inspector"
              onClick={() => closePanel(stores.ui, 'inspectorOpen')}>
              <CloseIcon />
            </button>
          </div>
          <div className="sheet-body"><Inspector /></div>
        </div>
      )}
    </div>
  );
}
