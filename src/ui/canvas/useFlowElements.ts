/**
 * React Flow's nodes and edges, controlled from the document and the selection in the ui store.
 *
 * React Flow owns a few things in between: sizes it measures, and a node's position while it is
 * being dragged. Those changes are applied locally; a finished move (drop, or an arrow key on a
 * focused node) is dispatched as one `moveNodes`, so one drag is one undo step. Selection made on
 * the canvas is mirrored into the ui store, and selection made elsewhere shows on the canvas.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange, type OnSelectionChangeParams } from '@xyflow/react';
import type { Stores } from '../app/stores.tsx';
import { useDocument, useStores, useUi } from '../app/stores.tsx';
import { toFlowEdges, toFlowNodes, type DocumentFlowEdge, type DocumentFlowNode, type FallbackPosition } from './flowElements.ts';

type Position = { x: number; y: number };

/** React Flow's controlled props: elements and their change handlers. */
export interface FlowElements {
  readonly nodes: DocumentFlowNode[];
  readonly edges: DocumentFlowEdge[];
  onNodesChange(changes: NodeChange<DocumentFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<DocumentFlowEdge>[]): void;
  onSelectionChange(params: OnSelectionChangeParams<DocumentFlowNode, DocumentFlowEdge>): void;
}

/** Nodes and edges for React Flow; `fallback` places nodes the document has not placed. */
export function useFlowElements(fallback: FallbackPosition): FlowElements {
  const stores = useStores();
  const doc = useDocument((s) => s.document);
  const selection = useUi((s) => s.selection);
  const [nodes, setNodes] = useState<DocumentFlowNode[]>(() => toFlowNodes(doc.nodes, new Set(selection.nodeIds), [], fallback));
  const [edges, setEdges] = useState<DocumentFlowEdge[]>(() => toFlowEdges(doc.links ?? [], new Set(selection.linkIds), []));

  useEffect(() => {
    setNodes((previous) => toFlowNodes(doc.nodes, new Set(selection.nodeIds), previous, fallback));
  }, [doc.nodes, selection.nodeIds, fallback]);
  useEffect(() => {
    setEdges((previous) => toFlowEdges(doc.links ?? [], new Set(selection.linkIds), previous));
  }, [doc.links, selection.linkIds]);

  const onNodesChange = useCallback(
    (changes: NodeChange<DocumentFlowNode>[]) => {
      // Adding and removing go through document commands only; the rest is React Flow's to apply.
      setNodes((current) => applyNodeChanges(changes.filter(isLocalChange), current));
      dispatchFinishedMoves(stores, changes);
    },
    [stores],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<DocumentFlowEdge>[]) => {
    setEdges((current) => applyEdgeChanges(changes.filter(isLocalChange), current));
  }, []);

  // React Flow reports its selection once as it mounts, before it has taken in the nodes it is
  // given: an empty one. Written back, that cleared a selection kept from before the canvas was
  // mounted anew (a phone turned into a wide screen), and the two went on undoing each other
  // until React gave up (maximum update depth). Reports count once the canvas is mounted.
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const onSelectionChange = useCallback(
    ({ nodes: picked, edges: pickedEdges }: OnSelectionChangeParams<DocumentFlowNode, DocumentFlowEdge>) => {
      if (!mounted.current) return;
      const ui = stores.ui.getState();
      const nodeIds = picked.map((n) => n.id),
        linkIds = pickedEdges.map((e) => e.id);
      // The canvas echoes selection made elsewhere; only a real change is written back (which would
      // otherwise also clear a message or fault picked elsewhere).
      if (sameIds(nodeIds, ui.selection.nodeIds) && sameIds(linkIds, ui.selection.linkIds)) return;
      ui.select({ nodeIds, linkIds });
    },
    [stores],
  );

  return { nodes, edges, onNodesChange, onEdgesChange, onSelectionChange };
}

function isLocalChange(change: { type: string }): boolean {
  return change.type !== 'add' && change.type !== 'remove' && change.type !== 'replace';
}

/** Position changes that are not mid-drag are finished moves: dispatch those that changed anything. */
function dispatchFinishedMoves(stores: Stores, changes: readonly NodeChange<DocumentFlowNode>[]): void {
  const doc = stores.document.getState().document;
  const positions: Record<string, Position> = {};
  let moved = false;
  for (const change of changes) {
    if (change.type !== 'position' || change.dragging || !change.position) continue;
    const position = { x: Math.round(change.position.x), y: Math.round(change.position.y) };
    const stored = doc.nodes.find((n) => n.id === change.id)?.position;
    if (stored && stored.x === position.x && stored.y === position.y) continue;
    positions[change.id] = position;
    moved = true;
  }
  if (moved) stores.document.getState().dispatch({ type: 'moveNodes', positions });
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}
