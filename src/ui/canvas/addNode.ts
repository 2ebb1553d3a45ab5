/** Adding a node of a kind to the document (from a palette drop or the palette's keyboard add). */
import { freshId } from '../../store/document/commands.ts';
import type { Stores } from '../app/stores.tsx';
import type { NodeKindSpec } from '../kinds/registry.ts';
import { centredAt, freeSpotNear } from './placement.ts';

/**
 * Adds a new node of `spec`'s kind centred at `centre` (diagram coordinates), nudged off any
 * node already there, and selects it so the inspector shows what was just added. Returns its id.
 */
export function addNodeOfKind(stores: Stores, spec: NodeKindSpec, centre: { x: number; y: number }): string {
  const doc = stores.document.getState().document;
  const id = freshId(doc, spec.idBase);
  // A position is written to the document: never let a NaN from odd event coordinates in.
  const at = Number.isFinite(centre.x) && Number.isFinite(centre.y) ? centre : { x: 0, y: 0 };
  stores.document.getState().dispatch({ type: 'addNode', node: spec.create(id, freeSpotNear(doc, centredAt(at))) });
  stores.ui.getState().select({ nodeIds: [id] });
  return id;
}
