/**
 * The document as React Flow nodes and edges. Pure: the canvas calls these whenever the
 * document or the selection changes, passing the previous arrays so that unchanged elements keep
 * their identity (React Flow then skips them) and what React Flow owns — measured sizes, the
 * position of a node being dragged — survives.
 */
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import { linkId } from '../../model/index.ts';
import type { LinkInput, NodeInput } from '../../store/document/commands.ts';
import { nodeKindSpec } from '../kinds/registry.ts';
import { linkKindSpec } from '../kinds/linkKinds.ts';
import type { LineStyle } from '../kinds/linkStyles.ts';

type Position = { readonly x: number; readonly y: number };

/** A React Flow node showing a document node (its `type` is the node's kind). */
export type DocumentFlowNode = Node<{ readonly node: NodeInput }>;
/** A React Flow edge showing a document link (its `type` is the link's kind, its id `linkId(link)`). */
export type DocumentFlowEdge = Edge<{ readonly link: LinkInput; readonly label: string; readonly line: LineStyle }>;

/** Where a node without a stored position goes (see useDefaultPositions). */
export type FallbackPosition = (id: string, index: number) => Position;

/** A simple grid, used until a better place is known. */
export const gridPosition: FallbackPosition = (_id, index) => ({ x: 40 + (index % 4) * 240, y: 40 + Math.floor(index / 4) * 140 });

/** React Flow nodes for `nodes`, `selected` ones marked, reusing `previous` where nothing changed. */
export function toFlowNodes(
  nodes: readonly NodeInput[],
  selected: ReadonlySet<string>,
  previous: readonly DocumentFlowNode[],
  fallback: FallbackPosition,
): DocumentFlowNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return nodes.map((node, index) => {
    const old = before.get(node.id);
    // While React Flow drags a node, its position is React Flow's until the drop is dispatched.
    const position = old?.dragging ? old.position : (node.position ?? fallback(node.id, index));
    const isSelected = selected.has(node.id);
    if (
      old &&
      old.data.node === node &&
      old.selected === isSelected &&
      old.type === node.kind &&
      old.position.x === position.x &&
      old.position.y === position.y
    )
      return old;
    const kindLabel = nodeKindSpec(node.kind)?.label ?? node.kind;
    return {
      id: node.id,
      type: node.kind,
      position: { x: position.x, y: position.y },
      data: { node },
      selected: isSelected,
      ariaLabel: `${kindLabel} ${node.label ?? node.id}`,
      ...(old?.measured ? { measured: old.measured } : {}),
      ...(old?.dragging ? { dragging: true } : {}),
    };
  });
}

/** React Flow edges for `links`, `selected` ones marked, reusing `previous` where nothing changed. */
export function toFlowEdges(
  links: readonly LinkInput[],
  selected: ReadonlySet<string>,
  previous: readonly DocumentFlowEdge[],
): DocumentFlowEdge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  return links.map((link) => {
    const id = linkId(link);
    const old = before.get(id);
    const isSelected = selected.has(id);
    if (old && old.data?.link === link && old.selected === isSelected) return old;
    const spec = linkKindSpec(link);
    const label = spec.edgeLabel(link);
    return {
      id,
      source: link.from,
      target: link.to,
      type: spec.kind,
      data: { link, label, line: spec.line },
      selected: isSelected,
      // An async link's arrow is open, like its dashed line: the message goes on, nobody waits at its end.
      markerEnd: {
        type: spec.line === 'dashed' ? MarkerType.Arrow : MarkerType.ArrowClosed,
        width: 16,
        height: 16,
        color: 'var(--edge, #9aa3b2)',
      },
      ariaLabel: `Link from ${link.from} to ${link.to}, ${label}`,
    };
  });
}
