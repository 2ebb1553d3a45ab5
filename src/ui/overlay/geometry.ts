/**
 * Where a message is on the screen: the link it travels runs from the source node's right
 * handle to the target node's left handle (or, when the target lies below the source, as in the
 * top-to-bottom layout, from its bottom handle to the target's top one: see linkGoesDown) along the same cubic Bézier the canvas draws the
 * link
 * with (canvas/edgeGeometry.ts `linkCurve`), in flow coordinates, then through the viewport's
 * pan and zoom. Everything writes into caller-owned typed arrays: the overlay calls these
 * thousands of times a frame and must not allocate.
 */

/** How far the control points reach out at least (must equal edgeGeometry.ts's MIN_REACH). */
export const MIN_REACH = 40;

/** A handle's box relative to its node, as React Flow measures it. */
export interface HandleBoxLike {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly position?: string;
}

/** The part of a React Flow internal node the overlay reads. */
export interface FlowNodeLike {
  readonly internals: {
    readonly positionAbsolute: { readonly x: number; readonly y: number };
    readonly handleBounds?: { readonly source?: readonly HandleBoxLike[] | null; readonly target?: readonly HandleBoxLike[] | null } | null;
  };
  readonly measured?: { readonly width?: number; readonly height?: number };
}

/**
 * How far beside its caller (flow px, box to box) a callee below it may be for their link to run
 * down: the left-to-right layout keeps a column's gap (100 px, canvas/layout.ts) beside every
 * callee however low a fan-out puts it, so its links all run across as they always have.
 */
export const DOWN_WITHIN = 100;

/**
 * Whether the link from `from` to `to` runs downwards (bottom handle to top handle) rather than
 * across (right to left): when the target's box lies wholly below the source's and less than
 * DOWN_WITHIN beside it, as the top-to-bottom layout stacks callees below their callers.
 */
export function linkGoesDown(from: FlowNodeLike, to: FlowNodeLike): boolean {
  const a = from.internals.positionAbsolute,
    b = to.internals.positionAbsolute;
  const aw = from.measured?.width ?? 0,
    ah = from.measured?.height ?? 0,
    bw = to.measured?.width ?? 0;
  const below = b.y - (a.y + ah);
  const beside = Math.max(b.x - (a.x + aw), a.x - (b.x + bw));
  return below > 0 && beside < DOWN_WITHIN;
}

/**
 * Writes the point where links leave (`side` 'source') or enter ('target') `node` into
 * out[at], out[at+1]: the outer edge of its first handle of that type, as React Flow places edge
 * ends (of its bottom or top handle for a link running `down`); without measured handles, the
 * middle of the box's right (source) or left (target) side, or its bottom or top.
 */
export function handlePoint(node: FlowNodeLike, side: 'source' | 'target', out: Float64Array, at: number, down = false): void {
  const { x, y } = node.internals.positionAbsolute;
  const handles = node.internals.handleBounds?.[side];
  const wanted = down ? (side === 'source' ? 'bottom' : 'top') : undefined;
  const handle = wanted ? handles?.find((h) => h.position === wanted) : handles?.[0];
  if (handle) {
    const position = handle.position ?? (side === 'source' ? 'right' : 'left');
    const hx = x + handle.x,
      hy = y + handle.y;
    out[at] = position === 'right' ? hx + handle.width : position === 'left' ? hx : hx + handle.width / 2;
    out[at + 1] = position === 'bottom' ? hy + handle.height : position === 'top' ? hy : hy + handle.height / 2;
    return;
  }
  const width = node.measured?.width ?? 0,
    height = node.measured?.height ?? 0;
  if (down) {
    out[at] = x + width / 2;
    out[at + 1] = side === 'source' ? y + height : y;
    return;
  }
  out[at] = side === 'source' ? x + width : x;
  out[at + 1] = y + height / 2;
}

/**
 * The point at parameter t (0 = source, 1 = target) of the link from (sx, sy) to (tx, ty), and
 * the unit normal there (to the left of the direction of travel from source to target), written
 * to out[0..3] as x, y, nx, ny. A link running `down` leaves downwards and enters from above.
 */
