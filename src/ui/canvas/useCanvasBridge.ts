/**
 * The canvas's commands for the rest of the page (see canvasBridge.ts): fit view, auto-layout,
 * the diagram element for image export, and the centre of the view. Registered while mounted.
 * Also fits the view when a document is replaced (an import, an example, a share link).
 */
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useStores } from '../app/stores.tsx';
import { canvasActions, registerCanvasActions, type CanvasActions } from './canvasBridge.ts';
import { OPENING_FIT, startOfSystem } from './readableView.ts';
import type { DocumentFlowEdge, DocumentFlowNode } from './flowElements.ts';

/**
 * `nodes` are the nodes React Flow is given; `placement` changes whenever nodes without a stored
 * position were given a place (see useDefaultPositions), which deserves a fit too.
 */
export function useCanvasBridge(container: RefObject<HTMLElement | null>, nodes: readonly DocumentFlowNode[], placement: unknown): void {
  const stores = useStores();
  const flow = useReactFlow<DocumentFlowNode, DocumentFlowEdge>();
  /** A fit waiting for the next nodes (after a load, or an auto-layout). */
  const fitPending = useRef(false);

  const fit = useCallback((animate: boolean) => {
    void flow.fitView({ ...FIT_OPTIONS, duration: animate && !prefersReducedMotion() ? 250 : 0 });
  }, [flow]);
  /** The toolbar's Fit view: the whole system, animated, as it answers a click. */
  const fitView = useCallback(() => fit(true), [fit]);
  /** An opened (or auto-laid-out) system: readable, from its start if it is too big (see readableView.ts). */
  const fitReadable = useCallback(async () => {
    await flow.fitView({ ...OPENING_FIT, duration: 0 });
    const pane = container.current?.querySelector('.react-flow');
    if (!pane) return;
    const view = { width: pane.clientWidth, height: pane.clientHeight };
    const before = flow.getViewport();
    const after = startOfSystem(flow.getNodesBounds(flow.getNodes()), before, view);
    if (after.x !== before.x || after.y !== before.y) await flow.setViewport(after);
  }, [flow, container]);

  useEffect(() => { fitPending.current = true; }, [placement]);

  // After the nodes of a new document (or a new layout) reach React Flow, not before: React Flow
  // queues a fit until their sizes are measured, but it can only fit the nodes it has. A fit
  // asked for an empty canvas is dropped rather than kept: it would jump the view when the first
  // node is dropped.
  useEffect(() => {
    if (!fitPending.current) return;
    fitPending.current = false;
    if (nodes.length > 0) void fitReadable();
  }, [nodes, fitReadable]);

  useEffect(() => stores.document.subscribe((state, before) => {
    if (state.document !== before.document && state.lastCommand?.type === 'replaceDocument') fitPending.current = true;
  }), [stores]);

  useEffect(() => {
    const autoLayout = async () => {
      const { layoutDocument } = await import('./layout.ts');
      const { document: doc, dispatch } = stores.document.getState();
      const sizes = new Map(flow.getNodes().map((n) => [n.id, { width: n.measured?.width ?? 0, height: n.measured?.height ?? 0 }] as const)
        .filter(([, size]) => size.width > 0 && size.height > 0));
      const positions = layoutDocument(doc, sizes, canvasView(container.current));
      const changed = doc.nodes.some((n) => n.position?.x !== positions[n.id].x || n.position?.y !== positions[n.id].y);
      if (changed) dispatch({ type: 'moveNodes', positions });
      if (changed) fitPending.current = true;
      else fitView();
    };
    const actions: CanvasActions = {
      fitView,
      autoLayout: () => { void autoLayout(); },
      diagramElement: () => container.current?.querySelector<HTMLElement>('.react-flow') ?? null,
      viewCentre: () => {
        const box = container.current?.getBoundingClientRect();
        if (!box) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
      },
    };
    registerCanvasActions(actions);
    return () => { if (canvasActions() === actions) registerCanvasActions(undefined); };
  }, [stores, flow, fitView, container]);
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
