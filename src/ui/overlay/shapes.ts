/**
 * The message shapes as canvas sub-paths of radius r around (x, y). Adding to the current path
 * (no beginPath) lets the overlay fill every dot of one kind with a single fill call.
 */
import type { MessageShape } from './messageStyles.ts';

/** The part of CanvasRenderingContext2D (or Path2D) the shapes use. */
export type PathSink = Pick<CanvasPath, 'moveTo' | 'lineTo' | 'arc' | 'closePath' | 'rect'>;

/** A star's points (unit circle, every 36°, from the top), computed once. */
const STAR_SIN = Array.from({ length: 10 }, (_, k) => Math.sin((k * Math.PI) / 5));
const STAR_COS = Array.from({ length: 10 }, (_, k) => Math.cos((k * Math.PI) / 5));
/** A hexagon's corners (unit circle, every 60°), computed once. */
const HEX_COS = Array.from({ length: 6 }, (_, k) => Math.cos((k * Math.PI) / 3));
const HEX_SIN = Array.from({ length: 6 }, (_, k) => Math.sin((k * Math.PI) / 3));

export function addShape(path: PathSink, shape: MessageShape, x: number, y: number, r: number): void {
  switch (shape) {
    case 'circle':
      path.moveTo(x + r, y);
      path.arc(x, y, r, 0, Math.PI * 2);
      break;
    case 'diamond': {
      const d = r * 1.3;
      path.moveTo(x, y - d);
      path.lineTo(x + d, y);
      path.lineTo(x, y + d);
      path.lineTo(x - d, y);
      path.closePath();
      break;
    }
    case 'square': {
      const s = r * 0.9;
      path.rect(x - s, y - s, 2 * s, 2 * s);
      break;
    }
    case 'triangle': {
      const d = r * 1.25;
      path.moveTo(x, y - d);
      path.lineTo(x + d, y + d * 0.8);
      path.lineTo(x - d, y + d * 0.8);
      path.closePath();
      break;
    }
    case 'hexagon': {
      const d = r * 1.15;
      path.moveTo(x + d, y);
      for (let k = 1; k < 6; k++) path.lineTo(x + d * HEX_COS[k], y + d * HEX_SIN[k]);
      path.closePath();
      break;
    }
    case 'triangleDown': {
      const d = r * 1.25;
      path.moveTo(x, y + d);
      path.lineTo(x + d, y - d * 0.8);
      path.lineTo(x - d, y - d * 0.8);
      path.closePath();
      break;
    }
    case 'plus': {
      const d = r * 1.2,
        w = r * 0.45;
      path.moveTo(x - w, y - d);
      path.lineTo(x + w, y - d);
      path.lineTo(x + w, y - w);
      path.lineTo(x + d, y - w);
      path.lineTo(x + d, y + w);
      path.lineTo(x + w, y + w);
      path.lineTo(x + w, y + d);
      path.lineTo(x - w, y + d);
      path.lineTo(x - w, y + w);
      path.lineTo(x - d, y + w);
      path.lineTo(x - d, y - w);
      path.lineTo(x - w, y - w);
      path.closePath();
      break;
    }
    case 'star': {
      // Five points: outer radius 1.35 r, inner 0.55 r, from the top.
      for (let k = 0; k < 10; k++) {
        const d = k % 2 === 0 ? r * 1.35 : r * 0.55;
        const px = x + d * STAR_SIN[k],
          py = y - d * STAR_COS[k];
        if (k === 0) path.moveTo(px, py);
        else path.lineTo(px, py);
      }
      path.closePath();
      break;
    }
    case 'bar': {
      // A flat bar: a "minus", the opposite of the poll's plus.
      path.rect(x - r * 1.25, y - r * 0.5, r * 2.5, r);
      break;
    }
    case 'pentagon': {
      // Five corners from the top (every other point of the star's table).
      const d = r * 1.2;
      path.moveTo(x, y - d);
      for (let k = 2; k < 10; k += 2) path.lineTo(x + d * STAR_SIN[k], y - d * STAR_COS[k]);
      path.closePath();
      break;
    }
    case 'hourglass': {
      // Two triangles meeting at their tips: a wait (the client is over its rate).
      const d = r * 1.15;
      path.moveTo(x - d, y - d);
      path.lineTo(x + d, y - d);
      path.lineTo(x, y);
      path.lineTo(x + d, y + d);
      path.lineTo(x - d, y + d);
      path.lineTo(x, y);
      path.closePath();
      break;
    }
    case 'slash': {
      // A slanted bar: a way that is not there (no route).
      const d = r * 1.2,
        w = r * 0.55;
      path.moveTo(x + d - w, y - d);
      path.lineTo(x + d, y - d);
      path.lineTo(x - d + w, y + d);
      path.lineTo(x - d, y + d);
      path.closePath();
      break;
    }
    case 'cross': {
      // An X as one 12-point polygon (arms of half-width w), so it fills like the others.
      const d = r * 1.15,
        w = r * 0.42;
      path.moveTo(x - d, y - d + w);
      path.lineTo(x - d + w, y - d);
      path.lineTo(x, y - w);
      path.lineTo(x + d - w, y - d);
      path.lineTo(x + d, y - d + w);
      path.lineTo(x + w, y);
      path.lineTo(x + d, y + d - w);
      path.lineTo(x + d - w, y + d);
      path.lineTo(x, y + w);
      path.lineTo(x - d + w, y + d);
      path.lineTo(x - d, y + d - w);
      path.lineTo(x - w, y);
      path.closePath();
      break;
    }
  }
}

/** The same shape as SVG path data (for the legend), so the legend and the canvas cannot disagree. */
export function shapePathData(shape: MessageShape, x: number, y: number, r: number): string {
  const parts: string[] = [];
  const n = (v: number) => Math.round(v * 100) / 100;
  const sink: PathSink = {
    moveTo: (px, py) => {
      parts.push(`M${n(px)} ${n(py)}`);
    },
    lineTo: (px, py) => {
      parts.push(`L${n(px)} ${n(py)}`);
    },
    closePath: () => {
      parts.push('Z');
    },
    rect: (px, py, w, h) => {
      parts.push(`M${n(px)} ${n(py)}H${n(px + w)}V${n(py + h)}H${n(px)}Z`);
    },
    // Only full circles are drawn: two half-circle arcs from the moveTo point.
    arc: (cx, cy, radius) => {
      parts.push(`A${n(radius)} ${n(radius)} 0 1 1 ${n(cx - radius)} ${n(cy)}A${n(radius)} ${n(radius)} 0 1 1 ${n(cx + radius)} ${n(cy)}Z`);
    },
  };
  addShape(sink, shape, x, y, r);
  return parts.join('');
}
