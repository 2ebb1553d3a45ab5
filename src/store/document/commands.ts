/**
 * Every change to the document is a command: plain data, applied by a pure function
 * (`applyCommand(document, command) → document`). The store keeps history of documents, so undo
 * and redo cover every command; tests apply commands without any UI.
 */
import { callsOf, linkId, retargetLink, retargetNode, type ScenarioInput } from '../../model/index.ts';

export type DocumentInput = ScenarioInput;
export type NodeInput = DocumentInput['nodes'][number];
export type LinkInput = NonNullable<DocumentInput['links']>[number];
export type FaultInput = NonNullable<DocumentInput['faults']>[number];
export type ChangeInput = NonNullable<DocumentInput['changes']>[number];
export type CallStepInput = NonNullable<Extract<NodeInput, { kind: 'service' }>['calls']>[number];
type Position = { x: number; y: number };

export type DocumentCommand =
  | { readonly type: 'addNode'; readonly node: NodeInput }
  /** Replaces the node's fields named in `patch` (a field set to undefined is removed). */
  | { readonly type: 'updateNode'; readonly id: string; readonly patch: Readonly<Record<string, unknown>> }
  | { readonly type: 'moveNodes'; readonly positions: Readonly<Record<string, Position>> }
  /**
   * Links a node to a service: a client then sends to it, a service calls it (a new step), a gateway routes to it, a load balancer spreads
   * over it; a link to a registry changes no plan.
   */
  | { readonly type: 'connect'; readonly link: LinkInput }
  | { readonly type: 'updateLink'; readonly id: string; readonly patch: Readonly<Record<string, unknown>> }
  /** Removes nodes and links, and whatever refers to them (links, calls, a gateway's routes, faults). */
  | { readonly type: 'remove'; readonly nodeIds: readonly string[]; readonly linkIds: readonly string[] }
  /** Adds copies of nodes (and the links among them), already given fresh ids. */
  | { readonly type: 'paste'; readonly nodes: readonly NodeInput[]; readonly links: readonly LinkInput[] }
  | { readonly type: 'addFault'; readonly fault: FaultInput }
  | { readonly type: 'updateFault'; readonly index: number; readonly fault: FaultInput }
  | { readonly type: 'removeFault'; readonly index: number }
  /** A settings edit that takes effect at a time (an edit made at the playhead during a run). */
  | { readonly type: 'addChange'; readonly change: ChangeInput }
  | { readonly type: 'removeChange'; readonly index: number }
  /** Name, description, seed, duration, and the script kept with the system. */
  | { readonly type: 'updateSettings'; readonly patch: Readonly<Record<string, unknown>> }
  /**
   * A whole new system; `origin` says where it comes from, for the guard (while a lesson is
   * followed, only the lesson itself may replace its system: see lessonLocks.ts).
   */
  | { readonly type: 'replaceDocument'; readonly document: DocumentInput; readonly origin?: DocumentOrigin }
  /**
   * The same system edited as a whole, in its text form (the Script panel's JSON): an edit like
   * one on the canvas (the run keeps its playhead, the view stays), not another system.
   */
  | { readonly type: 'editDocument'; readonly document: DocumentInput };

/**
 * Where a whole new system comes from: a lesson (its start or reset), a file, a share link, an example, File ▸ New, a script's `open()`.
 */
export type DocumentOrigin = 'lesson' | 'import' | 'link' | 'example' | 'new' | 'script';

/** A new, empty document. */
export function emptyDocument(): DocumentInput {
  return { version: 1, name: 'Untitled system', seed: 1, duration: '60s', nodes: [], links: [], faults: [] };
}

/** The document after `command`. Never mutates its input. */
export function applyCommand(doc: DocumentInput, command: DocumentCommand): DocumentInput {
  switch (command.type) {
    case 'addNode':
      return { ...doc, nodes: [...doc.nodes, command.node] };
    case 'updateNode':
      return { ...doc, nodes: doc.nodes.map((n) => (n.id === command.id ? patched(n, command.patch) : n)) };
    case 'moveNodes':
      return {
        ...doc,
        nodes: doc.nodes.map((n) => (command.positions[n.id] ? { ...n, position: command.positions[n.id] } : n)),
      };
    case 'connect':
      return connect(doc, command.link);
    case 'updateLink':
      return { ...doc, links: (doc.links ?? []).map((l) => (linkId(l) === command.id ? patched(l, command.patch) : l)) };
    case 'remove':
      return remove(doc, new Set(command.nodeIds), new Set(command.linkIds));
    case 'paste':
      return { ...doc, nodes: [...doc.nodes, ...command.nodes], links: [...(doc.links ?? []), ...command.links] };
    case 'addFault':
      return { ...doc, faults: [...(doc.faults ?? []), command.fault] };
    case 'updateFault':
      return { ...doc, faults: (doc.faults ?? []).map((f, i) => (i === command.index ? command.fault : f)) };
    case 'removeFault':
      return { ...doc, faults: (doc.faults ?? []).filter((_, i) => i !== command.index) };
    case 'addChange':
      return { ...doc, changes: [...(doc.changes ?? []), command.change] };
    case 'removeChange':
      return { ...doc, changes: (doc.changes ?? []).filter((_, i) => i !== command.index) };
    case 'updateSettings':
      return patched(doc, command.patch);
    case 'replaceDocument':
    case 'editDocument':
      return command.document;
  }
}

