/**
 * Whether every node is wholly in the canvas's view. The minimap shows where the rest of a
 * system is; with the whole of it in view there is no rest, and the minimap, over the canvas's
 * corner, would only hide nodes (lesson 6 opened with `payment` under it, lesson 14 `email`).
 */
import { useStore, type ReactFlowState } from '@xyflow/react';

/** True when every measured node lies inside the viewport (and there is at least one). */
function wholeInView(s: ReactFlowState): boolean {
  const [tx, ty, zoom] = s.transform;
  if (s.width <= 0 || s.height <= 0 || s.nodeLookup.size === 0) return false;
  for (const node of s.nodeLookup.values()) {
    if (node.hidden) continue;
    const { x, y } = node.internals.positionAbsolute;
    const width = node.measured.width ?? 0,
      height = node.measured.height ?? 0;
    const left = x * zoom + tx,
      top = y * zoom + ty;
    if (left < 0 || top < 0 || left + width * zoom > s.width || top + height * zoom > s.height) return false;
  }
  return true;
}

/** Whether the whole system is in view (re-renders only when that changes, not on every pan). */
export function useWholeInView(): boolean {
  return useStore(wholeInView);
}
