/**
 * Where the lesson panel lives: beside the canvas, never over it. On a wide screen it is a
 * resizable panel of the workspace, left of the canvas, collapsible to a strip (its Hide button, or dragging it
 * narrow); on a narrow screen it is a drawer over the canvas's right side, opened by the toolbar's
 * Lessons button. Either way the panel stays mounted while hidden, so its lesson keeps checking
 * goals and marking the step. The open state is the ui store's `lessonPanelOpen`.
 */
import { useEffect, useState } from 'react';
import { Panel, usePanelRef, type PanelImperativeHandle } from 'react-resizable-panels';
import { deferred } from '../app/deferred.tsx';
import { closePanel, escapeCloses } from '../app/panelFocus.ts';
import { useStores, useUi } from '../app/stores.tsx';
import './lessons.css';

// Lesson mode comes apart from the first page (its lessons, their schema and the panel).
const LessonPanel = deferred(() => import('./LessonPanel.tsx').then((m) => m.LessonPanel));

/** How wide the collapsed dock's strip is, px. */
const COLLAPSED_PX = 36;

/** Whether the panel is collapsed; undefined before its Group has registered it (the first effects after mounting). */
function collapsedNow(handle: PanelImperativeHandle | null): boolean | undefined {
  try {
    return handle?.isCollapsed();
  } catch {
    return undefined;
  }
}

/** The docked lesson: a Panel of the workspace's Group (it must be the Group's direct child). */
export function LessonDockPanel() {
  const { ui } = useStores();
  const open = useUi((s) => s.lessonPanelOpen);
  const panel = usePanelRef();
  // It mounts open or collapsed as the store says (defaultSize); later changes go through the panel's handle.
  const [mountedOpen] = useState(open);
  useEffect(() => {
    const collapsed = collapsedNow(panel.current);
    if (collapsed === undefined) return;
    if (open && collapsed) panel.current?.expand();
    if (!open && !collapsed) panel.current?.collapse();
  }, [open, panel]);
  // Dragged narrower than its minimum, it collapses (and wider again, it opens): the store follows.
  const onResize = () => {
    const collapsed = collapsedNow(panel.current);
    if (collapsed !== undefined && collapsed === ui.getState().lessonPanelOpen) ui.getState().setPanels({ lessonPanelOpen: !collapsed });
  };
  return (
    <Panel
      id="lesson"
      panelRef={panel}
      collapsible
      collapsedSize={COLLAPSED_PX}
      minSize={260}
      defaultSize={mountedOpen ? '26' : COLLAPSED_PX}
      maxSize="45"
      className="panel panel-lesson"
      onResize={onResize}
    >
      <LessonDock open={open} side="left" />
    </Panel>
  );
}

/** The lesson on a narrow screen: a drawer over the right of the canvas (hidden when closed). */
export function LessonDrawer() {
  const { ui } = useStores();
  const open = useUi((s) => s.lessonPanelOpen);
  return (
    <div className="drawer drawer-right" data-covers-canvas="right" hidden={!open} onKeyDown={escapeCloses(ui, 'lessonPanelOpen')}>
      <LessonDock open={open} side="right" />
    </div>
  );
}

/** The bar and the panel; `side` is where it sits, for which way its Hide button points. */
function LessonDock({ open, side }: { open: boolean; side: 'left' | 'right' }) {
  const { ui } = useStores();
  const setOpen = (next: boolean) => (next ? ui.getState().setPanels({ lessonPanelOpen: true }) : closePanel(ui, 'lessonPanelOpen'));
  return (
    <div className={open ? 'lesson-dock' : 'lesson-dock is-collapsed'}>
      {open ? (
        <div className="dock-bar">
          <span className="dock-title">Lesson</span>
          <button
            type="button"
            className="dock-toggle"
            aria-label="Hide the lesson panel"
            title="Hide the lesson (the Lessons button brings it back)"
            onClick={() => setOpen(false)}
          >
            <Chevron direction={side === 'left' ? 'left' : 'right'} />
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="lesson-dock-expand"
          aria-label="Show the lesson panel"
          title="Show the lesson"
          onClick={() => setOpen(true)}
        >
          <Chevron direction="right" />
          <span className="lesson-dock-expand-label">Lesson</span>
        </button>
      )}
      <div className="lesson-dock-body" hidden={!open}>
        <LessonPanel />
      </div>
    </div>
  );
}

/** A chevron pointing where the panel goes (hidden from assistive technology: its button is named). */
export function Chevron({ direction }: { direction: 'left' | 'right' | 'down' }) {
  const d = { left: 'M10 3 5 8l5 5', right: 'm6 3 5 5-5 5', down: 'm3 6 5 5 5-5' }[direction];
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
