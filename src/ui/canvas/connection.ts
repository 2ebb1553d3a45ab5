/**
 * Which connections the canvas accepts when a handle is dragged to another node, and the link a
 * new connection makes. Pure, so the same rules serve React Flow's `isValidConnection` (checked
 * while dragging) and the message shown when a drop is refused. They follow the model's link
 * rules (validate.ts `linkKindProblem`, whose messages they reuse): clients and services call
 * services (sync) or publish to a queue, a topic or a stream (async); a queue delivers to
 * services, its consumers; a topic copies to queues, its subscriptions; a stream delivers to
 * services, the members of its consumer groups (async). A gateway takes requests from clients and
 * services and forwards to services, a load balancer to the one service it spreads requests over;
 * a registry only answers: services link to it to register, callers to look services up (sync).
 */
import { possessive } from '../../model/index.ts';
import type { DocumentInput, LinkInput } from '../../store/document/commands.ts';

/** Kinds that broker messages: a link to or from one is async. */
const BROKERS: ReadonlySet<string> = new Set(['queue', 'topic', 'stream']);

/** The reason `from → to` cannot be connected, or undefined if it can. */
export function connectionProblem(doc: DocumentInput, from: string, to: string): string | undefined {
  const source = doc.nodes.find((n) => n.id === from);
  const target = doc.nodes.find((n) => n.id === to);
  if (!source || !target) return 'both ends must be nodes on the canvas';
  if (from === to) return 'a node cannot connect to itself';
  // Before the client rule: a topic's own rule says what it can be connected to instead.
  if (source.kind === 'topic' && target.kind !== 'queue')
    return `a topic sends its copies to queues (its subscriptions), not to a ${target.kind}`;
  if (source.kind === 'stream' && target.kind !== 'service')
    return `a stream delivers to services (its consumers), not to a ${target.kind}`;
  if (target.kind === 'client') return 'a client only sends requests; nothing can call it';
  if (source.kind === 'registry') return 'a registry only answers: link services and callers to it, not from it';
  const proxy = (kind: string) => (kind === 'gateway' ? 'a gateway' : kind === 'loadBalancer' ? 'a load balancer' : undefined);
  if (proxy(source.kind) && target.kind !== 'service' && target.kind !== 'registry')
    return `${proxy(source.kind)} forwards to services, not to a ${target.kind}`;
  if (proxy(target.kind) && source.kind !== 'client' && source.kind !== 'service')
    return `${proxy(target.kind)} takes requests from clients and services, not from a ${source.kind}`;
  if (target.kind === 'registry' && source.kind !== 'client' && source.kind !== 'service' && !proxy(source.kind)) {
    return `a registry is used by services (to register) and callers (to look up), not by a ${source.kind}`;
  }
  if (source.kind === 'queue' && target.kind !== 'service') return `a queue delivers to services (its consumers), not to a ${target.kind}`;
  if (target.kind === 'topic' && source.kind !== 'client' && source.kind !== 'service')
    return `a topic takes publishes from clients and services, not from a ${source.kind}`;
  if (target.kind === 'stream' && source.kind !== 'client' && source.kind !== 'service')
    return `a stream takes publishes from clients and services, not from a ${source.kind}`;
  const links = doc.links ?? [];
  if (links.some((l) => l.from === from && l.to === to)) return `${from} is already connected to ${to}`;
  // A client sends to exactly one service, gateway, queue, topic or stream: retargeting it means removing its link first.
  // (Its link to a registry is for looking up, not a target: it may have that as well.)
  const registry = (id: string) => doc.nodes.some((n) => n.id === id && n.kind === 'registry');
  // A load balancer spreads over one service likewise.
  if (source.kind === 'loadBalancer' && target.kind === 'service' && links.some((l) => l.from === from && !registry(l.to))) {
    return `a load balancer spreads requests over one service; delete ${possessive(from)} link first to connect it elsewhere`;
  }
  if (source.kind === 'client' && target.kind !== 'registry' && links.some((l) => l.from === from && !registry(l.to))) {
    return `a client sends to one service, queue, topic or stream; delete ${possessive(from)} link first to connect it elsewhere`;
  }
  return undefined;
}

/** Whether `from → to` may be connected (React Flow's `isValidConnection`). */
export function canConnect(doc: DocumentInput, from: string, to: string): boolean {
  return connectionProblem(doc, from, to) === undefined;
}

/**
 * The link a new connection makes: HTTP with a typical in-datacentre latency, sync between
 * services, async to or from a queue, topic or stream (a producer's publish, a topic's copies, a
 * consumer's deliveries). The `connect` command then makes a producer publish (a client's target,
 * a service's new call step); a subscription or a consumer needs no call step: the broker sends.
 */
export function newLink(doc: DocumentInput, from: string, to: string): LinkInput {
  const kindOf = (id: string) => doc.nodes.find((n) => n.id === id)?.kind ?? '';
  const async = BROKERS.has(kindOf(from)) || BROKERS.has(kindOf(to));
  return async ? { from, to, kind: 'async', protocol: 'http', latency: '20ms' } : { from, to, protocol: 'http', latency: '20ms' };
}
