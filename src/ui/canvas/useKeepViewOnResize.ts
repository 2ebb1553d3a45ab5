/**
 * When the canvas changes size (the lesson panel docks or is collapsed, the palette or inspector is
 * shown or hidden, the window turns), the system stays in view: a view that is still the last fit
 * is fitted again; one the person moved keeps its centre where it was.
 */
import { useEffect, type RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';

type View = { x: number; y: number; zoom: number };

/** Whether two viewports are the same, to rounding. */
export const sameView = (a: View, b: View) => Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.zoom - b.zoom) < 1e-4;

export function useKeepViewOnResize(
  container: RefObject<HTMLElement | null>,
  fitted: RefObject<View | undefined>,
  refit: (animate: false) => void,
): void {
  const flow = useReactFlow();
  useEffect(() => {
    const element = container.current;
    if (!element || typeof ResizeObserver !== 'function') return;
    let size = { width: element.clientWidth, height: element.clientHeight };
    const observer = new ResizeObserver(() => {
      const next = { width: element.clientWidth, height: element.clientHeight };
      const before = size;
      size = next;
      if (before.width === 0 || before.height === 0 || next.width === 0 || next.height === 0) return;
      if (before.width === next.width && before.height === next.height) return;
      const view = flow.getViewport();
      if (fitted.current && sameView(view, fitted.current)) {
        refit(false);
        return;
      }
      void flow.setViewport({
        x: view.x + (next.width - before.width) / 2,
        y: view.y + (next.height - before.height) / 2,
        zoom: view.zoom,
      });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [container, fitted, flow, refit]);
}
