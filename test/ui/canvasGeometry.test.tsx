/** The curve links are drawn along, and the message overlay's dots following the very same curve. */
import { describe, expect, it } from 'vitest';
import { linkCurve, MIN_REACH } from '../../src/ui/canvas/edgeGeometry.ts';
import { linkPoint, MIN_REACH as OVERLAY_MIN_REACH } from '../../src/ui/overlay/geometry.ts';

describe('linkCurve', () => {
  it('runs from the source to the target, leaving and arriving horizontally', () => {
    const curve = linkCurve({ x: 10, y: 20 }, { x: 210, y: 120 });
    expect(curve.pointAt(0)).toEqual({ x: 10, y: 20 });
    expect(curve.pointAt(1)).toEqual({ x: 210, y: 120 });
    expect(curve.pointAt(0.5)).toEqual({ x: 110, y: 70 });
    expect(curve.path).toBe('M10,20 C110,20 110,120 210,120');
  });

  it('loops out and back for a link that goes right to left', () => {
    const curve = linkCurve({ x: 300, y: 0 }, { x: 280, y: 100 });
    expect(curve.pointAt(0.1).x).toBeGreaterThan(300);
    expect(curve.pointAt(0.9).x).toBeLessThan(280);
  });

  it('is the curve the message overlay moves dots along', () => {
    expect(OVERLAY_MIN_REACH).toBe(MIN_REACH);
    const out = new Float64Array(4);
    for (const [sx, sy, tx, ty] of [
      [0, 0, 400, 60],
      [500, 10, 480, 300],
      [0, 0, 30, 0],
    ]) {
      const curve = linkCurve({ x: sx, y: sy }, { x: tx, y: ty });
      for (const t of [0, 0.13, 0.5, 0.77, 1]) {
        linkPoint(sx, sy, tx, ty, t, out);
        const p = curve.pointAt(t);
        expect(out[0]).toBeCloseTo(p.x, 9);
        expect(out[1]).toBeCloseTo(p.y, 9);
      }
    }
  });
});
