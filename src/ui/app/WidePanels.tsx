/**
 * The middle of the workspace on a wide screen (1024 px and more): palette | lesson | canvas |
 * script | inspector, side by side in resizable panels, each but the canvas collapsible or hidden. Nothing
 * lies over the canvas, so a fit or a Show needs to allow for nothing. The lesson takes the
 * palette's room while it is followed (see below).
 */
import { useEffect } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { Canvas } from '../canvas/Canvas.tsx';
import { Inspector } from '../inspector/Inspector.tsx';
import { LessonDockPanel } from '../lessons/LessonDock.tsx';
import { Palette } from '../palette/Palette.tsx';
import { ScriptDock } from '../script/ScriptDock.tsx';
import { useLesson, useStores, useUi, type Stores } from './stores.tsx';

/**
 * Starting a lesson hides the palette (its steps are about the system given, and the canvas needs
 * the room the lesson takes); leaving lesson mode brings it back if the lesson had hidden it. The
 * toolbar's palette button shows it meanwhile. Returns the unsubscribe.
 */
function paletteMakesRoomForLessons(stores: Stores): () => void {
  let hidden = false;
  return stores.lesson.subscribe((state, before) => {
    const { paletteOpen, setPanels } = stores.ui.getState();
    if (state.activeId !== undefined && before.activeId === undefined && paletteOpen) {
      hidden = true;
      setPanels({ paletteOpen: false });
    } else if (state.activeId === undefined && before.activeId !== undefined && hidden) {
      hidden = false;
      if (!paletteOpen) setPanels({ paletteOpen: true });
    }
  });
}

export function WidePanels() {
  const stores = useStores();
  useEffect(() => paletteMakesRoomForLessons(stores), [stores]);
  const paletteOpen = useUi((s) => s.paletteOpen);
  const inspectorOpen = useUi((s) => s.inspectorOpen);
  const scriptOpen = useUi((s) => s.scriptOpen);
  const lessonShown = useLesson((s) => s.pickerOpen || s.activeId !== undefined);
  return (
    <Group orientation="horizontal" id="crosstalk-workspace">
      {paletteOpen && (
        <>
          <Panel id="palette" defaultSize="16" minSize="10" maxSize="30" className="panel">
            <Palette />
          </Panel>
          <Separator className="separator" />
        </>
      )}
      {/* Left of the canvas: what the lesson says is read first, and its collapsing gives the canvas the room. */}
      {lessonShown && (
        <>
          <LessonDockPanel />
          <Separator className="separator" />
        </>
      )}
      <Panel id="canvas" minSize="30" className="panel panel-canvas">
        <Canvas />
      </Panel>
      {/* Right of the canvas, before the inspector: the text of what the canvas shows, beside it. */}
      {scriptOpen && (
        <>
          <Separator className="separator" />
          <Panel id="script" defaultSize="34" minSize="22" maxSize="60" className="panel panel-script">
            <ScriptDock />
          </Panel>
        </>
      )}
      {inspectorOpen && (
        <>
          <Separator className="separator" />
          <Panel id="inspector" defaultSize="24" minSize="15" maxSize="45" className="panel">
            <Inspector />
          </Panel>
        </>
      )}
    </Group>
  );
}
