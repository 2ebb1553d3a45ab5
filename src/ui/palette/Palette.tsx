/**
 * The palette: every component kind of the registry, to drag onto the canvas or to add at the
 * centre of the view with a click or the keyboard (Enter or Space). It lists the registry and knows
 * no kind by name, so a new kind appears here by being registered.
 */
import type { DragEvent, KeyboardEvent } from 'react';
import { useStores } from '../app/stores.tsx';
import { addNodeOfKind } from '../canvas/addNode.ts';
import { canvasActions } from '../canvas/canvasBridge.ts';
import { KIND_DRAG_TYPE } from '../kinds/dragData.ts';
import { NODE_KINDS, type NodeKindSpec } from '../kinds/registry.ts';
import './palette.css';
import { useLessonTarget } from '../lessons/useLessonTarget.ts';
import { isNarrowLayout } from '../app/useNarrowLayout.ts';
import { closePanel } from '../app/panelFocus.ts';

/** Where a keyboard add goes when no canvas is mounted to say where its view is. */
const NO_VIEW_CENTRE = { x: 240, y: 160 };

/** The palette panel. */
export function Palette() {
  const stores = useStores();

  const target = useLessonTarget('palette', 'palette');
  const add = (spec: NodeKindSpec) => {
    addNodeOfKind(stores, spec, canvasActions()?.viewCentre?.() ?? NO_VIEW_CENTRE);
    // On a narrow screen the palette is a drawer over the canvas: it makes way for what was added.
    if (isNarrowLayout()) stores.ui.getState().setPanels({ paletteOpen: false });
  };

  return (
    <nav {...target} aria-label="Components">
      <header className="palette-header">
        <h2 className="palette-title">Components</h2>
        <button
          type="button"
          className="palette-hide"
          aria-label="Hide the palette"
          title="Hide the palette"
          onClick={() => closePanel(stores.ui, 'paletteOpen')}
        >
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d="M10 3 5 8l5 5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
      </header>
      <ul className="palette-items">
        {NODE_KINDS.map((spec) => (
          <PaletteItem key={spec.kind} spec={spec} onAdd={add} />
        ))}
      </ul>
      <p className="palette-help">
        Drag onto the canvas, or click (Enter) to add in the middle of the view. Connect nodes by dragging from the dot on a node’s right
        edge.
      </p>
    </nav>
  );
}

function PaletteItem({ spec, onAdd }: { spec: NodeKindSpec; onAdd(spec: NodeKindSpec): void }) {
  const Icon = spec.icon;
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(KIND_DRAG_TYPE, spec.kind);
    event.dataTransfer.effectAllowed = 'copy';
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onAdd(spec);
  };
  // A div with the button role, not a <button>: some browsers do not let a button be dragged.
  return (
    <li>
      <div
        role="button"
        tabIndex={0}
        draggable
        className={`palette-item palette-item--${spec.kind}`}
        aria-label={spec.label}
        title={spec.description}
        aria-description={spec.description}
        onDragStart={onDragStart}
        onKeyDown={onKeyDown}
        onClick={() => onAdd(spec)}
      >
        <Icon className="palette-item-icon" />
        <span className="palette-item-label">{spec.label}</span>
      </div>
    </li>
  );
}
