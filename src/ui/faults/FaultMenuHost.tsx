/**
 * Where the fault menu lives, mounted once (by the playback bar): it opens for the canvas's
 * context-menu event (right-click, the context-menu key or Shift+F10 on a node or link) and for the
 * Break… button, and gives focus back to where it was when it closes. The menu and its form are
 * loaded when it first opens: a page is read before anything is broken (bench: bundle_initial_kib).
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { CANVAS_CONTEXT_MENU_EVENT, type CanvasContextMenuEvent } from '../canvas/canvasBridge.ts';
import type { FaultTargetRef } from './faultActions.ts';
import './faults.css';

const FaultMenu = lazy(() => import('./FaultMenu.tsx').then((m) => ({ default: m.FaultMenu })));

interface OpenMenu {
  readonly target: FaultTargetRef;
  readonly x: number;
  readonly y: number;
  /** What had focus when the menu opened; it gets it back. */
  readonly returnFocus: HTMLElement | null;
  /** Tells apart two openings for the same target (the menu starts afresh). */
  readonly serial: number;
}

let serial = 0;

/** The fault menu, while open (see the file comment). */
export function FaultMenuHost() {
  const [open, setOpen] = useState<OpenMenu | undefined>();
  useEffect(() => {
    const onMenu = (event: Event) => {
      const { kind, id, x, y } = (event as CanvasContextMenuEvent).detail;
      const focused =
        document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
      setOpen({ target: { kind, id }, x, y, returnFocus: focused, serial: ++serial });
    };
    window.addEventListener(CANVAS_CONTEXT_MENU_EVENT, onMenu);
    return () => window.removeEventListener(CANVAS_CONTEXT_MENU_EVENT, onMenu);
  }, []);
  if (!open) return null;
  const close = (refocus: boolean) => {
    setOpen(undefined);
    if (refocus && open.returnFocus?.isConnected) open.returnFocus.focus();
  };
  return (
    <Suspense fallback={null}>
      <FaultMenu key={open.serial} target={open.target} x={open.x} y={open.y} onClose={close} />
    </Suspense>
  );
}
