/**
 * Whether the workspace is laid out for a phone or a tablet (narrower than 1024 px): the palette
 * and the lessons become drawers over the canvas and the inspector a bottom sheet, instead of
 * panels beside it. The same width as the `@media (max-width: 1023.98px)` rules of workspace.css.
 */
import { useSyncExternalStore } from 'react';

/** The media query of the narrow layout (keep in step with workspace.css). */
export const NARROW_QUERY = '(max-width: 1023.98px)';

function narrowNow(): boolean {
  return typeof matchMedia === 'function' && matchMedia(NARROW_QUERY).matches;
}

function subscribe(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => undefined;
  const query = matchMedia(NARROW_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** True while the screen is narrower than 1024 px; re-renders when that changes (a rotated tablet). */
export function useNarrowLayout(): boolean {
  return useSyncExternalStore(subscribe, narrowNow, () => false);
}

/** The same, read once (outside React). */
export const isNarrowLayout = narrowNow;
