/**
 * Links run across (right handle to left) or down (bottom handle to top) by where their nodes
 * are: the left-to-right layout of every example keeps all its links across, as it always drew
 * them; the top-to-bottom layout runs them down. The edge, the export and the overlay's dots
 * share one curve either way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { linkCurve } from '../../src/ui/canvas/edgeGeometry.ts';
import { layoutDocument } from '../../src/ui/canvas/layout.ts';
import { DEFAULT_NODE_SIZE } from '../../src/ui/canvas/placement.ts';
import { handlePoint, linkGoesDown, linkPoint, linkSegment, type FlowNodeLike } from '../../src/ui/overlay/geometry.ts';

const folder = join(process.cwd(), 'simulations/examples');
const examples = readdirSync(folder)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(join(folder, f), 'utf8')) as DocumentInput] as const);

const placed = (p: { x: number; y: number }): FlowNodeLike => ({ internals: { positionAbsolute: p }, measured: DEFAULT_NODE_SIZE });

/** Which links of `doc` run down with its nodes at `positions`. */
function downLinks(doc: DocumentInput, positions: Record<string, { x: number; y: number }>): string[] {
  return (doc.links ?? []).filter((l) => linkGoesDown(placed(positions[l.from]), placed(positions[l.to]))).map((l) => `${l.from}→${l.to}`);
}

describe('which way a link runs', () => {
  it.each(examples)('runs across for every link of %s laid out left to right (the wide layout as before)', (_, doc) => {
    expect(downLinks(doc, layoutDocument(doc))).toEqual([]);
  });

  it("runs down for every link of checkout laid out top to bottom on a phone's canvas", () => {
    const doc = examples.find(([f]) => f === 'checkout.json')![1];
    const positions = layoutDocument(doc, undefined, { width: 390, height: 560 });
    expect(downLinks(doc, positions)).toHaveLength(doc.links!.length);
  });

  it('runs across to a node beside, even a little lower, and down to one below', () => {
    const a = placed({ x: 0, y: 0 });
    const right = DEFAULT_NODE_SIZE.width + 100; // a column's gap beside
    expect(linkGoesDown(a, placed({ x: right, y: 40 }))).toBe(false);
    expect(linkGoesDown(a, placed({ x: right, y: 400 }))).toBe(false); // a fan-out's lowest callee, left to right
    expect(linkGoesDown(a, placed({ x: 150, y: 400 }))).toBe(true);
    expect(linkGoesDown(a, placed({ x: 60, y: DEFAULT_NODE_SIZE.height + 48 }))).toBe(true);
    expect(linkGoesDown(a, placed({ x: 0, y: -110 }))).toBe(false); // above: across, as a link going back
  });
});

describe('a link running down', () => {
  it("leaves from the bottom handle and enters at the top one (the box's middles before they are measured)", () => {
    const out = new Float64Array(4);
    const n: FlowNodeLike = {
      internals: {
        positionAbsolute: { x: 100, y: 50 },
        handleBounds: {
          source: [
            { x: 176, y: 26, width: 8, height: 8, position: 'right' },
            { x: 86, y: 56, width: 8, height: 8, position: 'bottom' },
          ],
          target: [
            { x: -4, y: 26, width: 8, height: 8, position: 'left' },
            { x: 86, y: -4, width: 8, height: 8, position: 'top' },
          ],
        },
      },
      measured: { width: 180, height: 60 },
    };
    handlePoint(n, 'source', out, 0, true);
    handlePoint(n, 'target', out, 2, true);
    expect([...out]).toEqual([190, 114, 190, 46]);
    handlePoint(placed({ x: 10, y: 20 }), 'source', out, 0, true);
    handlePoint(placed({ x: 10, y: 20 }), 'target', out, 2, true);
    expect([...out]).toEqual([10 + DEFAULT_NODE_SIZE.width / 2, 20 + DEFAULT_NODE_SIZE.height, 10 + DEFAULT_NODE_SIZE.width / 2, 20]);
  });

  it('is drawn and travelled on one curve, which stays between its ends vertically (no loop)', () => {
    const p = new Float64Array(4),
      q = new Float64Array(8);
    for (const [s, t] of [
      [
        { x: 0, y: 0 },
        { x: 0, y: 100 },
      ],
      [
        { x: 50, y: 0 },
        { x: 300, y: 48 },
      ],
      [
        { x: 200, y: 10 },
        { x: -100, y: 400 },
      ],
    ]) {
      const curve = linkCurve(s, t, true);
      for (const u of [0, 0.1, 0.5, 0.77, 1]) {
        linkPoint(s.x, s.y, t.x, t.y, u, p, true);
        expect(p[0]).toBeCloseTo(curve.pointAt(u).x, 9);
        expect(p[1]).toBeCloseTo(curve.pointAt(u).y, 9);
        if (t.y - s.y >= 80) {
          expect(p[1]).toBeGreaterThanOrEqual(s.y - 1e-9);
          expect(p[1]).toBeLessThanOrEqual(t.y + 1e-9);
        }
        expect(p[0]).toBeGreaterThanOrEqual(Math.min(s.x, t.x) - 1e-9);
        expect(p[0]).toBeLessThanOrEqual(Math.max(s.x, t.x) + 1e-9);
        expect(Math.hypot(p[2], p[3])).toBeCloseTo(1, 9);
      }
      const cubic = (u: number, a: number, b: number, c: number, d: number) =>
        (1 - u) ** 3 * a + 3 * (1 - u) ** 2 * u * b + 3 * (1 - u) * u * u * c + u ** 3 * d;
      linkSegment(s.x, s.y, t.x, t.y, 0.2, 0.6, q, true);
      for (const u of [0, 0.3, 1]) {
        linkPoint(s.x, s.y, t.x, t.y, 0.2 + u * 0.4, p, true);
        expect(cubic(u, q[0], q[2], q[4], q[6])).toBeCloseTo(p[0], 9);
        expect(cubic(u, q[1], q[3], q[5], q[7])).toBeCloseTo(p[1], 9);
      }
    }
  });
});
