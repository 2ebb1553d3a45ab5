/**
 * A debug switch: `?overlay=off` in the page's address turns the message overlay off (nothing
 * drawn, no per-frame work), so its cost can be measured against the same page without it
 * (`npm run bench`: overlay_frame_ms_p95).
 */
/**
 * Another: `?traceWindow=200000` sets how many trace rows the page holds (store/runStore.ts), so a
 * test can watch a long run's re-simulation on a run of a few million events. Undefined: the default.
 */
export function traceWindowRows(search: string = typeof location === 'undefined' ? '' : location.search): number | undefined {
  const rows = Number(new URLSearchParams(search).get('traceWindow') ?? NaN);
  return Number.isFinite(rows) && rows > 0 ? rows : undefined;
}

export function overlayDisabled(search: string = typeof location === 'undefined' ? '' : location.search): boolean {
  return new URLSearchParams(search).get('overlay') === 'off';
}
