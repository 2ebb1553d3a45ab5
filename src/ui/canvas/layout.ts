/**
 * Auto-layout: positions for every node, left to right in the direction of calls (a client on
 * the left, the services it reaches further right), or top to bottom when that reads better on
 * the canvas at hand, via dagre. Pure: document in, positions out;
 * the canvas dispatches them as one `moveNodes`, so an auto-layout is one undo step.
 */
import dagre from '@dagrejs/dagre';
import { callsOf } from '../../model/index.ts';
import type { DocumentInput } from '../../store/document/commands.ts';
import { DEFAULT_NODE_SIZE } from './placement.ts';
import { READABLE_ZOOM, wholeZoom } from './readableView.ts';

type Position = { x: number; y: number };
type Size = { readonly width: number; readonly height: number };

/** Space between nodes of one column, and between columns (link labels sit in that gap). */
const NODE_GAP = 40;
const COLUMN_GAP = 100;
/** Between rows of a top-to-bottom layout: boxes are wider than tall, so rows need less room than columns. */
const ROW_GAP = 48;
const MARGIN = 40;

/** The canvas a layout is for, in screen pixels. */
export interface LayoutView {
  readonly width: number;
  readonly height: number;
}

/**
 * Top-left positions by node id. `sizes` are measured sizes where known (else the default box).
 * Left to right, in the direction of calls; but when that is too wide to read on `view` (a long
 * chain on a laptop's canvas), top to bottom if that shows the system at a larger zoom.
 */
export function layoutDocument(
  doc: DocumentInput,
  sizes: ReadonlyMap<string, Size> = new Map(),
  view?: LayoutView,
): Record<string, Position> {
  const across = place(doc, sizes, 'LR');
  if (!view) return across;
  const zoomOf = (positions: Record<string, Position>) => wholeZoom(extent(doc, sizes, positions), view);
  if (zoomOf(across) >= READABLE_ZOOM) return across;
  const down = place(doc, sizes, 'TB');
  return zoomOf(down) > zoomOf(across) ? down : across;
}

function place(doc: DocumentInput, sizes: ReadonlyMap<string, Size>, rankdir: 'LR' | 'TB'): Record<string, Position> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir, nodesep: NODE_GAP, ranksep: rankdir === 'LR' ? COLUMN_GAP : ROW_GAP, marginx: MARGIN, marginy: MARGIN });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of doc.nodes) {
    const size = sizes.get(node.id) ?? DEFAULT_NODE_SIZE;
    graph.setNode(node.id, { width: size.width, height: size.height });
  }
  for (const [from, to] of callEdges(doc)) graph.setEdge(from, to);
  dagre.layout(graph);
  const positions: Record<string, Position> = {};
  for (const node of doc.nodes) {
    const placed = graph.node(node.id);
    const size = sizes.get(node.id) ?? DEFAULT_NODE_SIZE;
    // dagre places centres; React Flow positions are top-left corners.
    positions[node.id] = { x: Math.round(placed.x - size.width / 2), y: Math.round(placed.y - size.height / 2) };
  }
  return positions;
}

/** The size of the box around every node placed at `positions` (measured `sizes`, else the default box). */
export function extent(doc: DocumentInput, sizes: ReadonlyMap<string, Size>, positions: Record<string, Position>): Size {
  let left = Infinity,
    top = Infinity,
    right = -Infinity,
    bottom = -Infinity;
  for (const node of doc.nodes) {
    const { x, y } = positions[node.id];
    const size = sizes.get(node.id) ?? DEFAULT_NODE_SIZE;
    left = Math.min(left, x);
    top = Math.min(top, y);
    right = Math.max(right, x + size.width);
    bottom = Math.max(bottom, y + size.height);
  }
  return { width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}

/** Who calls whom: links, plus client targets and service calls (a call without its link still orders the layout). */
function callEdges(doc: DocumentInput): [string, string][] {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const pairs = new Map<string, [string, string]>();
  const add = (from: string, to: string) => {
    if (from !== to && ids.has(from) && ids.has(to)) pairs.set(`${from}\u0000${to}`, [from, to]);
  };
  for (const link of doc.links ?? []) add(link.from, link.to);
  for (const node of doc.nodes) {
    if (node.kind === 'client') add(node.id, node.target);
    else if (node.kind === 'service') {
      for (const step of node.calls ?? []) for (const call of callsOf(step as Parameters<typeof callsOf>[0])) add(node.id, call.to);
    }
  }
  return [...pairs.values()];
}
