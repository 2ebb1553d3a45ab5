/**
 * A lesson step's Show, on the canvas: the view moves so the step's node or link is in the part
 * of the canvas a person can see. On a narrow screen, a lessons drawer wider than half the screen
 * makes way first (the Lessons button brings it back); the inspector's sheet is allowed for.
 */
import type { Stores } from '../app/stores.tsx';
import { canvasActions } from '../canvas/canvasBridge.ts';

/** Brings `target` into the visible canvas once the layout has settled (the selection's sheet, a closed drawer). */
export function revealOnCanvas(stores: Stores, target: { nodeIds?: readonly string[]; linkIds?: readonly string[] }): void {
  // Before the drawer closes: the refit its closing asks for would otherwise undo the reveal.
  canvasActions()?.revealSoon?.();
  const drawer = document.querySelector<HTMLElement>('[data-covers-canvas="right"]:not([hidden])');
  if (drawer && drawer.getBoundingClientRect().width > window.innerWidth / 2) stores.ui.getState().setPanels({ lessonPanelOpen: false });
  // Two frames: React renders what the selection and the drawer changed, then the browser lays it out.
  requestAnimationFrame(() => requestAnimationFrame(() => canvasActions()?.reveal?.(target)));
}
