/** Questions the inspector asks of the document's topology. */
import type { DocumentInput } from '../../store/document/commands.ts';

/** Node `nodeId`'s links whose other end is of one of `kinds`: the ids at the far end, in link order. */
function linkedOf(doc: DocumentInput, nodeId: string, kinds: readonly string[], direction: 'from' | 'to'): string[] {
  const wanted = new Set(doc.nodes.filter((n) => kinds.includes(n.kind)).map((n) => n.id));
  const links = doc.links ?? [];
  return direction === 'from'
    ? links.filter((l) => l.from === nodeId && wanted.has(l.to)).map((l) => l.to)
    : links.filter((l) => l.to === nodeId && wanted.has(l.from)).map((l) => l.from);
}

/** The services `nodeId` has a link to (the only ones it can call, or fall back to), in link order. */
export function linkedServices(doc: DocumentInput, nodeId: string): string[] {
  return linkedOf(doc, nodeId, ['service'], 'from');
}

/** The services and queues `nodeId` has a link to: what a client can target and a call step can name (a queue: a publish). */
export function linkedTargets(doc: DocumentInput, nodeId: string): string[] {
  return linkedOf(doc, nodeId, ['service', 'queue'], 'from');
}

/** A queue's consumers (the services it delivers to) and its producers (clients and services publishing to it). */
export function queueParties(doc: DocumentInput, queueId: string): { consumers: string[]; producers: string[] } {
  return { consumers: linkedOf(doc, queueId, ['service'], 'from'), producers: linkedOf(doc, queueId, ['client', 'service'], 'to') };
}

/** Whether node `id` is a queue. */
export function isQueue(doc: DocumentInput, id: string): boolean {
  return doc.nodes.some((n) => n.id === id && n.kind === 'queue');
}
