/**
 * What part of the canvas a person can see, and how to move the view so that part shows a target.
 * On a narrow screen, drawers and the inspector's bottom sheet lie over the canvas (they mark
 * themselves `data-covers-canvas="left|right|bottom"`); the part they leave is the visible area.
 * Pure geometry, apart from {@link coversOver}, which reads the marked elements' boxes.
 */

/** A rectangle in screen pixels, or in the container's own pixels (see each use). */
export interface Area {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}
/** A rectangle in diagram (flow) coordinates. */
export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
/** React Flow's viewport: the diagram is drawn at `zoom`, its origin at (`x`, `y`) in the container. */
export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

export type CoverSide = 'left' | 'right' | 'bottom';
/** Something over the canvas: the side it is attached to, and its box on screen. */
export interface Cover {
  readonly side: CoverSide;
  readonly box: Area;
}

/** How far each side of the container is hidden, in pixels. */
export interface Insets {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** A drawer leaving less of the canvas's width than this (a phone's) is left out of the insets. */
export const MIN_SEEN_WIDTH = 240;

/**
 * How far the covers hide each side of `container` (both in screen pixels). A drawer that leaves
 * less than {@link MIN_SEEN_WIDTH} of the canvas (on a phone) is left out: it is closed to look at
 * the canvas, so the view is made for the canvas without it. On a tablet a drawer leaves room,
 * and the view is made for that room. The sheet hides at most three quarters of the height.
 */
export function insetsOf(container: Area, covers: readonly Cover[]): Insets {
  let left = 0;
  let right = 0;
  let bottom = 0;
  for (const { side, box } of covers) {
    if (box.width <= 0 || box.height <= 0) continue;
    if (side !== 'bottom' && container.width - box.width < MIN_SEEN_WIDTH) continue;
    if (side === 'left') left = Math.max(left, box.left + box.width - container.left);
    if (side === 'right') right = Math.max(right, container.left + container.width - box.left);
    if (side === 'bottom') bottom = Math.max(bottom, container.top + container.height - box.top);
  }
  const clamp = (v: number, size: number) => Math.min(Math.max(0, v), size * 0.75);
  left = clamp(left, container.width);
  right = clamp(right, container.width - left);
  return { top: 0, left, right, bottom: clamp(bottom, container.height) };
}

/** The visible part of a `width`×`height` container with `insets` hidden, in the container's pixels. */
export function visibleArea(width: number, height: number, insets: Insets): Area {
  return { left: insets.left, top: insets.top, width: width - insets.left - insets.right, height: height - insets.top - insets.bottom };
}

/**
 * The viewport that shows `target` inside `area` (container pixels), or undefined when the current
 * viewport already shows all of it. The zoom stays as it is unless the target would not fit with
 * `margin` pixels around it, then it shrinks just enough (never below `minZoom`). A target partly
 * in view moves only as far as it must (what is around it stays in view); one out of view, or one
 * that needed a smaller zoom, is centred.
 */
export function revealViewport(target: Bounds, area: Area, current: Viewport, margin = 24, minZoom = 0.1): Viewport | undefined {
  const at = onScreen(target, current);
  const right = area.left + area.width;
  const bottom = area.top + area.height;
  if (at.left >= area.left && at.top >= area.top && at.right <= right && at.bottom <= bottom) return undefined;
  const fits = Math.min((area.width - 2 * margin) / Math.max(target.width, 1), (area.height - 2 * margin) / Math.max(target.height, 1));
  const zoom = Math.max(minZoom, Math.min(current.zoom, fits));
  const partlyShown = at.right > area.left && at.left < right && at.bottom > area.top && at.top < bottom;
  if (zoom === current.zoom && partlyShown) {
    const shift = (low: number, high: number, from: number, to: number) => (low < from ? from - low : high > to ? to - high : 0);
    return {
      x: current.x + shift(at.left, at.right, area.left + margin, right - margin),
      y: current.y + shift(at.top, at.bottom, area.top + margin, bottom - margin),
      zoom,
    };
  }
  return {
    x: area.left + area.width / 2 - (target.x + target.width / 2) * zoom,
    y: area.top + area.height / 2 - (target.y + target.height / 2) * zoom,
    zoom,
  };
}

/** Where `target` lies on screen (container pixels) under `view`. */
function onScreen(target: Bounds, view: Viewport) {
  return {
    left: target.x * view.zoom + view.x,
    top: target.y * view.zoom + view.y,
    right: (target.x + target.width) * view.zoom + view.x,
    bottom: (target.y + target.height) * view.zoom + view.y,
  };
}

/** The elements marked as lying over the canvas, and their boxes (hidden ones have an empty box). */
export function coversOver(root: ParentNode = document): Cover[] {
  return [...root.querySelectorAll<HTMLElement>('[data-covers-canvas]')].map((element) => {
    const r = element.getBoundingClientRect();
    return { side: element.dataset.coversCanvas as CoverSide, box: { left: r.left, top: r.top, width: r.width, height: r.height } };
  });
}
