/**
 * The canvas's commands for the rest of the page (see canvasBridge.ts): fit view, auto-layout,
 * the diagram element for image export, and the centre of the view. Registered while mounted.
 * Also fits the view when a document is replaced (an import, an example, a share link).
 */
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import { linkId } from '../../model/index.ts';
import { useStores } from '../app/stores.tsx';
import { canvasActions, registerCanvasActions, type CanvasActions } from './canvasBridge.ts';
import { OPENING_FIT, startOfSystem } from './readableView.ts';
import type { DocumentFlowEdge, DocumentFlowNode } from './flowElements.ts';
import { sameView, useKeepViewOnResize } from './useKeepViewOnResize.ts';
import { coversOver, insetsOf, revealViewport, visibleArea } from './visibleArea.ts';

/**
 * `nodes` are the nodes React Flow is given; `placement` changes whenever nodes without a stored
 * position were given a place (see useDefaultPositions), which deserves a fit too.
 */
export function useCanvasBridge(container: RefObject<HTMLElement | null>, nodes: readonly DocumentFlowNode[], placement: unknown): void {
  const stores = useStores();
  const flow = useReactFlow<DocumentFlowNode, DocumentFlowEdge>();
  /** A fit waiting for the next nodes (after a load, or an auto-layout). */
  const fitPending = useRef(false);

  /** The last viewport a fit left: a resize of the canvas fits again while the view is still that one. */
  const fitted = useRef<{ x: number; y: number; zoom: number } | undefined>(undefined);
  /** Which fit left `fitted`: an opened system's readable one, or Fit view's whole-system one. */
  const lastFit = useRef<'readable' | 'whole'>('whole');
  /** Counts reveals asked for: a fit that began before one leaves the view to it. */
  const reveals = useRef(0);

  /** How far drawers or the inspector's sheet hide each side of the canvas (none beside docked panels). */
  const insets = useCallback(() => {
    const box = container.current?.getBoundingClientRect();
    if (!box) return undefined;
    return { box, insets: insetsOf({ left: box.left, top: box.top, width: box.width, height: box.height }, coversOver()) };
  }, [container]);

  const fit = useCallback(
    (animate: boolean) => {
      const hidden = insets()?.insets;
      // What lies over the canvas counts as more padding on its side, so the fit lands in what is seen.
      const padding =
        hidden && (hidden.left || hidden.right || hidden.bottom)
          ? ({ top: '15%', left: `${hidden.left + 24}px`, right: `${hidden.right + 24}px`, bottom: `${hidden.bottom + 24}px` } as const)
          : FIT_OPTIONS.padding;
      lastFit.current = 'whole';
      void flow.fitView({ ...FIT_OPTIONS, padding, duration: animate && !prefersReducedMotion() ? 250 : 0 }).then(() => {
        fitted.current = flow.getViewport();
      });
    },
    [flow, insets],
  );
  /** The toolbar's Fit view: the whole system, animated, as it answers a click. */
  const fitView = useCallback(() => fit(true), [fit]);
  /** An opened (or auto-laid-out) system: readable, from its start if it is too big (see readableView.ts). */
  const fitReadable: () => Promise<void> = useCallback(async () => {
    lastFit.current = 'readable';
    const since = reveals.current;
    const hidden = insets()?.insets;
    const padding =
      hidden && (hidden.left || hidden.right || hidden.bottom)
        ? ({ top: '24px', left: `${hidden.left + 24}px`, right: `${hidden.right + 24}px`, bottom: `${hidden.bottom + 24}px` } as const)
        : OPENING_FIT.padding;
    await flow.fitView({ ...OPENING_FIT, padding, duration: 0 });
    if (reveals.current !== since) return;
    const pane = container.current?.querySelector('.react-flow');
    if (!pane) return;
    const view = { width: pane.clientWidth, height: pane.clientHeight };
    const before = flow.getViewport();
    const after = startOfSystem(flow.getNodesBounds(flow.getNodes()), before, view);
    if (after.x !== before.x || after.y !== before.y) await flow.setViewport(after);
    fitted.current = flow.getViewport();
    // Nodes not measured yet: React Flow runs its own queued (centred) fit once they are, which
    // undid the move to the system's start (reference on a phone opened 410 px off to the left).
    // So fit again when every node has its size, unless the view was moved meanwhile.
    const unmeasured = () => flow.getNodes().some((n) => !(n.measured?.width ?? 0));
    if (unmeasured()) await settleThenRefit(unmeasured, () => reveals.current === since, fitReadable);
  }, [flow, container, insets]);
  // A resize refits a view still as the last fit left it, the same kind of fit (readable or whole).
  const refit = useCallback(
    (animate: false) => {
      if (lastFit.current === 'readable') void fitReadable();
      else fit(animate);
    },
    [fit, fitReadable],
  );
  useKeepViewOnResize(container, fitted, refit);

  useEffect(() => {
    fitPending.current = true;
  }, [placement]);

  // After the nodes of a new document (or a new layout) reach React Flow, not before: React Flow
  // queues a fit until their sizes are measured, but it can only fit the nodes it has. A fit
  // asked for an empty canvas is dropped rather than kept: it would jump the view when the first
  // node is dropped.
  // React Flow holds a fit back until the nodes are measured, but not when some are already: a
  // node id the last system had too keeps its size, and a fit of those alone zoomed in on them and
  // left the rest off screen (lesson 13, then 14: four of its eight nodes cut). Such a fit waits
  // until every node is measured (a frame or two; half a second at most).
  const waiting = useRef(0);
  useEffect(() => {
    if (!fitPending.current) return;
    fitPending.current = false;
    cancelAnimationFrame(waiting.current);
    if (nodes.length === 0) return;
    const measured = () => nodes.filter((n) => (flow.getInternalNode(n.id)?.measured.width ?? 0) > 0).length;
    const already = measured();
    if (already === 0 || already === nodes.length) {
      void fitReadable();
      return;
    }
    let frames = 0;
    const attempt = () => {
      if (measured() === nodes.length || ++frames > 30) void fitReadable();
      else waiting.current = requestAnimationFrame(attempt);
    };
    waiting.current = requestAnimationFrame(attempt);
  }, [nodes, flow, fitReadable]);

  useEffect(
    () =>
      stores.document.subscribe((state, before) => {
        if (state.document !== before.document && state.lastCommand?.type === 'replaceDocument') fitPending.current = true;
      }),
    [stores],
  );

  useEffect(() => {
    const autoLayout = async () => {
      const { layoutDocument } = await import('./layout.ts');
      const { document: doc, dispatch } = stores.document.getState();
      const sizes = new Map(
        flow
          .getNodes()
          .map((n) => [n.id, { width: n.measured?.width ?? 0, height: n.measured?.height ?? 0 }] as const)
          .filter(([, size]) => size.width > 0 && size.height > 0),
      );
      const positions = layoutDocument(doc, sizes, canvasView(container.current));
      const changed = doc.nodes.some((n) => n.position?.x !== positions[n.id].x || n.position?.y !== positions[n.id].y);
      if (changed) dispatch({ type: 'moveNodes', positions });
      if (changed) fitPending.current = true;
      else fitView();
    };
    const actions: CanvasActions = {
      fitView,
      autoLayout: () => {
        void autoLayout();
      },
      diagramElement: () => container.current?.querySelector<HTMLElement>('.react-flow') ?? null,
      diagram: async () => {
        const { diagramOf } = await import('./diagramGeometry.ts');
        const live = stores.live.getState();
        const faultOf = (id: string) => {
          const l = live.linkIndex?.get(id);
          return l === undefined ? undefined : live.linkFaults?.[l];
        };
        return diagramOf(stores.document.getState().document, flow.getEdges(), (id) => flow.getInternalNode(id), faultOf);
      },
      revealSoon: () => {
        reveals.current++;
        fitted.current = undefined;
      },
      reveal: ({ nodeIds = [], linkIds = [] }) => {
        const links = stores.document.getState().document.links ?? [];
        const ends = links.filter((l) => linkIds.includes(linkId(l))).flatMap((l) => [l.from, l.to]);
        const ids = [...new Set([...nodeIds, ...ends])].filter((id) => flow.getInternalNode(id));
        const seen = insets();
        if (ids.length === 0 || !seen) return;
        const area = visibleArea(seen.box.width, seen.box.height, seen.insets);
        const next = revealViewport(flow.getNodesBounds(ids), area, flow.getViewport());
        if (!next) return;
        // The view is now the reveal's: a fit still in flight, or a later resize, leaves it be.
        reveals.current++;
        fitted.current = undefined;
        void flow.setViewport(next, { duration: prefersReducedMotion() ? 0 : 250 });
      },
      coversChanged: () => {
        const view = flow.getViewport();
        if (fitted.current && sameView(view, fitted.current)) {
          if (lastFit.current === 'readable') void fitReadable();
          else fit(true);
        }
      },
      visibleSize: () => {
        const seen = insets();
        if (!seen || seen.box.width <= 0 || seen.box.height <= 0) return undefined;
        const { width, height } = visibleArea(seen.box.width, seen.box.height, seen.insets);
        return { width, height };
      },
      viewCentre: () => {
        const box = container.current?.getBoundingClientRect();
        if (!box) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
      },
    };
    registerCanvasActions(actions);
    return () => {
      if (canvasActions() === actions) registerCanvasActions(undefined);
    };
  }, [stores, flow, fit, fitView, fitReadable, container, insets]);
}

/** Some room around the diagram, and no zooming in past what reads well on a small system. */
export const FIT_OPTIONS = { padding: 0.15, maxZoom: 1.25 } as const;

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** The canvas's size in screen pixels (what a layout is chosen for), or undefined before it is laid out. */
export function canvasView(container: HTMLElement | null): { width: number; height: number } | undefined {
  const pane = container?.querySelector('.react-flow') ?? container;
  return pane && pane.clientWidth > 0 && pane.clientHeight > 0 ? { width: pane.clientWidth, height: pane.clientHeight } : undefined;
}

/** Waits (a frame at a time, half a second at most) until `pending` is false, then refits if `still` holds. */
function settleThenRefit(pending: () => boolean, still: () => boolean, refit: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let frames = 0;
    const attempt = () => {
      if (pending() && ++frames <= 30) {
        requestAnimationFrame(attempt);
        return;
      }
      // One frame more: React Flow's queued fit runs in the frame the sizes arrive.
      requestAnimationFrame(() => {
        if (!pending() && still()) void refit().then(resolve);
        else resolve();
      });
    };
    requestAnimationFrame(attempt);
  });
}
