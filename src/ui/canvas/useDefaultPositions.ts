/**
 * Places nodes the document gives no position (example scenarios, hand-written files) by the
 * auto-layout, without writing anything to the document: opening a file is not an edit.
 *
 * A node keeps the place it was first given until it is moved (which stores its position) or the
 * document is replaced, so adding a node does not make the unplaced ones jump around. dagre is
 * loaded on first need, keeping it out of the first page load; until then the nodes sit on a grid.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useStoreApi } from '@xyflow/react';
import type { DocumentInput } from '../../store/document/commands.ts';
import { useStores } from '../app/stores.tsx';
import { gridPosition, type FallbackPosition } from './flowElements.ts';

type Position = { readonly x: number; readonly y: number };

/**
 * The fallback position for nodes without one: a new function each time more nodes got their
 * place (the canvas then fits the view to them).
 */
export function useDefaultPositions(doc: DocumentInput): FallbackPosition {
  const { document: documentStore } = useStores();
  const flowStore = useStoreApi();
  const placed = useRef(new Map<string, Position>());
  const [version, setVersion] = useState(0);

  // A replaced document (import, example, share link) starts afresh, even if it reuses ids.
  useEffect(
    () =>
      documentStore.subscribe((state, before) => {
        if (state.document !== before.document && state.lastCommand?.type === 'replaceDocument') placed.current.clear();
      }),
    [documentStore],
  );

  useEffect(() => {
    const missing = doc.nodes.filter((n) => !n.position && !placed.current.has(n.id));
    if (missing.length === 0) return;
    let current = true;
    void import('./layout.ts').then(({ layoutDocument }) => {
      if (!current) return;
      // Laid out for the canvas at hand (a long chain may read better top to bottom there).
      const { width, height } = flowStore.getState();
      const positions = layoutDocument(doc, undefined, width > 0 && height > 0 ? { width, height } : undefined);
      for (const node of missing) placed.current.set(node.id, positions[node.id]);
      setVersion((v) => v + 1);
    });
    return () => {
      current = false;
    };
  }, [doc, flowStore]);

  // A new function whenever places were added, so the canvas recomputes its nodes.
  return useCallback<FallbackPosition>(
    (id, index) => placed.current.get(id) ?? gridPosition(id, index),
    [version], // the signal that `placed` changed
  );
}
