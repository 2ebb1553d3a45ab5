/**
 * Which connections the canvas accepts when a handle is dragged to another node, and the link a
 * new connection makes. Pure, so the same rules serve React Flow's `isValidConnection` (checked
 * while dragging) and the message shown when a drop is refused. They follow the model's link
 * rules (validate.ts): clients and services call services (sync) or publish to a queue (async);
 * a queue delivers to services, its consumers (async).
 */
import type { DocumentInput, LinkInput } from '../../store/document/commands.ts';

/** The reason `from → to` cannot be connected, or undefined if it can. */
export function connectionProblem(doc: DocumentInput, from: string, to: string): string | undefined {
  const source = doc.nodes.find((n) => n.id === from);
  const target = doc.nodes.find((n) => n.id === to);
  if (!source || !target) return 'both ends must be nodes on the canvas';
  if (from === to) return 'a node cannot connect to itself';
  if (target.kind === 'client') return 'a client only sends requests; nothing can call it';
  if (source.kind === 'queue' && target.kind !== 'service') return `a queue delivers to services (its consumers), not to a ${target.kind}`;
  const links = doc.links ?? [];
  if (links.some((l) => l.from === from && l.to === to)) return `${from} is already connected to ${to}`;
  // A client sends to exactly one service or queue: retargeting it means removing its link first.
  if (source.kind === 'client' && links.some((l) => l.from === from)) {
    return `a client sends to one service or queue; delete ${from}'s link first to connect it elsewhere`;
  }
  return undefined;
}

/** Whether `from → to` may be connected (React Flow's `isValidConnection`). */
export function canConnect(doc: DocumentInput, from: string, to: string): boolean {
  return connectionProblem(doc, from, to) === undefined;
}

/**
 * The link a new connection makes: HTTP with a typical in-datacentre latency, sync between
 * services, async to or from a queue (a producer's publish, a consumer's deliveries). The
 * `connect` command then makes a producer publish (a client's target, a service's new call step);
 * a consumer needs no call step: the queue delivers to it.
 */
export function newLink(doc: DocumentInput, from: string, to: string): LinkInput {
  const kindOf = (id: string) => doc.nodes.find((n) => n.id === id)?.kind;
  const async = kindOf(from) === 'queue' || kindOf(to) === 'queue';
  return async ? { from, to, kind: 'async', protocol: 'http', latency: '20ms' } : { from, to, protocol: 'http', latency: '20ms' };
}
