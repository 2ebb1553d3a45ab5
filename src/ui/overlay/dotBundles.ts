/**
 * Crowded link directions drawn as bundles: a thick line over the stretch of the link its messages
 * cover, in the colour of most of them, thicker for more truly in flight (not for those the time
 * stretch holds on screen: a figure of the run, and thin lines rasterise faster), with a count badge
 * where there is room.
 * A zoomed-out system can have hundreds of bundles, so they are cheap to rasterise: each is one
 * Bézier segment (no joins), stroked on its own.
 */
import { bundleWidth, type LinkGroups } from './aggregate.ts';
import { linkPoint, linkSegment, toScreenX, toScreenY, type ViewportTransform } from './geometry.ts';
import { MESSAGE_STYLES, type OverlayPalette } from './messageStyles.ts';
import { addShape } from './shapes.ts';

/** Bundles shorter than this on screen (px) get no count badge: it would cover the diagram. */
const BADGE_MIN_PX = 48;
/** Bundles spanning less than this on screen (px, |dx| + |dy|) are drawn straight. */
const STRAIGHT_BELOW_PX = 32;

/** Where the links are this frame: per link, source x, y and target x, y in flow units (NaN: not shown). */
export interface BundleFrame {
  readonly groups: LinkGroups;
  readonly ends: Float64Array;
  /** Per link, 1 when it runs down (see geometry.ts linkGoesDown). */
  readonly down: Uint8Array;
  readonly transform: ViewportTransform;
  /** Replies keep to one side of the line, requests to the other (screen px). */
  readonly offset: number;
  readonly palette: OverlayPalette;
  /** Scratch for linkPoint (x, y, nx, ny). */
  readonly point: Float64Array;
}

/** Scratch for a bundle's Bézier segment and the normals at its two ends. */
const segment = new Float64Array(8);
const startNormal = new Float64Array(4);

/** Draws every aggregated slot's bundle and badge; returns how many messages they stand for. */
export function drawBundles(ctx: CanvasRenderingContext2D, frame: BundleFrame): number {
  const { groups, ends } = frame;
  const scale = widthScale(frame.transform[2]);
  let shown = 0;
  let stroke = '',
    lineWidth = 0;
  ctx.lineCap = 'butt';
  // One stroke per bundle, not one path per colour: Chromium's software rasteriser works over a
  // path's whole bounding box, so one path of bundles scattered over the canvas costs about twice
  // as much as the same bundles stroked one by one.
  for (let slot = 0; slot < groups.slots; slot++) {
    if (!groups.aggregated(slot) || Number.isNaN(ends[(slot >> 1) * 4])) continue;
    ctx.beginPath();
    addBundle(ctx, frame, slot);
    // Only when they change: a colour is a string the context parses each time it is set.
    const colour = frame.palette.kinds[groups.dominantKind(slot)],
      width = Math.max(1, Math.round(bundleWidth(groups.flying[slot]) * scale));
    if (colour !== stroke) ctx.strokeStyle = stroke = colour;
    if (width !== lineWidth) ctx.lineWidth = lineWidth = width;
    ctx.stroke();
    shown += groups.count[slot];
  }
  drawBadges(ctx, frame);
  return shown;
}

/** Bundles thin out on a zoomed-out diagram (down to half), in proportion with its boxes. */
function widthScale(zoom: number): number {
  return Math.min(1, Math.max(0.5, Math.sqrt(zoom)));
}

/** Screen point at `progress` (from the slot's own sender) along slot's link, on its side, into point[0..1]. */
function place(frame: BundleFrame, slot: number, progress: number): void {
  const { ends, point: p, transform } = frame;
  const e = (slot >> 1) * 4;
  const back = (slot & 1) === 1;
  const side = back ? frame.offset : -frame.offset;
  linkPoint(ends[e], ends[e + 1], ends[e + 2], ends[e + 3], back ? 1 - progress : progress, p, frame.down[slot >> 1] === 1);
  p[0] = toScreenX(p[0], transform) + p[2] * side;
  p[1] = toScreenY(p[1], transform) + p[3] * side;
}

function addBundle(ctx: CanvasRenderingContext2D, frame: BundleFrame, slot: number): void {
  const { ends, transform } = frame;
  const e = (slot >> 1) * 4;
  const back = (slot & 1) === 1;
  const from = frame.groups.minProgress[slot],
    to = frame.groups.maxProgress[slot];
  const t0 = back ? 1 - to : from,
    t1 = back ? 1 - from : to;
  const sx = ends[e],
    sy = ends[e + 1],
    tx = ends[e + 2],
    ty = ends[e + 3];
  const down = frame.down[slot >> 1] === 1;
  linkSegment(sx, sy, tx, ty, t0, t1, segment, down);
  // The side offset follows the normals at the two ends (close enough for a few pixels).
  linkPoint(sx, sy, tx, ty, t0, startNormal, down);
  linkPoint(sx, sy, tx, ty, t1, frame.point, down);
  const side = back ? frame.offset : -frame.offset;
  const ax = startNormal[2] * side,
    ay = startNormal[3] * side,
    bx = frame.point[2] * side,
    by = frame.point[3] * side;
  const q = segment;
  const x0 = toScreenX(q[0], transform) + ax,
    y0 = toScreenY(q[1], transform) + ay;
  const x1 = toScreenX(q[6], transform) + bx,
    y1 = toScreenY(q[7], transform) + by;
  ctx.moveTo(x0, y0);
  // A short bundle is a straight line: at that size the curve strays a pixel at most, and a line
  // costs the rasteriser half as much as a curve (a zoomed-out system has hundreds of bundles).
  if (Math.abs(x1 - x0) + Math.abs(y1 - y0) < STRAIGHT_BELOW_PX) {
    ctx.lineTo(x1, y1);
    return;
  }
  ctx.bezierCurveTo(
    toScreenX(q[2], transform) + ax,
    toScreenY(q[3], transform) + ay,
    toScreenX(q[4], transform) + bx,
    toScreenY(q[5], transform) + by,
    x1,
    y1,
  );
}

