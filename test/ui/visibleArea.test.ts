/**
 * The geometry behind Fit view and Show on a canvas partly covered by drawers and the inspector's
 * sheet: how much each cover hides, and the viewport that brings a target into what is left.
 */
import { describe, expect, it } from 'vitest';
import { insetsOf, revealViewport, visibleArea, type Area, type Bounds, type Viewport } from '../../src/ui/canvas/visibleArea.ts';

const CANVAS: Area = { left: 0, top: 100, width: 800, height: 600 };

/** Where `b` lands on screen (container pixels) under `v`. */
const onScreen = (b: Bounds, v: Viewport) => ({
  left: b.x * v.zoom + v.x,
  top: b.y * v.zoom + v.y,
  right: (b.x + b.width) * v.zoom + v.x,
  bottom: (b.y + b.height) * v.zoom + v.y,
});

describe('what drawers and the sheet hide of the canvas', () => {
  it('counts a sheet from the bottom and a drawer from its side', () => {
    const insets = insetsOf(CANVAS, [
      { side: 'bottom', box: { left: 0, top: 400, width: 800, height: 300 } },
      { side: 'left', box: { left: 0, top: 100, width: 250, height: 600 } },
    ]);
    expect(insets).toEqual({ top: 0, left: 250, right: 0, bottom: 300 });
    expect(visibleArea(CANVAS.width, CANVAS.height, insets)).toEqual({ left: 250, top: 0, width: 550, height: 300 });
  });

  it('leaves out hidden covers and a drawer that leaves too little of the canvas (a phone closes it to look)', () => {
    expect(
      insetsOf(CANVAS, [
        { side: 'right', box: { left: 0, top: 0, width: 0, height: 0 } },
        { side: 'right', box: { left: 100, top: 100, width: 700, height: 600 } },
      ]),
    ).toEqual({ top: 0, left: 0, right: 0, bottom: 0 });
    // A tablet's drawer leaves room: the view is made for that room.
    expect(insetsOf(CANVAS, [{ side: 'right', box: { left: 440, top: 100, width: 360, height: 600 } }]).right).toBe(360);
  });

  it('never lets the sheet hide more than three quarters of the height', () => {
    expect(insetsOf(CANVAS, [{ side: 'bottom', box: { left: 0, top: 100, width: 800, height: 600 } }]).bottom).toBe(450);
  });
});

describe('the viewport that shows a target', () => {
  const area: Area = { left: 0, top: 0, width: 800, height: 300 };
  const node: Bounds = { x: 1000, y: 500, width: 184, height: 64 };

  it('leaves a view that already shows the target alone', () => {
    expect(revealViewport(node, area, { x: -800, y: -400, zoom: 1 })).toBeUndefined();
  });

  it('centres a target that is out of view in the visible area, keeping the zoom when it fits', () => {
    const next = revealViewport(node, area, { x: 0, y: 0, zoom: 1 });
    expect(next?.zoom).toBe(1);
    const at = onScreen(node, next!);
    expect((at.left + at.right) / 2).toBeCloseTo(400);
    expect((at.top + at.bottom) / 2).toBeCloseTo(150);
  });

  it('zooms out just enough for a target wider than the visible area, and no further than minZoom', () => {
    const wide: Bounds = { x: 0, y: 0, width: 1504, height: 100 };
    const next = revealViewport(wide, area, { x: 0, y: 0, zoom: 1 })!;
    expect(next.zoom).toBeCloseTo((800 - 48) / 1504);
    const at = onScreen(wide, next);
    expect(at.left).toBeGreaterThanOrEqual(23.9);
    expect(at.right).toBeLessThanOrEqual(776.1);
    expect(revealViewport({ ...wide, width: 1e6 }, area, { x: 0, y: 0, zoom: 1 })!.zoom).toBe(0.1);
  });

  it('moves a target partly in view only as far as it must, the margin around it', () => {
    // Its right end 10 px past the area's edge: it moves 34 px left, no more, and not up or down.
    const next = revealViewport(node, area, { x: 810 - 1184, y: -400, zoom: 1 })!;
    expect(next.zoom).toBe(1);
    expect(onScreen(node, next).right).toBeCloseTo(800 - 24);
    expect(next.y).toBe(-400);
  });

  it('never zooms in past the current zoom', () => {
    expect(revealViewport({ ...node, x: 5000 }, area, { x: 0, y: 0, zoom: 0.3 })!.zoom).toBe(0.3);
  });
});
