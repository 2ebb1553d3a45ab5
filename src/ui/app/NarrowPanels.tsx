/**
 * The middle of the workspace on a phone or a tablet (narrower than 1024 px): the canvas takes the
 * whole width; the palette is a drawer from the left, the lessons a drawer from the right, and the
 * inspector a sheet from the bottom, the Script panel a drawer the width of the screen, all over the canvas and under the toolbar, so the
 * playback bar
 * below is always in reach. Selecting something opens the sheet (and moves the view so it is not
 * under it); clearing the selection closes it. One drawer at a time: opening one closes the other.
 * Escape in a drawer or the sheet closes it, and focus goes back to the toolbar button that opens it.
 * What lies over the canvas is marked `data-covers-canvas`, so Fit view and Show allow for it.
 */
import { useEffect } from 'react';
import { Canvas } from '../canvas/Canvas.tsx';
import { Inspector } from '../inspector/Inspector.tsx';
import { LessonDrawer } from '../lessons/LessonDock.tsx';
import { Palette } from '../palette/Palette.tsx';
import { ScriptDock } from '../script/ScriptDock.tsx';
import { CloseIcon } from '../toolbar/icons.tsx';
import { followNarrow, followNarrowLesson } from './narrowFollow.ts';
import { closePanel, escapeCloses } from './panelFocus.ts';
import { useLesson, useStores, useUi } from './stores.tsx';

export function NarrowPanels() {
  const stores = useStores();
  const paletteOpen = useUi((s) => s.paletteOpen);
  const inspectorOpen = useUi((s) => s.inspectorOpen);
  const scriptOpen = useUi((s) => s.scriptOpen);
  const lessonShown = useLesson((s) => s.pickerOpen || s.activeId !== undefined);
  useEffect(() => stores.ui.subscribe((state, before) => followNarrow(stores.ui, state, before)), [stores]);
  useEffect(() => stores.lesson.subscribe((state, before) => followNarrowLesson(stores.ui, state, before)), [stores]);
  return (
    <div className="narrow-middle">
      <div className="panel-canvas narrow-canvas">
        <Canvas />
      </div>
      {paletteOpen && (
        <div className="drawer drawer-left" data-covers-canvas="left" onKeyDown={escapeCloses(stores.ui, 'paletteOpen')}>
          <Palette />
        </div>
      )}
      {lessonShown && <LessonDrawer />}
      {scriptOpen && (
        <div className="drawer drawer-script" onKeyDown={escapeCloses(stores.ui, 'scriptOpen')}>
          <ScriptDock />
        </div>
      )}
      {inspectorOpen && (
        <div className="sheet" data-covers-canvas="bottom" onKeyDown={escapeCloses(stores.ui, 'inspectorOpen')}>
          <div className="dock-bar">
            <span className="dock-title">Inspector</span>
            <button
              type="button"
              className="dock-toggle"
              aria-label="Close the inspector"
              title="Close the inspector"
              onClick={() => closePanel(stores.ui, 'inspectorOpen')}
            >
              <CloseIcon />
            </button>
          </div>
          <div className="sheet-body">
            <Inspector />
          </div>
        </div>
      )}
    </div>
  );
}
