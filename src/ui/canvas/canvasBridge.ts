/**
 * What the canvas lets the rest of the page do to it (the toolbar's Fit view, Auto-layout, and
 * the image exports), registered by the canvas when it mounts. A module-level registry, not a
 * store: these are commands, not state.
 *
 * The other way round, the canvas tells the page when someone asks for a context menu on a node
 * or a link (right-click, the context-menu key, or Shift+F10 on a selected element): it prevents
 * the browser's own menu and dispatches a `crosstalk:contextmenu` CustomEvent on `window` with a
 * {@link CanvasContextMenuDetail}. Whoever draws a menu (the fault menu) listens for it:
 *
 *     window.addEventListener(CANVAS_CONTEXT_MENU_EVENT, (e) => open((e as CanvasContextMenuEvent).detail));
 */
import type { Diagram } from '../persistence/svgDiagram.ts';

export interface CanvasActions {
  fitView(): void;
  autoLayout(): void;
  /** The element holding the rendered diagram (its theme's colours, for the image export), or null before mount. */
  diagramElement(): HTMLElement | null;
  /**
   * The diagram as drawn now, as geometry (for the PNG/SVG export; see diagramGeometry.ts, fetched
   * on the first export, so it resolves once that code is there).
   */
  diagram?(): Promise<Omit<Diagram, 'caption'>>;
  /** The part of the canvas that shows, in screen pixels (not under a drawer or the inspector's sheet); undefined before it is laid out. */
  visibleSize?(): { width: number; height: number } | undefined;
  /** The diagram position (flow coordinates) at the centre of what the canvas shows now: where the palette adds by keyboard. */
  viewCentre?(): { x: number; y: number };
  /**
   * Moves the view, if need be, so these nodes and links (both ends) are in the visible part of
   * the canvas (not under a drawer or the inspector's sheet): a lesson step's Show, a selection
   * on a phone. Zooms out only as far as they need.
   */
  reveal?(target: { readonly nodeIds?: readonly string[]; readonly linkIds?: readonly string[] }): void;
  /**
   * A `reveal` follows within a frame or two (once a closing drawer and the sheet are laid out):
   * the view it makes wins, so the refit a closing drawer asks for is not made, nor a fit in flight finished.
   */
  revealSoon?(): void;
  /** A drawer opened or closed over the canvas: a view still as the last fit left it is fitted again to what shows. */
  coversChanged?(): void;
}

let actions: CanvasActions | undefined;

/** Called by the canvas on mount (and with undefined on unmount). */
export function registerCanvasActions(next: CanvasActions | undefined): void {
  actions = next;
}

/** The mounted canvas's actions, or undefined when there is no canvas. */
export function canvasActions(): CanvasActions | undefined {
  return actions;
}

/** The name of the DOM event the canvas dispatches on `window` for a context menu. */
export const CANVAS_CONTEXT_MENU_EVENT = 'crosstalk:contextmenu';

/**
 * What a context menu was asked for: a node or a link, by id, and where, in viewport pixels
 * (`clientX`/`clientY`: what a `position: fixed` menu needs).
 */
export interface CanvasContextMenuDetail {
  readonly kind: 'node' | 'link';
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

/** The event a context-menu listener receives. */
export type CanvasContextMenuEvent = CustomEvent<CanvasContextMenuDetail>;

/** Dispatches the context-menu event (see above). */
export function requestContextMenu(detail: CanvasContextMenuDetail): void {
  window.dispatchEvent(new CustomEvent(CANVAS_CONTEXT_MENU_EVENT, { detail }));
}
