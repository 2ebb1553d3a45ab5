/**
 * The overlay's pure parts: where a link's ends are, the curve dots follow (the very curve the
 * canvas draws links with), grouping crowded links into bundles, and hit-testing clicks.
 */
import { describe, expect, it } from 'vitest';
import { MessageKind, messagesBuffer } from '../../src/engine/replay/messageIndex.ts';
import { linkCurve } from '../../src/ui/canvas/edgeGeometry.ts';
import { AGGREGATE_ABOVE, bundleWidth, groupMessages, LinkGroups, slotOf } from '../../src/ui/overlay/aggregate.ts';
import { handlePoint, linkPoint, linkSegment, toScreenX, toScreenY, type FlowNodeLike } from '../../src/ui/overlay/geometry.ts';
import { nearestWithin } from '../../src/ui/overlay/hitTest.ts';
import { MESSAGE_STYLES } from '../../src/ui/overlay/messageStyles.ts';
import { shapePathData } from '../../src/ui/overlay/shapes.ts';

const node = (x: number, y: number, handles?: FlowNodeLike['internals']['handleBounds']): FlowNodeLike => ({
  internals: { positionAbsolute: { x, y }, handleBounds: handles },
  measured: { width: 180, height: 60 },
});

describe('link ends', () => {
  it('are the outer edges of the measured handles, as React Flow places edge ends', () => {
    const out = new Float64Array(4);
    const n = node(100, 50, {
      source: [{ x: 176, y: 26, width: 8, height: 8, position: 'right' }],
      target: [{ x: -4, y: 26, width: 8, height: 8, position: 'left' }],
    });
    handlePoint(n, 'source', out, 0);
    handlePoint(n, 'target', out, 2);
    expect([...out]).toEqual([284, 80, 96, 80]);
  });

  it("fall back to the middle of the box's sides before the handles are measured", () => {
    const out = new Float64Array(4);
    handlePoint(node(10, 20), 'source', out, 0);
    handlePoint(node(10, 20), 'target', out, 2);
    expect([...out]).toEqual([190, 50, 10, 50]);
  });
});

describe('the link curve', () => {
  it("is the canvas's own curve, for links going forwards and backwards", () => {
    const out = new Float64Array(4);
    for (const [s, t] of [
      [
        { x: 0, y: 0 },
        { x: 300, y: 120 },
      ],
      [
        { x: 400, y: 50 },
        { x: 100, y: -80 },
      ],
      [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
      ],
    ]) {
      const curve = linkCurve(s, t);
      for (const p of [0, 0.1, 0.5, 0.77, 1]) {
        linkPoint(s.x, s.y, t.x, t.y, p, out);
        expect(out[0]).toBeCloseTo(curve.pointAt(p).x, 9);
        expect(out[1]).toBeCloseTo(curve.pointAt(p).y, 9);
      }
    }
  });

  it('has a unit normal to the left of travel (screen coordinates: up, going right)', () => {
    const out = new Float64Array(4);
    linkPoint(0, 0, 200, 0, 0.5, out);
    expect([out[0], out[1], out[2], out[3]]).toEqual([100, 0, 0, -1]);
    linkPoint(0, 0, 200, 200, 0.3, out);
    expect(Math.hypot(out[2], out[3])).toBeCloseTo(1, 12);
    // Perpendicular to the curve: a small step along it is orthogonal to the normal.
    const next = new Float64Array(4);
    linkPoint(0, 0, 200, 200, 0.3 + 1e-6, next);
    expect((next[0] - out[0]) * out[2] + (next[1] - out[1]) * out[3]).toBeCloseTo(0, 9);
  });

  it("goes to the screen through the viewport's pan and zoom", () => {
    const transform = [50, -20, 2] as const;
    expect(toScreenX(10, transform)).toBe(70);
    expect(toScreenY(10, transform)).toBe(0);
  });
});

