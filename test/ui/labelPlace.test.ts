/**
 * A link's label sits beside its line, off the path its messages travel: for links in any
 * direction (ends at least 150 px apart, as two node boxes are), no point of the curve comes within the dots' reach (8 flow px at 100 %) of
 * the label's box.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linkCurve } from '../../src/ui/canvas/edgeGeometry.ts';
import { labelPlace } from '../../src/ui/canvas/edges/labelPlace.ts';

const REACH = 8;

describe('labelPlace', () => {
  it("keeps the label's box clear of the line", () => {
    const coordinate = fc.integer({ min: -400, max: 400 });
    fc.assert(
      fc.property(
        coordinate,
        coordinate,
        coordinate,
        coordinate,
        fc.constantFrom('HTTP', 'gRPC', 'async', 'WebSocket'),
        (sx, sy, tx, ty, text) => {
          fc.pre(Math.hypot(tx - sx, ty - sy) >= 150); // ends as far apart as two boxes side by side
          const curve = linkCurve({ x: sx, y: sy }, { x: tx, y: ty });
          const at = labelPlace(curve, text);
          const halfWidth = (text.length * 7 + 12) / 2,
            halfHeight = 17 / 2;
          for (let i = 0; i <= 400; i++) {
            const p = curve.pointAt(i / 400);
            const inside = Math.abs(p.x - at.x) < halfWidth + REACH && Math.abs(p.y - at.y) < halfHeight + REACH;
            expect(
              inside,
              `curve point ${i} at (${p.x.toFixed(1)}, ${p.y.toFixed(1)}), label at (${at.x.toFixed(1)}, ${at.y.toFixed(1)})`,
            ).toBe(false);
          }
        },
      ),
      { seed: 20, numRuns: 300 },
    );
  });
});
