/** Where new nodes go: the size the canvas assumes before it has measured a node, and finding a free spot for a new one. */
import type { DocumentInput } from '../../store/document/commands.ts';

type Position = { readonly x: number; readonly y: number };

/** A node box's size before React Flow has measured it (matches `.canvas-node` in canvas.css). */
export const DEFAULT_NODE_SIZE = { width: 184, height: 88 } as const;

/** The offset of pasted copies (each further paste one more step down and right). */
export const NUDGE = 32;

/** Clear space kept around a new node. */
const GAP = 16;
/** How many grid cells away from the wanted spot a free one is looked for. */
const SEARCH_RADIUS = 4;

/**
 * `position` if a default-sized box there overlaps no placed node of `doc`; otherwise the nearest
 * free spot on a grid of box-sized cells around it (preferring below, then right). Adding twice at
 * the same place thus never hides the first node under the second. If everything near is taken,
 * `position` itself.
 */
export function freeSpotNear(doc: DocumentInput, position: Position): Position {
  const start = { x: Math.round(position.x), y: Math.round(position.y) };
  const placed = doc.nodes.flatMap((n) => (n.position ? [n.position] : []));
  const free = (p: Position) =>
    placed.every(
      (q) =>
        p.x + DEFAULT_NODE_SIZE.width + GAP <= q.x ||
        q.x + DEFAULT_NODE_SIZE.width + GAP <= p.x ||
        p.y + DEFAULT_NODE_SIZE.height + GAP <= q.y ||
        q.y + DEFAULT_NODE_SIZE.height + GAP <= p.y,
    );
  const step = { x: DEFAULT_NODE_SIZE.width + GAP, y: DEFAULT_NODE_SIZE.height + GAP };
  const cells: { x: number; y: number; distance: number }[] = [];
  for (let row = -SEARCH_RADIUS; row <= SEARCH_RADIUS; row++) {
    for (let col = -SEARCH_RADIUS; col <= SEARCH_RADIUS; col++) {
      // Rows count a little less than columns: a new node reads best below the one before it.
      cells.push({ x: start.x + col * step.x, y: start.y + row * step.y, distance: Math.hypot(col * 1.2, row) - (row > 0 ? 0.01 : 0) });
    }
  }
  cells.sort((a, b) => a.distance - b.distance);
  const spot = cells.find(free);
  return spot ? { x: spot.x, y: spot.y } : start;
}

/** The top-left corner that puts a default-sized node's centre at `centre`. */
export function centredAt(centre: Position): Position {
  return { x: centre.x - DEFAULT_NODE_SIZE.width / 2, y: centre.y - DEFAULT_NODE_SIZE.height / 2 };
}
