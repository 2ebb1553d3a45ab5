/**
 * Crowded link directions drawn as streams: a thick line over the stretch of the link its messages
 * cover, in the colour of most of them, thicker for more, with a count badge where there is room.
 * A zoomed-out system can have hundreds of streams, so they are cheap to rasterise: each is one
 * Bézier segment (no joins), and streams of one colour and width share one path and one stroke.
 */
import { KIND_COUNT, type LinkGroups, streamWidth } from './aggregate.ts';
import { linkPoint, linkSegment, toScreenX, toScreenY, type ViewportTransform } from './geometry.ts';
import { MESSAGE_STYLES, type OverlayPalette } from './messageStyles.ts';
import { addShape } from './shapes.ts';

/** Streams shorter than this on screen (px) get no count badge: it would cover the diagram. */
const BADGE_MIN_PX = 48;
/** Stream widths are whole pixels from 1 to this (streamWidth's cap). */
const MAX_WIDTH = 10;

/** Where the links are this frame: per link, source x, y and target x, y in flow units (NaN: not shown). */
export interface StreamFrame {
  readonly groups: LinkGroups;
  readonly ends: Float64Array;
  readonly transform: ViewportTransform;
  /** Replies keep to one side of the line, requests to the other (screen px). */
  readonly offset: number;
  readonly palette: OverlayPalette;
  /** Scratch for linkPoint (x, y, nx, ny). */
  readonly point: Float64Array;
}

/** Scratch for a stream's Bézier segment and the normals at its two ends. */
const segment = new Float64Array(8);
const startNormal = new Float64Array(4);

/** Which (kind, width) batches have streams this frame, as flags at kind * (MAX_WIDTH + 1) + width. */
const present = new Uint8Array(KIND_COUNT * (MAX_WIDTH + 1));

/** Draws every aggregated slot's stream and badge; returns how many messages they stand for. */
export function drawStreams(ctx: CanvasRenderingContext2D, frame: StreamFrame): number {
  const { groups, ends } = frame;
  const scale = widthScale(frame.transform[2]);
  present.fill(0);
  let shown = 0;
  for (let slot = 0; slot < groups.slots; slot++) {
    if (!groups.aggregated(slot) || Number.isNaN(ends[(slot >> 1) * 4])) continue;
    present[batchOf(groups, slot, scale)] = 1;
    shown += groups.count[slot];
  }
  if (shown === 0) return 0;
  ctx.lineCap = 'butt';
  ctx.lineJoin = 'round';
  for (let batch = 0; batch < present.length; batch++) {
    if (!present[batch]) continue;
    ctx.beginPath();
    for (let slot = 0; slot < groups.slots; slot++) {
      if (groups.aggregated(slot) && !Number.isNaN(ends[(slot >> 1) * 4]) && batchOf(groups, slot, scale) === batch) addStream(ctx, frame, slot);
    }
    ctx.strokeStyle = frame.palette.kinds[Math.floor(batch / (MAX_WIDTH + 1))];
    ctx.lineWidth = batch % (MAX_WIDTH + 1);
    ctx.stroke();
  }
  for (let slot = 0; slot < groups.slots; slot++) {
    if (groups.aggregated(slot) && !Number.isNaN(ends[(slot >> 1) * 4])) badge(ctx, frame, slot);
  }
  return shown;
}

function batchOf(groups: LinkGroups, slot: number, scale: number): number {
  return groups.dominantKind(slot) * (MAX_WIDTH + 1) + Math.max(1, Math.round(streamWidth(groups.count[slot]) * scale));
}

/** Streams thin out on a zoomed-out diagram (down to half), in proportion with its boxes. */
function widthScale(zoom: number): number {
  return Math.min(1, Math.max(0.5, Math.sqrt(zoom)));
}

/** Screen point at `progress` (from the slot's own sender) along slot's link, on its side, into point[0..1]. */
function place(frame: StreamFrame, slot: number, progress: number): void {
  const { ends, point: p, transform } = frame;
  const e = (slot >> 1) * 4;
  const back = (slot & 1) === 1;
  const side = back ? frame.offset : -frame.offset;
  linkPoint(ends[e], ends[e + 1], ends[e + 2], ends[e + 3], back ? 1 - progress : progress, p);
  p[0] = toScreenX(p[0], transform) + p[2] * side;
  p[1] = toScreenY(p[1], transform) + p[3] * side;
}

function addStream(ctx: CanvasRenderingContext2D, frame: StreamFrame, slot: number): void {
  const { ends, transform } = frame;
  const e = (slot >> 1) * 4;
  const back = (slot & 1) === 1;
  const from = frame.groups.minProgress[slot], to = frame.groups.maxProgress[slot];
  const t0 = back ? 1 - to : from, t1 = back ? 1 - from : to;
  const sx = ends[e], sy = ends[e + 1], tx = ends[e + 2], ty = ends[e + 3];
  linkSegment(sx, sy, tx, ty, t0, t1, segment);
  // The side offset follows the normals at the two ends (close enough for a few pixels).
  linkPoint(sx, sy, tx, ty, t0, startNormal);
  linkPoint(sx, sy, tx, ty, t1, frame.point);
  const side = back ? frame.offset : -frame.offset;
  const ax = startNormal[2] * side, ay = startNormal[3] * side, bx = frame.point[2] * side, by = frame.point[3] * side;
  const q = segment;
  ctx.moveTo(toScreenX(q[0], transform) + ax, toScreenY(q[1], transform) + ay);
  ctx.bezierCurveTo(
    toScreenX(q[2], transform) + ax, toScreenY(q[3], transform) + ay,
    toScreenX(q[4], transform) + bx, toScreenY(q[5], transform) + by,
    toScreenX(q[6], transform) + bx, toScreenY(q[7], transform) + by,
  );
}

/** A count in a pill beside the stream's middle, the dominant kind's shape in front (colour and shape again). */
function badge(ctx: CanvasRenderingContext2D, frame: StreamFrame, slot: number): void {
  const { groups, ends, transform, palette, point: p } = frame;
  const e = (slot >> 1) * 4;
  const from = groups.minProgress[slot], to = groups.maxProgress[slot];
  const dx = ends[e + 2] - ends[e], dy = ends[e + 3] - ends[e + 1];
  if (Math.sqrt(dx * dx + dy * dy) * transform[2] * (to - from) < BADGE_MIN_PX) return;
  place(frame, slot, (from + to) / 2);
  // Pushed further out to the stream's side, so the pill does not sit on the line.
  const side = (slot & 1) === 1 ? 1 : -1;
  const x = p[0] + p[2] * side * 9, y = p[1] + p[3] * side * 9;
  const kind = groups.dominantKind(slot);
  const text = String(groups.count[slot]);
  ctx.font = '600 11px system-ui, sans-serif';
  const width = ctx.measureText(text).width + 22, height = 16;
  const left = x - width / 2;
  ctx.beginPath();
  ctx.roundRect(left, y - height / 2, width, height, height / 2);
  ctx.fillStyle = palette.badge;
  ctx.fill();
  ctx.beginPath();
  addShape(ctx, MESSAGE_STYLES[kind].shape, left + 9, y, 3.5);
  ctx.fillStyle = palette.kinds[kind];
  ctx.fill();
  ctx.fillStyle = palette.badgeText;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, left + 16, y + 0.5);
}
