/**
 * A debug switch: `?overlay=off` in the page's address turns the message overlay off (nothing
 * drawn, no per-frame work), so its cost can be measured against the same page without it
 * (`npm run bench`: overlay_frame_ms_p95).
 */
export function overlayDisabled(search: string = typeof location === 'undefined' ? '' : location.search): boolean {
  return new URLSearchParams(search).get('overlay') === 'off';
}
