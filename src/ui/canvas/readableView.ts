/**
 * How a system opens on the canvas: readable first, whole when it can be. Zoomed out to show a
 * big system whole, node text shrinks to a few pixels (and boxes turn into bars, see
 * playback/NodeLiveGauge.ts): nothing a newcomer can read. So the view opened with a document
 * never goes below READABLE_ZOOM; a system too big for the canvas at that zoom opens at its start
 * (the callers: the layout puts them top left), the rest a pan away (the minimap shows where).
 * The toolbar's Fit view still shows the whole system, whatever the zoom: that is what it is for.
 */

/** The smallest regular node text (a box's summary line, 12 px in canvas.css) renders at 11 px or more from this zoom. */
export const READABLE_ZOOM = 11 / 12;

/** React Flow's fit options for an opened system: readable, not blown up, a fixed margin. */
export const OPENING_FIT = { padding: '24px', minZoom: READABLE_ZOOM, maxZoom: 1.25 } as const;
/** The margin of OPENING_FIT, in screen pixels. */
const MARGIN = 24;

type Box = { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
type Viewport = { readonly x: number; readonly y: number; readonly zoom: number };

/**
 * The viewport after a readable fit (`viewport`, centred on `bounds` by React Flow), moved so that,
 * along an axis where the system overflows the canvas (`view`, screen pixels), its start (left,
 * top) is in view rather than its middle. Unchanged where it fits.
 */
export function startOfSystem(bounds: Box, viewport: Viewport, view: { readonly width: number; readonly height: number }): Viewport {
  const overflows = (size: number, room: number) => size * viewport.zoom + 2 * MARGIN > room;
  return {
    x: overflows(bounds.width, view.width) ? MARGIN - bounds.x * viewport.zoom : viewport.x,
    y: overflows(bounds.height, view.height) ? MARGIN - bounds.y * viewport.zoom : viewport.y,
    zoom: viewport.zoom,
  };
}

/** The zoom at which `bounds` fits `view` whole (screen pixels, with the opening margin). */
export function wholeZoom(bounds: Pick<Box, 'width' | 'height'>, view: { readonly width: number; readonly height: number }): number {
  return Math.min((view.width - 2 * MARGIN) / Math.max(1, bounds.width), (view.height - 2 * MARGIN) / Math.max(1, bounds.height));
}
