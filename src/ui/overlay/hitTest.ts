/**
 * Which drawn message a click landed on: the nearest within `radius` screen pixels of the point,
 * among positions recorded while drawing (NaN where a message was not placed).
 */
export function nearestWithin(xs: Float32Array, ys: Float32Array, count: number, x: number, y: number, radius: number): number {
  let best = -1;
  let bestDistance = radius * radius;
  for (let i = 0; i < count; i++) {
    const dx = xs[i] - x,
      dy = ys[i] - y;
    const distance = dx * dx + dy * dy; // NaN compares false: unplaced messages never win
    if (distance <= bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}