describe('grouping messages by link', () => {
  const buffer = (messages: readonly [link: number, backward: number, kind: number, progress: number][]) => {
    const b = messagesBuffer(64);
    messages.forEach(([link, backward, kind, progress], i) => {
      b.link[i] = link;
      b.backward[i] = backward;
      b.kind[i] = kind;
      b.progress[i] = progress;
      b.call[i] = i;
    });
    b.count = messages.length;
    return b;
  };

  it('counts each direction of each link by kind, with the stretch they cover', () => {
    const groups = new LinkGroups();
    groupMessages(
      buffer([
        [0, 0, MessageKind.REQUEST, 0.2],
        [0, 0, MessageKind.REQUEST, 0.7],
        [0, 1, MessageKind.ERROR, 0.4],
        [2, 1, MessageKind.REPLY, 0.5],
        [9, 0, 0, 0.5],
      ]),
      3,
      groups,
    );
    expect(groups.slots).toBe(6);
    expect([...groups.count.subarray(0, 6)]).toEqual([2, 1, 0, 0, 0, 1]); // link 9 is not in this run
    expect(groups.minProgress[slotOf(0, 0)]).toBe(0.2);
    expect(groups.maxProgress[slotOf(0, 0)]).toBe(0.7);
    expect(groups.dominantKind(slotOf(0, 1))).toBe(MessageKind.ERROR);
    expect(groups.aggregated(slotOf(0, 0))).toBe(false);
  });

  it('turns a direction with more than the limit into a bundle, and starts afresh each frame', () => {
    const groups = new LinkGroups();
    const crowd = Array.from(
      { length: AGGREGATE_ABOVE + 1 },
      (_, i) => [1, 0, i < 5 ? MessageKind.ERROR : MessageKind.REQUEST, i / 20] as [number, number, number, number],
    );
    groupMessages(buffer(crowd), 2, groups);
    expect(groups.aggregated(slotOf(1, 0))).toBe(true);
    expect(groups.dominantKind(slotOf(1, 0))).toBe(MessageKind.REQUEST);
    groupMessages(buffer(crowd.slice(0, AGGREGATE_ABOVE)), 2, groups);
    expect(groups.aggregated(slotOf(1, 0))).toBe(false);
    expect(groups.count[slotOf(1, 0)]).toBe(AGGREGATE_ABOVE);
  });

  it('draws thicker bundles for more messages, up to a limit', () => {
    expect(bundleWidth(13)).toBeGreaterThanOrEqual(3);
    expect(bundleWidth(100)).toBeGreaterThan(bundleWidth(20));
    expect(bundleWidth(1e6)).toBe(10);
  });
});

describe('hit testing', () => {
  it('finds the nearest placed message within reach, ignoring unplaced ones', () => {
    const xs = Float32Array.from([10, 50, NaN, 52]);
    const ys = Float32Array.from([10, 50, 50, 50]);
    expect(nearestWithin(xs, ys, 4, 50.8, 50, 8)).toBe(1);
    expect(nearestWithin(xs, ys, 4, 53, 51, 8)).toBe(3);
    expect(nearestWithin(xs, ys, 4, 100, 100, 8)).toBe(-1);
    expect(nearestWithin(xs, ys, 1, 50, 50, 8)).toBe(-1); // only the first `count` are this frame's
  });
});

describe('shapes', () => {
  it('are the same for the legend (SVG) as on the canvas', () => {
    expect(shapePathData('square', 6, 6, 4)).toBe('M2.4 2.4H9.6V9.6H2.4Z');
    expect(shapePathData('diamond', 6, 6, 4)).toBe('M6 0.8L11.2 6L6 11.2L0.8 6Z');
    expect(shapePathData('circle', 6, 6, 4)).toBe('M10 6A4 4 0 1 1 2 6A4 4 0 1 1 10 6Z');
    expect(shapePathData('cross', 6, 6, 4).match(/[ML]/g)).toHaveLength(12);
    expect(shapePathData('plus', 6, 6, 4).match(/[ML]/g)).toHaveLength(12);
    expect(shapePathData('hexagon', 6, 6, 4)).toBe('M10.6 6L8.3 9.98L3.7 9.98L1.4 6L3.7 2.02L8.3 2.02Z');
    expect(shapePathData('triangleDown', 6, 6, 4)).toBe('M6 11L11 2L1 2Z');
  });

  it('are all different, so no two kinds of message look alike', () => {
    const paths = MESSAGE_STYLES.map((s) => shapePathData(s.shape, 6, 6, 4));
    expect(new Set(paths).size).toBe(MESSAGE_STYLES.length);
    expect(new Set(MESSAGE_STYLES.map((s) => s.fallback)).size).toBe(MESSAGE_STYLES.length);
  });
});

describe('a stretch of a link', () => {
  it('is the same curve between its two parameters, as one Bézier segment', () => {
    const q = new Float64Array(8),
      p = new Float64Array(4);
    const cubic = (u: number, a: number, b: number, c: number, d: number) =>
      (1 - u) ** 3 * a + 3 * (1 - u) ** 2 * u * b + 3 * (1 - u) * u * u * c + u ** 3 * d;
    for (const [t0, t1] of [
      [0, 1],
      [0.2, 0.6],
      [0.75, 0.9],
    ]) {
      linkSegment(10, 20, 300, -80, t0, t1, q);
      for (const u of [0, 0.3, 0.5, 1]) {
        linkPoint(10, 20, 300, -80, t0 + u * (t1 - t0), p);
        expect(cubic(u, q[0], q[2], q[4], q[6])).toBeCloseTo(p[0], 9);
        expect(cubic(u, q[1], q[3], q[5], q[7])).toBeCloseTo(p[1], 9);
      }
    }
  });
});
