/**
 * Which connections the canvas accepts when a handle is dragged to another node, and the link a
 * new connection makes. Pure, so the same rules serve React Flow's `isValidConnection` (checked
 * while dragging) and the message shown when a drop is refused.
 */
import type { DocumentInput, LinkInput } from '../../store/document/commands.ts';

/** The reason `from → to` cannot be connected, or undefined if it can. */
export function connectionProblem(doc: DocumentInput, from: string, to: string): string | undefined {
  const source = doc.nodes.find((n) => n.id === from);
  const target = doc.nodes.find((n) => n.id === to);
  if (!source || !target) return 'both ends must be nodes on the canvas';
  if (from === to) return 'a node cannot connect to itself';
  if (target.kind === 'client') return 'a client only sends requests; nothing can call it';
  const links = doc.links ?? [];
  if (links.some((l) => l.from === from && l.to === to)) return `${from} is already connected to ${to}`;
  // A client sends to exactly one service: retargeting it means removing its link first.
  if (source.kind === 'client' && links.some((l) => l.from === from)) {
    return `a client sends to one service; delete ${from}'s link first to connect it elsewhere`;
  }
  return undefined;
}

/** Whether `from → to` may be connected (React Flow's `isValidConnection`). */
export function canConnect(doc: DocumentInput, from: string, to: string): boolean {
  return connectionProblem(doc, from, to) === undefined;
}

/** The link a new connection makes: sync HTTP with a typical in-datacentre latency. */
export function newLink(from: string, to: string): LinkInput {
  return { from, to, protocol: 'http', latency: '20ms' };
}
