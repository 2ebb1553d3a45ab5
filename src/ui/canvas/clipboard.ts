/**
 * Copy, paste and duplicate of nodes, as pure functions. A copy holds the selected nodes and the
 * links from them (to each other and to the rest of the system); pasting gives every copy a fresh
 * id and rewrites every reference (see model/references.ts): what named a copied node names its
 * copy, what named a node left out still names that node (over a copy of the link to it), so a copy
 * does what its original did. Links into the copy from outside are left out: pasting changes
 * nothing that was there.
 */
import { retargetLink, retargetNode } from '../../model/index.ts';
import { freshId, type DocumentInput, type LinkInput, type NodeInput } from '../../store/document/commands.ts';

type Position = { readonly x: number; readonly y: number };

/** What Ctrl/Cmd+C keeps: nodes (with the positions they were shown at) and the links from them. */
export interface Clip {
  readonly nodes: readonly NodeInput[];
  readonly links: readonly LinkInput[];
}

/**
 * The nodes of `doc` named in `nodeIds` and the links from them, or undefined if none of the ids
 * is a node. `shownAt` gives the position of a node the document has not placed (it is drawn at a
 * default place), so its copy lands next to it.
 */
export function copyNodes(
  doc: DocumentInput,
  nodeIds: readonly string[],
  shownAt?: (id: string) => Position | undefined,
): Clip | undefined {
  const ids = new Set(nodeIds);
  const nodes = doc.nodes
    .filter((n) => ids.has(n.id))
    .map((n) => {
      const position = n.position ?? shownAt?.(n.id);
      return position ? { ...n, position: { x: position.x, y: position.y } } : n;
    });
  if (nodes.length === 0) return undefined;
  const links = (doc.links ?? []).filter((l) => ids.has(l.from));
  return { nodes, links };
}

/**
 * The `paste` command's content for `clip` in `doc`: copies with fresh ids, moved by `offset`. A
 * reference to a node that is neither copied nor in `doc` any more (deleted since the copy) goes.
 */
export function pasteCopies(doc: DocumentInput, clip: Clip, offset: Position): { nodes: NodeInput[]; links: LinkInput[] } {
  // A working document collects the ids handed out so far, so the copies do not collide either.
  const taken: DocumentInput = { ...doc, nodes: [...doc.nodes], links: [...(doc.links ?? [])] };
  const rename = new Map<string, string>();
  for (const node of clip.nodes) {
    const id = freshId(taken, idStem(node.id));
    rename.set(node.id, id);
    taken.nodes.push({ ...node, id });
  }
  const present = new Set(doc.nodes.map((n) => n.id));
  const to = (id: string) => rename.get(id) ?? (present.has(id) ? id : undefined);
  const nodes = clip.nodes.map((node) => moved(retargetNode(node, to), rename, offset));
  const links: LinkInput[] = [];
  for (const link of clip.links) {
    const copy = retargetLink(link, to);
    // Only the links from a copy (a link between two originals would be a second one).
    if (copy === undefined || !rename.has(link.from)) continue;
    // A link named by its ends gets new ends; a link with its own name needs a new one.
    if (link.id !== undefined) copy.id = freshId(taken, idStem(link.id));
    taken.links!.push(copy);
    links.push(copy);
  }
  return { nodes, links };
}

/** `service-3` → `service`, `payments` → `payments`; short enough for a suffix to fit the 64-character id limit. */
export function idStem(id: string): string {
  const stem = id.replace(/-\d+$/, '');
  return (stem === '' ? 'node' : stem).slice(0, 56);
}

function moved(node: NodeInput, rename: ReadonlyMap<string, string>, offset: Position): NodeInput {
  const id = rename.get(node.id) as string;
  const position = node.position ? { x: node.position.x + offset.x, y: node.position.y + offset.y } : undefined;
  return position ? { ...node, id, position } : { ...node, id };
}
