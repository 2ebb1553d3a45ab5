/**
 * Copy, paste and duplicate of nodes, as pure functions. A copy holds the selected nodes and the
 * links among them; pasting gives every copy a fresh id, points the copies' targets, calls and
 * links at each other (not at the originals), and leaves out whatever led outside the copy.
 */
import { callsOf, type CallStep } from '../../model/index.ts';
import { freshId, type CallStepInput, type DocumentInput, type LinkInput, type NodeInput } from '../../store/document/commands.ts';

type Position = { readonly x: number; readonly y: number };

/** What Ctrl/Cmd+C keeps: nodes (with the positions they were shown at) and the links among them. */
export interface Clip {
  readonly nodes: readonly NodeInput[];
  readonly links: readonly LinkInput[];
}

/**
 * The nodes of `doc` named in `nodeIds` and the links between two of them, or undefined if none
 * of the ids is a node. `shownAt` gives the position of a node the document has not placed (it is
 * drawn at a default place), so its copy lands next to it.
 */
export function copyNodes(doc: DocumentInput, nodeIds: readonly string[], shownAt?: (id: string) => Position | undefined): Clip | undefined {
  const ids = new Set(nodeIds);
  const nodes = doc.nodes.filter((n) => ids.has(n.id)).map((n) => {
    const position = n.position ?? shownAt?.(n.id);
    return position ? { ...n, position: { x: position.x, y: position.y } } : n;
  });
  if (nodes.length === 0) return undefined;
  const links = (doc.links ?? []).filter((l) => ids.has(l.from) && ids.has(l.to));
  return { nodes, links };
}

/** The `paste` command's content for `clip` in `doc`: copies with fresh ids, moved by `offset`. */
export function pasteCopies(doc: DocumentInput, clip: Clip, offset: Position): { nodes: NodeInput[]; links: LinkInput[] } {
  // A working document collects the ids handed out so far, so the copies do not collide either.
  const taken: DocumentInput = { ...doc, nodes: [...doc.nodes], links: [...(doc.links ?? [])] };
  const rename = new Map<string, string>();
  for (const node of clip.nodes) {
    const id = freshId(taken, idStem(node.id));
    rename.set(node.id, id);
    taken.nodes.push({ ...node, id });
  }
  const nodes = clip.nodes.map((node) => copyOf(node, rename, offset));
  const links: LinkInput[] = [];
  for (const link of clip.links) {
    const from = rename.get(link.from), to = rename.get(link.to);
    if (from === undefined || to === undefined) continue;
    const { id: ownId, ...rest } = link;
    const copy: LinkInput = { ...rest, from, to };
    // A link named by its ends gets new ends; a link with its own name needs a new one.
    if (ownId !== undefined) copy.id = freshId(taken, idStem(ownId));
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

function copyOf(node: NodeInput, rename: ReadonlyMap<string, string>, offset: Position): NodeInput {
  const id = rename.get(node.id) as string;
  const position = node.position ? { x: node.position.x + offset.x, y: node.position.y + offset.y } : undefined;
  const moved = position ? { ...node, id, position } : { ...node, id };
  if (moved.kind === 'client') {
    // A target outside the copy has no link to it from the copy: the copy starts unconnected.
    return { ...moved, target: rename.get(moved.target) ?? '' };
  }
  if (moved.kind === 'service' && moved.calls) return { ...moved, calls: renamedCalls(moved.calls, rename) };
  return moved;
}

/** Calls to copied services now go to their copies; calls leading outside the copy are dropped. */
function renamedCalls(steps: readonly CallStepInput[], rename: ReadonlyMap<string, string>): CallStepInput[] {
  const out: CallStepInput[] = [];
  for (const step of steps) {
    const calls = callsOf(step as CallStep).flatMap((call) => {
      const to = rename.get(call.to);
      return to === undefined ? [] : [{ ...call, to }];
    });
    if (calls.length === 0) continue;
    out.push(('parallel' in step ? { ...step, parallel: calls } : calls[0]) as CallStepInput);
  }
  return out;
}
