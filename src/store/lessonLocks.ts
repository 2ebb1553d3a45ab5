/**
 * What a lesson locks: while a lesson is followed, only the nodes and links it names as editable
 * may change; edits of the settings of any other node or link, deleting it, or a new link from or
 * to it (from it: a new step of its plan; to it: load it did not have) are refused, unless the
 * lesson names that link as editable; so is deleting such a link, itself or with the node at its
 * other end. A delete that includes a locked part is refused as a whole (nothing of it is deleted).
 * Nodes the learner adds during the lesson are theirs (the caller passes them as editable).
 * Pasting or duplicating is refused: the copies would be nodes the lesson does not name, so
 * locked themselves, and copies of locked nodes would bring locked behaviour back under new names. The run's seed and duration are locked
 * too (the goals are
 * measured on the lesson's run). So is replacing the whole system, unless the lesson does it
 * (starting, resetting it): an imported file, a share link, an example or File ▸ New would put
 * another system under the lesson's locks and goals (the page asks to leave the lesson first).
 * Faults, moves, the name and description and playback stay allowed. An edit of the system as
 * text is held to the same locks as the edits it amounts to: it may not add, remove or change a
 * locked node or link, a change at a locked one, the seed or the duration. Pure: the document
 * store asks it before applying.
 */
import { linkId } from '../model/index.ts';
import type { DocumentCommand, DocumentInput, DocumentOrigin } from './document/commands.ts';

/** What replaces a lesson's system, as the refusal names it. */
const REPLACING: Record<Exclude<DocumentOrigin, 'lesson'> | 'other', string> = {
  import: 'Importing a file',
  link: 'Opening a share link',
  example: 'Opening an example',
  new: 'A new system',
  script: 'Opening a system from a script',
  other: 'Another system',
};

/** The note shown on a locked node or link: what the learner may change instead. */
export function lockNote(editable: readonly string[]): string {
  return editable.length === 0
    ? 'Locked in this lesson: you may change nothing but faults here. Sandbox lifts the locks.'
    : `Locked in this lesson: you may change ${editable.join(', ')}. Sandbox lifts the locks.`;
}

/** Why `command` is refused under `editable` (undefined: allowed). */
export function lockedBy(command: DocumentCommand, doc: DocumentInput, editable: readonly string[]): string | undefined {
  const allowed = new Set(editable);
  const locked = (ids: readonly string[]) => ids.filter((id) => !allowed.has(id));
  let hit: string[] = [];
  switch (command.type) {
    case 'updateNode':
    case 'updateLink':
      hit = locked([command.id]);
      break;
    case 'remove': {
      const nodes = new Set(command.nodeIds);
      // Removing a node removes its links too; a link removed (so, or selected) that the lesson does not
      // name changes what a locked end does (a step of its plan, its load) as a new one would: as with connect.
      const links = (doc.links ?? []).filter((l) => command.linkIds.includes(linkId(l)) || nodes.has(l.from) || nodes.has(l.to));
      hit = [
        ...locked(command.nodeIds),
        ...links.filter((l) => !allowed.has(linkId(l)) && locked([l.from, l.to]).length > 0).map((l) => linkId(l)),
      ];
      break;
    }
    // A new link changes what both ends do (a new step of the caller's plan, new load on the callee).
    case 'connect':
      hit = allowed.has(linkId(command.link)) ? [] : [...new Set(locked([command.link.from, command.link.to]))];
      break;
    case 'paste': {
      if (command.nodes.length === 0 && command.links.length === 0) return undefined;
      return `Copies cannot be added in this lesson (the lesson locks everything but ${editableText(editable)}; Sandbox lifts the locks).`;
    }
    case 'replaceDocument': {
      if (command.origin === 'lesson') return undefined;
      return `${REPLACING[command.origin ?? 'other']} would replace this lesson's system, which its locks and goals are about: leave the lesson first (Sandbox).`;
    }
    case 'updateSettings':
      hit = ['seed', 'duration'].filter((key) => key in command.patch);
      break;
    case 'editDocument':
      hit = lockedInText(doc, command.document, allowed);
      break;
    case 'addChange':
      hit = locked(['target' in command.change ? command.change.target : command.change.link]);
      break;
    default:
      return undefined;
  }
  if (hit.length === 0) return undefined;
  return `${hit.join(', ')} ${hit.length === 1 ? 'is' : 'are'} locked in this lesson: you may change ${editableText(editable)} (Sandbox lifts the locks).`;
}

/** What a whole-document edit changes that the lesson locks (see the file comment). */
function lockedInText(before: DocumentInput, after: DocumentInput, allowed: ReadonlySet<string>): string[] {
  const hit = new Set<string>();
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  // A node's position is not locked (moves stay allowed): only what it is and does.
  const nodes = (doc: DocumentInput) => new Map(doc.nodes.map(({ position: _position, ...n }) => [n.id, n] as const));
  const links = (doc: DocumentInput) => new Map((doc.links ?? []).map((l) => [linkId(l), l] as const));
  for (const [a, b] of [
    [nodes(before), nodes(after)],
    [links(before), links(after)],
  ] as const) {
    for (const id of new Set([...a.keys(), ...b.keys()])) if (!allowed.has(id) && !same(a.get(id), b.get(id))) hit.add(id);
  }
  const target = (c: NonNullable<DocumentInput['changes']>[number]) => ('target' in c ? c.target : c.link);
  const changed = [...(before.changes ?? []), ...(after.changes ?? [])].filter(
    (c) => !(before.changes ?? []).some((o) => same(o, c)) || !(after.changes ?? []).some((o) => same(o, c)),
  );
  for (const c of changed) if (!allowed.has(target(c))) hit.add(target(c));
  for (const key of ['seed', 'duration'] as const) if (!same(before[key], after[key])) hit.add(key);
  return [...hit];
}

const editableText = (editable: readonly string[]) => (editable.length > 0 ? editable.join(', ') : 'nothing here');
