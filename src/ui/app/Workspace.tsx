/**
 * The layout: toolbar on top, palette | canvas | inspector in resizable, collapsible panels, and
 * the playback bar at the bottom. Each area is its own component; this file only places them.
 */
import { useEffect } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { Canvas } from '../canvas/Canvas.tsx';
import { Inspector } from '../inspector/Inspector.tsx';
import { Palette } from '../palette/Palette.tsx';
import { PlaybackBar } from '../playback/PlaybackBar.tsx';
import { Toolbar } from '../toolbar/Toolbar.tsx';
import { deferred, preloadWhenIdle } from './deferred.tsx';
import { RunInfo } from './RunInfo.tsx';
import { usePlaybackEngine } from '../playback/usePlaybackEngine.ts';
import { useLesson, useStores, useUi } from './stores.tsx';
import './workspace.css';

// Lesson mode comes apart from the first page (its lessons, their schema and the panel).
const LessonPanel = deferred(() => import('../lessons/LessonPanel.tsx').then((m) => m.LessonPanel));

export function Workspace() {
  usePlaybackEngine(useStores());
  const theme = useUi((s) => s.theme);
  const paletteOpen = useUi((s) => s.paletteOpen);
  const inspectorOpen = useUi((s) => s.inspectorOpen);
  const lessonShown = useLesson((s) => s.pickerOpen || s.activeId !== undefined);
  useEffect(() => { document.documentElement.dataset.theme = theme; }, [theme]);
  // The inspector's views of a selection come apart from the first page: fetched once it is idle.
  useEffect(() => preloadWhenIdle(), []);
  return (
    <div className="workspace">
      <header className="workspace-top"><Toolbar /><RunInfo /></header>
      <main className="workspace-middle">
        <Group orientation="horizontal" id="crosstalk-workspace">
          {paletteOpen && (
            <>
              <Panel id="palette" defaultSize="16" minSize="10" maxSize="30" className="panel">
                <Palette />
              </Panel>
              <Separator className="separator" />
            </>
          )}
          <Panel id="canvas" minSize="30" className="panel panel-canvas">
            <Canvas />
            {lessonShown && <LessonPanel />}
          </Panel>
          {inspectorOpen && (
            <>
              <Separator className="separator" />
              <Panel id="inspector" defaultSize="24" minSize="15" maxSize="45" className="panel">
                <Inspector />
              </Panel>
            </>
          )}
        </Group>
      </main>
      <footer className="workspace-bottom"><PlaybackBar /></footer>
    </div>
  );
}
