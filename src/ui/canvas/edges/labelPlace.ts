/**
 * Where a link's label goes: beside the line at its middle, not on it. Messages travel along the
 * line on both sides (requests on one, replies on the other; dot bundles a few px wide), and a label
 * on the line would either hide them or, drawn under them, be hidden. It sits on the side facing
 * up (or left, on a vertical stretch), its near edge `CLEARANCE` flow px from the line.
 */
import type { LinkCurve, Point } from '../edgeGeometry.ts';

/** How far the label's near edge stays from the line (flow px): past the dots' and dot bundles' reach at any zoom from 50 %. */
export const CLEARANCE = 14;
/** The label's size as canvas.css draws it (11 px semibold, 5 px padding, a border): height, and width per character plus the rest. */
const HEIGHT = 17;
const PER_CHAR = 7;
const PADDING = 12;

/** The centre of `text`'s label on `curve` (flow coordinates). */
export function labelPlace(curve: LinkCurve, text: string): Point {
  const middle = curve.pointAt(0.5);
  const a = curve.pointAt(0.49),
    b = curve.pointAt(0.51);
  const dx = b.x - a.x,
    dy = b.y - a.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return { x: middle.x, y: middle.y - CLEARANCE - HEIGHT / 2 };
  // A unit normal, turned to face up (or left where the line runs straight up or down).
  let nx = dy / length,
    ny = -dx / length;
  if (ny > 0 || (ny === 0 && nx > 0)) {
    nx = -nx;
    ny = -ny;
  }
  const halfWidth = (text.length * PER_CHAR + PADDING) / 2,
    halfHeight = HEIGHT / 2;
  const reach = CLEARANCE + Math.abs(nx) * halfWidth + Math.abs(ny) * halfHeight;
  return { x: middle.x + nx * reach, y: middle.y + ny * reach };
}