export function linkPoint(sx: number, sy: number, tx: number, ty: number, t: number, out: Float64Array, down = false): void {
  const u = 1 - t;
  const a = u * u * u,
    b = 3 * u * u * t,
    c = 3 * u * t * t,
    d = t * t * t;
  let dx: number, dy: number;
  if (down) {
    const reach = Math.max(Math.abs(ty - sy) / 2, MIN_REACH);
    const c1y = sy + reach,
      c2y = ty - reach; // c1x = sx, c2x = tx
    out[0] = a * sx + b * sx + c * tx + d * tx;
    out[1] = a * sy + b * c1y + c * c2y + d * ty;
    dx = 6 * u * t * (tx - sx);
    dy = 3 * u * u * reach + 6 * u * t * (c2y - c1y) + 3 * t * t * reach;
  } else {
    const reach = Math.max(Math.abs(tx - sx) / 2, MIN_REACH);
    const c1x = sx + reach,
      c2x = tx - reach; // c1y = sy, c2y = ty
    out[0] = a * sx + b * c1x + c * c2x + d * tx;
    out[1] = a * sy + b * sy + c * ty + d * ty;
    // Derivative of the cubic: 3u²(c1−p0) + 6ut(c2−c1) + 3t²(p3−c2).
    dx = 3 * u * u * reach + 6 * u * t * (c2x - c1x) + 3 * t * t * reach;
    dy = 6 * u * t * (ty - sy);
  }
  const length = Math.sqrt(dx * dx + dy * dy);
  out[2] = length > 0 ? dy / length : 0;
  out[3] = length > 0 ? -dx / length : -1;
}

/** A viewport: screen = flow × zoom + pan (React Flow's `transform` [x, y, zoom]). */
export type ViewportTransform = readonly [number, number, number];

export function toScreenX(x: number, transform: ViewportTransform): number {
  return x * transform[2] + transform[0];
}

export function toScreenY(y: number, transform: ViewportTransform): number {
  return y * transform[2] + transform[1];
}

/** The blossom of the cubic with coordinates a, b, c, d at (u1, u2, u3): de Casteljau with a parameter per level. */
function blossom(a: number, b: number, c: number, d: number, u1: number, u2: number, u3: number): number {
  const ab = a + (b - a) * u1,
    bc = b + (c - b) * u1,
    cd = c + (d - c) * u1;
  const abc = ab + (bc - ab) * u2,
    bcd = bc + (cd - bc) * u2;
  return abc + (bcd - abc) * u3;
}

/**
 * The stretch [t0, t1] of the link from (sx, sy) to (tx, ty) as a cubic Bézier of its own (the
 * same curve, re-parametrised), written to out[0..7] as x0, y0, x1, y1, x2, y2, x3, y3: one curve
 * segment to stroke instead of a polyline with joins. `down` as for linkPoint.
 */
export function linkSegment(sx: number, sy: number, tx: number, ty: number, t0: number, t1: number, out: Float64Array, down = false): void {
  const reach = Math.max(Math.abs(down ? ty - sy : tx - sx) / 2, MIN_REACH);
  const c1x = down ? sx : sx + reach,
    c2x = down ? tx : tx - reach;
  const c1y = down ? sy + reach : sy,
    c2y = down ? ty - reach : ty;
  out[0] = blossom(sx, c1x, c2x, tx, t0, t0, t0);
  out[1] = blossom(sy, c1y, c2y, ty, t0, t0, t0);
  out[2] = blossom(sx, c1x, c2x, tx, t0, t0, t1);
  out[3] = blossom(sy, c1y, c2y, ty, t0, t0, t1);
  out[4] = blossom(sx, c1x, c2x, tx, t0, t1, t1);
  out[5] = blossom(sy, c1y, c2y, ty, t0, t1, t1);
  out[6] = blossom(sx, c1x, c2x, tx, t1, t1, t1);
  out[7] = blossom(sy, c1y, c2y, ty, t1, t1, t1);
}
