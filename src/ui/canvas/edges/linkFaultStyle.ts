/**
 * How a link looks while faults are in force on it (see engine/replay/linkFaults.ts): a partition
 * cuts the line at its middle (a gap, and a ✕ in its tag), added latency draws it amber, thicker
 * and dashed with "+200 ms", loss draws it dotted with its rate (the lost messages themselves fall
 * off the link in the message overlay). Pure, so the canvas's edge and the exported image draw the
 * same thing.
 */
import type { LinkFaultView } from '../../../engine/replay/linkFaults.ts';
import { formatDuration } from '../../../model/index.ts';
import { linkControls, type Point } from '../edgeGeometry.ts';

/** The gap a cut leaves in the line, flow px: wider than the link's label, so it shows either side. */
export const CUT_GAP = 72;
/** Half the length of the bar across each broken end, flow px. */
const TICK = 6;
/** A cut never takes more of a short link than this share of its length. */
const MOST_OF_A_LINK = 0.5;

/** The line's look for the faults in force: which, as CSS classes and a data attribute, and its dash. */
export interface LinkFaultLook {
  /** Space-separated: `cut`, `latency`, `loss` (the `data-fault` attribute). */
  readonly kinds: string;
  /** Classes for the line's path (`is-fault-cut` …). */
  readonly className: string;
  /** The dash that replaces the link kind's own (undefined: keep it). */
  readonly dash: string | undefined;
  /** What the tag above the line says, one entry per effect ("✕ partition", "+200 ms", "loss 30 %"). */
  readonly tags: readonly { readonly kind: 'cut' | 'latency' | 'loss'; readonly text: string }[];
}

/** "200 ms", "1.5 s": the model's duration with a space, as the rest of the page writes times. */
const spaced = (ms: number) => formatDuration(ms).replace(/^([\d.]+)([a-z]+)$/, '$1 $2');

/** The look of a link under `view`'s faults. */
export function linkFaultLook(view: LinkFaultView): LinkFaultLook {
  const tags: { kind: 'cut' | 'latency' | 'loss'; text: string }[] = [];
  const cut = view.cutForward || view.cutBackward;
  if (cut)
    tags.push({
      kind: 'cut',
      text: view.cutForward && view.cutBackward ? '✕ partition' : view.cutForward ? '✕ requests lost' : '✕ replies lost',
    });
  if (view.addedLatency > 0) tags.push({ kind: 'latency', text: `+${spaced(view.addedLatency)}` });
  if (view.lossRate > 0) tags.push({ kind: 'loss', text: `loss ${Math.round(view.lossRate * 1000) / 10} %` });
  const kinds = tags.map((t) => t.kind);
  return {
    kinds: kinds.join(' '),
    className: kinds.map((k) => `is-fault-${k}`).join(' '),
    dash: kinds.includes('latency') ? '8 4' : kinds.includes('loss') ? '2 4' : undefined,
    tags,
  };
}

const lerp = (a: Point, b: Point, t: number): Point => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
const at = (p: Point) => `${p.x},${p.y}`;

/**
 * The link's curve (edgeGeometry.ts) with a gap of `gap` flow px at its middle: two Bézier pieces
 * in one path, each broken end with a short bar across it (the gap shows either side of the link's
 * label), the piece to the target last (so the arrow stays where it was).
 */
export function cutLinkPath(source: Point, target: Point, down = false, gap = CUT_GAP): string {
  const [c1, c2] = linkControls(source, target, down);
  const point = (t: number) => lerp(lerp(lerp(source, c1, t), lerp(c1, c2, t), t), lerp(lerp(c1, c2, t), lerp(c2, target, t), t), t);
  // The curve is symmetric about its middle: walk back from t = 0.5 until half the gap is covered.
  const steps = 64;
  const lengths = [0];
  for (let i = 1; i <= steps; i++) {
    const a = point(0.5 - (0.5 * (i - 1)) / steps),
      b = point(0.5 - (0.5 * i) / steps);
    lengths.push(lengths[i - 1] + Math.hypot(b.x - a.x, b.y - a.y));
  }
  const half = Math.min(gap / 2, lengths[steps] * MOST_OF_A_LINK);
  let i = 1;
  while (i < steps && lengths[i] < half) i++;
  const within = (half - lengths[i - 1]) / Math.max(1e-9, lengths[i] - lengths[i - 1]);
  const t = 0.5 - (0.5 * (i - 1 + within)) / steps;
  // de Casteljau: the piece [0, t] and, by symmetry, the piece [1 − t, 1].
  const a1 = lerp(source, c1, t),
    a12 = lerp(c1, c2, t),
    a2 = lerp(a1, a12, t),
    aEnd = lerp(a2, lerp(a12, lerp(c2, target, t), t), t);
  const u = 1 - t;
  const b3 = lerp(c2, target, u),
    b12 = lerp(c1, c2, u),
    b2 = lerp(b12, b3, u),
    bStart = lerp(lerp(lerp(source, c1, u), b12, u), b2, u);
  const across = (p: Point, toward: Point) => {
    const dx = toward.x - p.x,
      dy = toward.y - p.y,
      n = Math.hypot(dx, dy) || 1;
    return `M${at({ x: p.x - (dy / n) * TICK, y: p.y + (dx / n) * TICK })} L${at({ x: p.x + (dy / n) * TICK, y: p.y - (dx / n) * TICK })}`;
  };
  return `M${at(source)} C${at(a1)} ${at(a2)} ${at(aEnd)} ${across(aEnd, a2)} ${across(bStart, b2)} M${at(bStart)} C${at(b2)} ${at(b3)} ${at(target)}`;
}
