/**
 * A lesson's system laid out for the canvas it opens on. A lesson is about its nodes, so each
 * must show whole and readable beside the docked lesson panel and the inspector (issue 20: "a
 * layout that never hides the system"). The positions a lesson ships with are drawn left to
 * right for a wide canvas; on a laptop's canvas between the two panels (about 640 px) a chain of
 * three or more boxes is too wide at a readable zoom, and the opening fit (canvas/readableView.ts)
 * then shows its left end and cuts the rest (lesson 6 cut `payment`, the node it is about).
 * Zooming out to show it whole would shrink the text to ~6 px for the longer chains, so the
 * system is laid out anew instead, by the toolbar's auto-layout (top to bottom where that reads
 * better on this canvas). Done before the system is loaded, so it is the lesson's starting
 * system as the learner gets it: no extra undo step, nothing for the lesson's locks to refuse.
 */
import type { DocumentInput } from '../../store/document/commands.ts';
import { extent, layoutDocument, type LayoutView } from '../canvas/layout.ts';
import { READABLE_ZOOM, wholeZoom } from '../canvas/readableView.ts';

/**
 * `doc` as shipped when every node has a position and the whole fits `view` (screen pixels, the
 * visible canvas) at a readable zoom; else with every node placed by the auto-layout for `view`.
 * Unchanged without a view (no canvas yet).
 */
export function laidOutForCanvas(doc: DocumentInput, view: LayoutView | undefined): DocumentInput {
  if (!view || doc.nodes.length === 0) return doc;
  const stored: Record<string, { x: number; y: number }> = {};
  for (const node of doc.nodes) if (node.position) stored[node.id] = node.position;
  // The node boxes are not measured before the system is drawn: the default box (a little larger than most) stands for each.
  if (Object.keys(stored).length === doc.nodes.length && wholeZoom(extent(doc, new Map(), stored), view) >= READABLE_ZOOM) return doc;
  const positions = layoutDocument(doc, new Map(), view);
  return { ...doc, nodes: doc.nodes.map((node) => ({ ...node, position: positions[node.id] })) };
}
