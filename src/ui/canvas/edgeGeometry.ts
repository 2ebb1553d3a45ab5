/**
 * The curve a link is drawn along: a cubic Bézier leaving the caller's right side and entering
 * the callee's left side, or, for a link running down (the callee below, overlay/geometry.ts
 * linkGoesDown), leaving its bottom and entering the callee's top. Exported so anything drawn *on* a link (the message overlay's dots)
 * can follow exactly the same line.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A link's curve: its SVG path and points along it. */
export interface LinkCurve {
  /** SVG path data (`M … C …`). */
  readonly path: string;
  /** The point at fraction `t` (0 = source, 1 = target) of the curve's parameter. */
  pointAt(t: number): Point;
}

/**
 * How far the control points reach out at least, so a link going backwards loops visibly.
 * (The message overlay computes the same curve allocation-free in overlay/geometry.ts; a test
 * keeps the two in step.)
 */
export const MIN_REACH = 40;

/** The Bézier's two control points for a link from `source` to `target` (running `down`: vertical tangents). */
export function linkControls(source: Point, target: Point, down = false): readonly [Point, Point] {
  if (down) {
    const reach = Math.max(Math.abs(target.y - source.y) / 2, MIN_REACH);
    return [
      { x: source.x, y: source.y + reach },
      { x: target.x, y: target.y - reach },
    ];
  }
  const reach = Math.max(Math.abs(target.x - source.x) / 2, MIN_REACH);
  return [
    { x: source.x + reach, y: source.y },
    { x: target.x - reach, y: target.y },
  ];
}

/** The curve of a link from `source` (the caller's handle) to `target` (the callee's), running `down` or across. */
export function linkCurve(source: Point, target: Point, down = false): LinkCurve {
  const [c1, c2] = linkControls(source, target, down);
  return {
    path: `M${source.x},${source.y} C${c1.x},${c1.y} ${c2.x},${c2.y} ${target.x},${target.y}`,
    pointAt(t) {
      const u = 1 - t;
      const a = u * u * u,
        b = 3 * u * u * t,
        c = 3 * u * t * t,
        d = t * t * t;
      return {
        x: a * source.x + b * c1.x + c * c2.x + d * target.x,
        y: a * source.y + b * c1.y + c * c2.y + d * target.y,
      };
    },
  };
}
