/**
 * What the canvas lets the rest of the page do to it (the toolbar's Fit view, Auto-layout, and
 * the image exports), registered by the canvas when it mounts. A module-level registry, not a
 * store: these are commands, not state.
 */
export interface CanvasActions {
  fitView(): void;
  autoLayout(): void;
  /** The element holding the rendered diagram (for PNG/SVG export), or null before mount. */
  diagramElement(): HTMLElement | null;
}

let actions: CanvasActions | undefined;

export function registerCanvasActions(next: CanvasActions | undefined): void {
  actions = next;
}

export function canvasActions(): CanvasActions | undefined {
  return actions;
}