const BADGE_FONT = '600 11px system-ui, sans-serif';
const BADGE_HEIGHT = 16;
/** Badge texts' widths in BADGE_FONT: counts repeat from frame to frame, and measureText is slow. */
const widths = new Map<string, number>();

function textWidth(ctx: CanvasRenderingContext2D, text: string): number {
  let width = widths.get(text);
  if (width === undefined) {
    width = ctx.measureText(text).width;
    if (widths.size > 4096) widths.clear();
    widths.set(text, width);
  }
  return width;
}

/** Where this frame's badges go (slot, left edge, centre y, width), filled by drawBadges. */
let badges = new Float64Array(4 * 64);

/**
 * A count in a pill beside each long enough bundle, a quarter of the way along (BADGE_AT): the
 * messages truly in flight, on a link crowded by them alone (a bundle only the time stretch makes,
 * of messages that have arrived, gets none: counts are the run's), the dominant kind's shape in front
 * (colour and shape again). Drawn in three passes (pills, shapes, counts) so that each colour and
 * the font are set once a frame, not once a badge.
 */
function drawBadges(ctx: CanvasRenderingContext2D, frame: BundleFrame): void {
  const { groups, palette } = frame;
  ctx.font = BADGE_FONT;
  let n = 0;
  for (let slot = 0; slot < groups.slots; slot++) {
    if (
      !groups.aggregated(slot) ||
      groups.flying[slot] <= groups.limit[slot] ||
      Number.isNaN(frame.ends[(slot >> 1) * 4]) ||
      !placeBadge(frame, slot)
    )
      continue;
    if (badges.length < 4 * (n + 1)) {
      const grown = new Float64Array(badges.length * 2);
      grown.set(badges);
      badges = grown;
    }
    const width = textWidth(ctx, String(groups.flying[slot])) + 22;
    badges[4 * n] = slot;
    badges[4 * n + 1] = frame.point[0] - width / 2;
    badges[4 * n + 2] = frame.point[1];
    badges[4 * n + 3] = width;
    n++;
  }
  if (n === 0) return;
  ctx.fillStyle = palette.badge;
  for (let i = 0; i < n; i++) {
    ctx.beginPath();
    ctx.roundRect(badges[4 * i + 1], badges[4 * i + 2] - BADGE_HEIGHT / 2, badges[4 * i + 3], BADGE_HEIGHT, BADGE_HEIGHT / 2);
    ctx.fill();
  }
  let colour = '';
  for (let i = 0; i < n; i++) {
    const kind = groups.dominantKind(badges[4 * i]);
    if (palette.kinds[kind] !== colour) ctx.fillStyle = colour = palette.kinds[kind];
    ctx.beginPath();
    addShape(ctx, MESSAGE_STYLES[kind].shape, badges[4 * i + 1] + 9, badges[4 * i + 2], 3.5);
    ctx.fill();
  }
  ctx.fillStyle = palette.badgeText;
  ctx.textBaseline = 'middle';
  for (let i = 0; i < n; i++) ctx.fillText(String(groups.flying[badges[4 * i]]), badges[4 * i + 1] + 16, badges[4 * i + 2] + 0.5);
}

/**
 * Where along its bundle a badge sits, from the bundle's sender end: a quarter of the way, clear of
 * the link's label at the middle (canvas/edges/labelPlace.ts); a request's and its reply's badges
 * then sit at opposite ends too.
 */
const BADGE_AT = 0.25;

/** Whether slot's bundle is long enough on screen for a badge; if so, its centre goes in frame.point[0..1]. */
function placeBadge(frame: BundleFrame, slot: number): boolean {
  const { groups, ends, transform, point: p } = frame;
  const e = (slot >> 1) * 4;
  const from = groups.minProgress[slot],
    to = groups.maxProgress[slot];
  const dx = ends[e + 2] - ends[e],
    dy = ends[e + 3] - ends[e + 1];
  if (Math.sqrt(dx * dx + dy * dy) * transform[2] * (to - from) < BADGE_MIN_PX) return false;
  place(frame, slot, from + (to - from) * BADGE_AT);
  // Pushed further out to the bundle's side, so the pill does not sit on the line.
  const side = (slot & 1) === 1 ? 1 : -1;
  p[0] += p[2] * side * 9;
  p[1] += p[3] * side * 9;
  return true;
}
