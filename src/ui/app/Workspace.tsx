/**
 * The layout: toolbar on top, the playback bar at the bottom, and between them palette | canvas |
 * lesson | inspector: side by side in resizable panels on a wide screen (WidePanels), or the
 * canvas with drawers and a bottom sheet over it on a phone or a tablet (NarrowPanels). Each area
 * is its own component; this file only places them.
 */
import { useEffect, useRef } from 'react';
import { PlaybackBar } from '../playback/PlaybackBar.tsx';
import { Toolbar } from '../toolbar/Toolbar.tsx';
import { deferred, preloadWhenIdle } from './deferred.tsx';
import { NarrowPanels } from './NarrowPanels.tsx';
import { RunInfo } from './RunInfo.tsx';
import { usePlaybackEngine } from '../playback/usePlaybackEngine.ts';
import { useStores, useUi } from './stores.tsx';
import { useNarrowLayout } from './useNarrowLayout.ts';
import { WidePanels } from './WidePanels.tsx';

/** The trace waterfall (issue 23), fetched apart from the first page. */
const WaterfallPanel = deferred(() => import('../waterfall/WaterfallPanel.tsx').then((m) => m.WaterfallPanel));
import './workspace.css';

/**
 * Keeps the CSS variable `variable` at the height of the returned ref's element: --top-bar-height
 * (one row from 1024 px, two or three on a phone), so what floats below it (the notices) never
 * covers it; --bottom-bar-height, so on a narrow screen the notices sit just above the playback
 * bar, clear of the drawers' headers at the top.
 */
function useBarHeight(variable: string) {
  const bar = useRef<HTMLElement>(null);
  useEffect(() => {
    const element = bar.current;
    if (!element || typeof ResizeObserver !== 'function') return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => root.style.setProperty(variable, `${element.offsetHeight}px`));
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty(variable);
    };
  }, [variable]);
  return bar;
}

export function Workspace() {
  const stores = useStores();
  usePlaybackEngine(stores);
  const theme = useUi((s) => s.theme);
  const tracing = useUi((s) => s.tracing !== undefined);
  const narrow = useNarrowLayout();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  // The inspector's views of a selection come apart from the first page: fetched once it is idle.
  useEffect(() => preloadWhenIdle(), []);
  // A narrow screen opens on the canvas, its drawers and sheet closed; a wide one shows its side panels.
  const first = useRef(true);
  useEffect(() => {
    const initial = first.current;
    first.current = false;
    if (narrow) stores.ui.getState().setPanels({ paletteOpen: false, inspectorOpen: false });
    else if (!initial) stores.ui.getState().setPanels({ paletteOpen: true, inspectorOpen: true });
  }, [narrow, stores]);
  const top = useBarHeight('--top-bar-height');
  const bottom = useBarHeight('--bottom-bar-height');
  return (
    <div className={narrow ? 'workspace is-narrow' : 'workspace'}>
      <header ref={top} className="workspace-top">
        <Toolbar />
        <RunInfo />
      </header>
      <main className="workspace-middle">{narrow ? <NarrowPanels /> : <WidePanels />}</main>
      <footer ref={bottom} className="workspace-bottom">
        <PlaybackBar />
      </footer>
      {tracing && <WaterfallPanel />}
    </div>
  );
}