function patched<T extends object>(value: T, patch: Readonly<Record<string, unknown>>): T {
  const out = { ...value } as Record<string, unknown>;
  for (const [key, v] of Object.entries(patch)) {
    if (v === undefined) delete out[key];
    else out[key] = v;
  }
  return out as T;
}

function connect(doc: DocumentInput, link: LinkInput): DocumentInput {
  const exists = (doc.links ?? []).some((l) => l.from === link.from && l.to === link.to);
  const links = exists ? (doc.links ?? []) : [...(doc.links ?? []), link];
  // A link to a registry is for registering (a service) or looking up (a caller): nothing calls a registry in its plan.
  const toKind = doc.nodes.find((n) => n.id === link.to)?.kind;
  if (toKind === 'registry') return { ...doc, links };
  const nodes = doc.nodes.map((n) => {
    if (n.id !== link.from) return n;
    if (n.kind === 'client') return { ...n, target: link.to };
    if (n.kind === 'gateway') return { ...n, routes: routeTo(n.routes, link.to) };
    if (n.kind === 'loadBalancer') return { ...n, to: link.to };
    if (n.kind === 'service') {
      const calls = n.calls ?? [];
      if (calls.some((step) => callsOf(step as Parameters<typeof callsOf>[0]).some((c) => c.to === link.to))) return n;
      return { ...n, calls: [...calls, { to: link.to }] };
    }
    return n;
  });
  return { ...doc, nodes, links };
}

type GatewayRoutes = Extract<NodeInput, { kind: 'gateway' }>['routes'];

/**
 * A gateway's routes once it is connected to `service`: a route with nowhere to go yet (a new
 * gateway's catch-all) goes there; else, unless a route already does, a new one, `/<service>`.
 */
function routeTo(routes: GatewayRoutes, service: string): GatewayRoutes {
  const list = Array.isArray(routes) ? routes : [];
  if (list.some((r) => r.to === service || r.aggregate?.includes(service))) return list;
  const open = list.findIndex((r) => r.to === '' && r.aggregate === undefined);
  if (open >= 0) return list.map((r, i) => (i === open ? { ...r, to: service } : r));
  return [...list, { prefix: `/${service}`, to: service }];
}

function remove(doc: DocumentInput, nodeIds: ReadonlySet<string>, linkIds: ReadonlySet<string>): DocumentInput {
  const removedLinks = (doc.links ?? []).filter((l) => linkIds.has(linkId(l)) || nodeIds.has(l.from) || nodeIds.has(l.to));
  const cut = new Set(removedLinks.map((l) => `${l.from}\u0000${l.to}`));
  const gone = new Set(removedLinks.map((l) => linkId(l)));
  // What a node named over a link that goes goes with it (see model/references.ts): a call, a
  // fallback, a route (a gateway keeps its last prefix with no service, as it must have one). A
  // client's target and a load balancer's service stay, gone, for the Problems list to say so.
  const over = (from: string) => (to: string) => (cut.has(`${from}\u0000${to}`) ? undefined : to);
  const nodes = doc.nodes
    .filter((n) => !nodeIds.has(n.id))
    .map((n) => (n.kind === 'gateway' || n.kind === 'service' ? retargetNode(n, over(n.id)) : n));
  const links = (doc.links ?? [])
    .filter((l) => !gone.has(linkId(l)))
    .map((l) => (l.fallback?.kind === 'service' ? (retargetLink(l, over(l.from)) ?? l) : l));
  const faults = (doc.faults ?? []).filter((f) => {
    if ('target' in f) return !nodeIds.has(f.target);
    if ('link' in f) return !gone.has(f.link);
    if ('between' in f) return !f.between.some((id) => nodeIds.has(id));
    return true;
  });
  const changes = (doc.changes ?? []).filter((c) => ('target' in c ? !nodeIds.has(c.target) : !gone.has(c.link)));
  return { ...doc, nodes, links, faults, changes };
}

/** An id not yet used by any node or link: `service-1`, `service-2`, … */
export function freshId(doc: DocumentInput, base: string): string {
  const used = new Set([...doc.nodes.map((n) => n.id), ...(doc.links ?? []).map((l) => linkId(l))]);
  for (let i = 1; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
}
