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

/**
 * The services, gateways, load balancers, queues, topics and streams `nodeId` has a link to: what a client can target and a call step can
 * name (a broker: a publish).
 */
export function linkedTargets(doc: DocumentInput, nodeId: string): string[] {
  return linkedOf(doc, nodeId, ['service', 'gateway', 'loadBalancer', 'queue', 'topic', 'stream'], 'from');
}

/** A queue's consumers (the services it delivers to) and its producers (clients and services publishing to it, topics copying to it). */
export function queueParties(doc: DocumentInput, queueId: string): { consumers: string[]; producers: string[] } {
  return {
    consumers: linkedOf(doc, queueId, ['service'], 'from'),
    producers: linkedOf(doc, queueId, ['client', 'service', 'topic'], 'to'),
  };
}

/** A topic's subscriptions (the queues it copies to) and its producers (clients and services publishing to it). */
export function topicParties(doc: DocumentInput, topicId: string): { subscriptions: string[]; producers: string[] } {
  return { subscriptions: linkedOf(doc, topicId, ['queue'], 'from'), producers: linkedOf(doc, topicId, ['client', 'service'], 'to') };
}

/** A consumer group of a stream: its name and its members (the services it delivers to), in link order. */
export interface StreamGroupInfo {
  readonly name: string;
  readonly members: readonly string[];
}

/**
 * A stream's producers (clients and services appending to it) and its consumer groups: each link
 * from it to a service joins that service to the link's `group`, by default a group of its own
 * named after it (as the engine groups them).
 */
export function streamParties(doc: DocumentInput, streamId: string): { producers: string[]; groups: StreamGroupInfo[] } {
  const services = new Set(doc.nodes.filter((n) => n.kind === 'service').map((n) => n.id));
  const groups = new Map<string, string[]>();
  for (const l of doc.links ?? []) {
    if (l.from !== streamId || !services.has(l.to)) continue;
    const name = l.group ?? l.to;
    groups.set(name, [...(groups.get(name) ?? []), l.to]);
  }
  return {
    producers: linkedOf(doc, streamId, ['client', 'service'], 'to'),
    groups: [...groups].map(([name, members]) => ({ name, members })),
  };
}

/** Node `id`'s kind if it brokers messages (a call or a client's requests to it are publishes), else undefined. */
export function brokerKind(doc: DocumentInput, id: string): 'queue' | 'topic' | 'stream' | undefined {
  const kind = doc.nodes.find((n) => n.id === id)?.kind;
  return kind === 'queue' || kind === 'topic' || kind === 'stream' ? kind : undefined;
}

/**
 * How a publish target reads in a list of targets: "orders (queue: publish)", "placed (topic: publish)", "events (stream: publish)", or
 * just the id.
 */
export function targetLabel(doc: DocumentInput, id: string): string {
  const broker = brokerKind(doc, id);
  return broker ? `${id} (${broker}: publish)` : id;
}

/** Whether node `id` is a topic. */
export function isTopic(doc: DocumentInput, id: string): boolean {
  return doc.nodes.some((n) => n.id === id && n.kind === 'topic');
}

/** Whether node `id` is a queue. */
export function isQueue(doc: DocumentInput, id: string): boolean {
  return doc.nodes.some((n) => n.id === id && n.kind === 'queue');
}

/**
 * The most instances service `id` has at any time of the run: its replicas, or more where a change
 * scales it up (the engine builds that many; a fault may hit any of them). 1 for anything else.
 */
export function mostReplicas(doc: Pick<DocumentInput, 'nodes' | 'changes'>, id: string): number {
  const node = doc.nodes.find((n) => n.id === id);
  if (node?.kind !== 'service') return 1;
  let most = typeof node.replicas === 'number' ? node.replicas : 1;
  for (const c of doc.changes ?? [])
    if (c.kind === 'service' && c.target === id && typeof c.set.replicas === 'number') most = Math.max(most, c.set.replicas);
  return most;
}
