/**
 * Retries on the canvas: every attempt is its own dot, and a retry's dots (request and reply;
 * also a queue's redelivery of a message, numbered by its delivery)
 * carry its attempt number beside them; while a caller waits out a backoff before retrying over
 * a link, a countdown ring sits where the link leaves the caller, emptying as the wait runs out
 * (with a count when several calls wait over that link at once: the ring shows the one due first).
 */
import type { MessagesInFlight } from '../../engine/replay/messageIndex.ts';
import type { TraceReplay } from '../../engine/replay/traceReplay.ts';
import { toScreenX, toScreenY, type ViewportTransform } from './geometry.ts';
import type { OverlayPalette } from './messageStyles.ts';

/** The ring's radius and its distance from the caller's handle, screen px. */
export const RING_RADIUS = 7;
const RING_OFFSET = 14;

/** What the marks need of the overlay's frame. */
export interface RetryFrame {
  readonly messages: MessagesInFlight;
  /** Screen positions of the frame's messages, and whether each is drawn as a dot. */
  readonly xs: Float32Array;
  readonly ys: Float32Array;
  readonly isDot: (i: number) => boolean;
  /** Per link: source x, y and target x, y in flow coordinates (NaN: not on the canvas). */
  readonly ends: Float64Array;
  readonly transform: ViewportTransform;
  readonly palette: OverlayPalette;
  readonly radius: number;
}

/** Draws the attempt numbers of the frame's retry dots; returns how many it drew. */
export function drawAttemptNumbers(ctx: CanvasRenderingContext2D, replay: TraceReplay, frame: RetryFrame): number {
  const { messages, xs, ys, radius } = frame;
  let drawn = 0;
  for (let i = 0; i < messages.count; i++) {
    if (!frame.isDot(i)) continue;
    const attempt = replay.attemptOf(messages.call[i]);
    if (attempt < 2) continue;
    if (drawn === 0) {
      ctx.font = `700 ${Math.round(radius * 1.7 + 3)}px system-ui, sans-serif`;
      ctx.textBaseline = 'bottom';
      ctx.lineWidth = 3;
      ctx.strokeStyle = frame.palette.outline;
      ctx.fillStyle = frame.palette.retry;
    }
    // Above and right of the dot, outlined so it reads on a link or a node.
    const x = xs[i] + radius * 0.8,
      y = ys[i] - radius * 0.8;
    const text = String(attempt);
    ctx.strokeText(text, x, y);
    ctx.fillText(text, x, y);
    drawn++;
  }
  return drawn;
}

/** Draws a countdown ring per link whose caller waits to retry at `time`; returns how many rings it drew. */
export function drawRetryWaits(ctx: CanvasRenderingContext2D, replay: TraceReplay, time: number, frame: RetryFrame): number {
  const waits = replay.links.retryWaitsAt(time);
  if (waits.length === 0) return 0;
  // Per link, the wait due first and how many there are.
  const due = new Map<number, { left: number; of: number; count: number }>();
  for (const w of waits) {
    const left = w.end - time,
      of = w.end - w.start;
    const seen = due.get(w.link);
    if (!seen) due.set(w.link, { left, of, count: 1 });
    else {
      seen.count++;
      if (left < seen.left) {
        seen.left = left;
        seen.of = of;
      }
    }
  }
  const { ends, transform, palette } = frame;
  let drawn = 0;
  ctx.lineCap = 'round';
  for (const [link, { left, of, count }] of due) {
    const e = link * 4;
    if (!(e >= 0 && e < ends.length) || Number.isNaN(ends[e])) continue;
    const x = toScreenX(ends[e], transform) + RING_OFFSET,
      y = toScreenY(ends[e + 1], transform) - RING_OFFSET;
    ctx.lineWidth = 4;
    ctx.strokeStyle = palette.outline;
    ctx.beginPath();
    ctx.arc(x, y, RING_RADIUS, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.lineWidth = 2;
    ctx.strokeStyle = palette.lost;
    ctx.stroke();
    // What is left of the wait, clockwise from the top.
    const share = of > 0 ? Math.min(1, Math.max(0, left / of)) : 0;
    ctx.strokeStyle = palette.retry;
    ctx.beginPath();
    ctx.arc(x, y, RING_RADIUS, -Math.PI / 2, -Math.PI / 2 + share * 2 * Math.PI);
    ctx.stroke();
    if (count > 1) {
      ctx.font = '700 10px system-ui, sans-serif';
      ctx.textBaseline = 'middle';
      ctx.lineWidth = 3;
      ctx.strokeStyle = palette.outline;
      ctx.fillStyle = palette.retry;
      ctx.strokeText(`×${count}`, x + RING_RADIUS + 3, y);
      ctx.fillText(`×${count}`, x + RING_RADIUS + 3, y);
    }
    drawn++;
  }
  ctx.lineCap = 'butt';
  return drawn;
}
