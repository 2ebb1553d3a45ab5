/**
 * The one way into a scenario from outside (file, share link, script, CLI): migrate, parse with
 * the schema, then check what a schema cannot (references between ids, cycles). Every problem is
 * reported at once, each with its path and a plain sentence.
 */
import { checkReplicas } from './replicaChecks.ts';
import { checkGateways } from './gatewayChecks.ts';
import { ScenarioSchema, callsOf, linkId, type CallStep, type Scenario } from './scenario.ts';
import { parseDuration } from './duration.ts';
import { migrate } from './migrate.ts';
import { formatPath, problemsFromIssues, type Problem } from './problems.ts';

export type ValidationResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly warnings: readonly Problem[] };

/** Validates a parsed JSON value as a scenario document (any supported version). */
export function validateScenario(input: unknown): ValidationResult {
  const migrated = migrate(input);
  if (!migrated.ok) return { ok: false, problems: [{ path: migrated.path, message: migrated.message, severity: 'error' }], warnings: [] };
  const parsed = ScenarioSchema.safeParse(migrated.document);
  // References are checked even when the shape is wrong somewhere, so every problem shows at once.
  const { errors, warnings } = checkReferences(parsed.success ? { ...parsed.data, changes: looseChanges(parsed.data.changes) } : looseView(migrated.document));
  if (!parsed.success) {
    const shapeProblems = problemsFromIssues(parsed.error.issues, migrated.document);
    const flagged = new Set(shapeProblems.map((p) => p.path));
    return { ok: false, problems: [...shapeProblems, ...errors.filter((e) => !flagged.has(e.path))], warnings };
  }
  return errors.length > 0 ? { ok: false, problems: errors, warnings } : { ok: true, scenario: parsed.data, warnings };
}

/** Parses JSON text and validates it; a syntax error becomes a problem, not an exception. */
export function validateScenarioText(text: string): ValidationResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '', message: `is not valid JSON (${(error as Error).message})`, severity: 'error' }], warnings: [] };
  }
  return validateScenario(json);
}

/** Like `validateScenario` but throws one readable error; for tests and trusted examples. */
export function parseScenario(input: unknown): Scenario {
  const result = validateScenario(input);
  if (!result.ok) throw new Error(`Invalid scenario:\n${result.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  return result.scenario;
}

/** The parts of a document the reference checks read; a malformed document gives a partial view. */
interface ReferenceView {
  readonly nodes: readonly LooseNode[];
  readonly links: readonly ({ id?: string; from: string; to: string; kind?: string; polling?: unknown; content?: string; keys?: unknown; partitionBy?: unknown; group?: unknown; startFrom?: unknown; connections?: unknown; protocol?: unknown; stream?: unknown; dedupe?: unknown; loadBalancing?: unknown; outlierEjection?: unknown; healthCheck?: unknown; discovery?: unknown; fallback?: { kind: string; to?: string } } & { readonly [policy in typeof CALL_POLICY_FIELDS[number]]?: unknown })[];
  readonly faults: readonly LooseFault[];
  readonly changes?: readonly LooseChange[];
}
type LooseChange =
  | { kind: 'service'; target: string; calls?: readonly CallStep[]; replicas?: unknown }
  | { kind: 'client'; target: string; at: number; setsRate: boolean; newTarget?: string; newPattern?: string }
  | { kind: 'link'; link: string; sets: readonly string[] }
  | { kind: 'stream'; target: string; group?: string }
  | { kind: 'other' };
type LooseNode =
  | { id: string; kind: 'client'; target: string; workload: { start?: number; stop?: number; pattern?: string }; path?: unknown; tokens?: unknown }
  | { id: string; kind: 'service'; calls: readonly CallStep[]; replicas?: unknown }
  | { id: string; kind: 'queue' }
  | { id: string; kind: 'topic' }
  | { id: string; kind: 'stream' }
  | { id: string; kind: 'registry' }
  | { id: string; kind: 'gateway'; routes: readonly { prefix?: unknown; to?: unknown; aggregate?: unknown }[] }
  | { id: string; kind: 'loadBalancer'; to?: unknown }
  | { id: string; kind: 'other' };
type LooseFault =
  | { kind: 'latency' | 'loss'; link: string }
  | { kind: 'partition'; between: readonly [string, string] }
  | { kind: 'crash' | 'slow' | 'errors'; target: string; instance?: unknown }
  | { kind: 'other' };

const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.map((v) => (v && typeof v === 'object' ? v as Record<string, unknown> : {})) : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
/** A fallback's kind and target service, if it names one. */
const looseFallback = (value: unknown) => (value && typeof value === 'object' && text((value as Record<string, unknown>).kind) !== undefined
  ? { kind: (value as Record<string, unknown>).kind as string, to: text((value as Record<string, unknown>).to) }
  : undefined);
const looseCall = (c: Record<string, unknown>) => ({ to: text(c.to) ?? '', fallback: looseFallback(c.fallback) });
const callPlan = (value: unknown) => list(value).map((step) => Array.isArray(step.parallel)
  ? { parallel: list(step.parallel).map(looseCall) }
  : looseCall(step)) as CallStep[];

/**
 * A best-effort reading of a document that failed the schema: elements whose ids are not text
 * are left out (their shape problems are already reported), so references to the rest still get checked.
 */
function looseView(doc: Record<string, unknown>): ReferenceView {
  const nodes: LooseNode[] = list(doc.nodes).map((n) => {
    const id = text(n.id) ?? '';
    if (n.kind === 'client' && text(n.target) !== undefined) {
      const pattern = n.workload && typeof n.workload === 'object' ? text((n.workload as Record<string, unknown>).pattern) : undefined;
      return { id, kind: 'client', target: n.target as string, workload: { pattern }, path: n.path, tokens: n.tokens };
    }
    if (n.kind === 'service') return { id, kind: 'service', calls: callPlan(n.calls), replicas: n.replicas };
    if (n.kind === 'queue' || n.kind === 'topic' || n.kind === 'stream' || n.kind === 'registry') return { id, kind: n.kind };
    if (n.kind === 'gateway') return { id, kind: 'gateway', routes: list(n.routes) };
    if (n.kind === 'loadBalancer') return { id, kind: 'loadBalancer', to: n.to };
    return { id, kind: 'other' };
  });
  const links = list(doc.links).map((l) => ({ id: text(l.id), from: text(l.from) ?? '', to: text(l.to) ?? '', kind: text(l.kind), polling: l.polling, content: text(l.content), keys: l.keys, partitionBy: l.partitionBy, group: l.group, startFrom: l.startFrom, connections: l.connections, protocol: l.protocol, stream: l.stream, dedupe: l.dedupe, loadBalancing: l.loadBalancing, outlierEjection: l.outlierEjection, healthCheck: l.healthCheck, discovery: l.discovery, ...Object.fromEntries(CALL_POLICY_FIELDS.map((f) => [f, l[f]])), fallback: looseFallback(l.fallback) }));
  const faults: LooseFault[] = list(doc.faults).map((f) => {
    if ((f.kind === 'latency' || f.kind === 'loss') && text(f.link) !== undefined) return { kind: f.kind, link: f.link as string };
    if (f.kind === 'partition' && Array.isArray(f.between) && f.between.length === 2 && f.between.every((x) => typeof x === 'string')) return { kind: 'partition', between: f.between as [string, string] };
    if ((f.kind === 'crash' || f.kind === 'slow' || f.kind === 'errors') && text(f.target) !== undefined) return { kind: f.kind, target: f.target as string, instance: f.instance };
    return { kind: 'other' };
  });
  const changes = looseChanges(doc.changes);
  return { nodes, links, faults, changes };
}

/** What the reference checks read of the changes (of a valid document, or a best-effort reading of an invalid one). */
function looseChanges(value: unknown): LooseChange[] {
  return list(value).map((c): LooseChange => {
    const set = c.set && typeof c.set === 'object' ? c.set as Record<string, unknown> : {};
    if (c.kind === 'service' && text(c.target) !== undefined) {
      return { kind: 'service', target: c.target as string, calls: Array.isArray(set.calls) ? callPlan(set.calls) : undefined, replicas: set.replicas };
    }
    if (c.kind === 'client' && text(c.target) !== undefined) {
      const workload = set.workload && typeof set.workload === 'object' ? set.workload as Record<string, unknown> : undefined;
      return {
        kind: 'client', target: c.target as string, at: typeof c.at === 'number' ? c.at : typeof c.at === 'string' ? parseDuration(c.at) ?? 0 : 0,
        setsRate: set.rate !== undefined, newTarget: text(set.target), newPattern: workload ? text(workload.pattern) ?? '' : undefined,
      };
    }
    if (c.kind === 'link' && text(c.link) !== undefined) return { kind: 'link', link: c.link as string, sets: Object.keys(set).filter((k) => set[k] !== undefined) };
    if (c.kind === 'stream' && text(c.target) !== undefined) return { kind: 'stream', target: c.target as string, group: text(c.group) };
    return { kind: 'other' };
  });
}

/** The call policies a link may set (CallPolicies and LinkGuards). */
const CALL_POLICY_FIELDS = ['timeout', 'deadline', 'propagateDeadline', 'retry', 'fallback', 'breaker', 'bulkhead'] as const;

/**
 * Why a call policy on a link from a broker of kind `fromKind` would do nothing, if it would: a
 * queue's deliveries are governed by its visibility timeout and max deliveries, a stream's by the
 * stream itself, which sends a failed delivery again (only the link's timeout bounds each one).
 */
function deliveryPolicyProblem(fromKind: string | undefined, field: string): string | undefined {
  if (fromKind === 'queue') return `a queue's deliveries are bounded by its visibility timeout and sent again up to its max deliveries; a ${field} on its link to a consumer does nothing: leave it out`;
  if (fromKind === 'stream' && field !== 'timeout') return `a stream sends a failed delivery again itself (until its max deliveries), and only the link's timeout bounds a delivery; a ${field} here does nothing: leave it out`;
  return undefined;
}

/** Cross-reference checks (ids, links for every call, cycles). */
export function checkReferences(scenario: ReferenceView): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const error = (path: PropertyKey[], message: string) => errors.push({ path: formatPath(path), message, severity: 'error' });
  const warn = (path: PropertyKey[], message: string) => warnings.push({ path: formatPath(path), message, severity: 'warning' });

  const kindOf = new Map<string, string>();
  const firstUse = new Map<string, string>();
  scenario.nodes.forEach((node, i) => {
    if (node.id === '') return;
    const earlier = firstUse.get(node.id);
    if (earlier) error(['nodes', i, 'id'], `"${node.id}" is already used by ${earlier}`);
    else { firstUse.set(node.id, `nodes[${i}]`); kindOf.set(node.id, node.kind); }
  });

  const linkBetween = new Map<string, number>();
  /** Fallback services, checked once every link is known. */
  const fallbacks: { path: PropertyKey[]; from: string; to: string }[] = [];
  scenario.links.forEach((link, i) => {
    const id = linkId(link);
    const earlier = firstUse.get(id);
    if (earlier) error(['links', i, link.id === undefined ? 'to' : 'id'], `"${id}" is already used by ${earlier}`);
    else firstUse.set(id, `links[${i}]`);
    for (const end of ['from', 'to'] as const) {
      if (link[end] !== '' && !kindOf.has(link[end])) error(['links', i, end], `no node has the id "${link[end]}"`);
    }
    if (link.fallback?.kind === 'service' && link.fallback.to !== undefined) fallbacks.push({ path: ['links', i, 'fallback', 'to'], from: link.from, to: link.fallback.to });
    if (link.from === link.to) error(['links', i, 'to'], 'a link must join two different nodes');
    const pair = `${link.from}\u0000${link.to}`;
    if (linkBetween.has(pair)) error(['links', i], `there is already a link from "${link.from}" to "${link.to}" (links[${linkBetween.get(pair)}])`);
    else linkBetween.set(pair, i);
    const problem = linkKindProblem(kindOf.get(link.from), kindOf.get(link.to), link.kind ?? 'sync');
    if (problem) error(['links', i, problem.field], problem.message);
    else if (link.polling !== undefined && kindOf.has(link.to) && kindOf.has(link.from) && (kindOf.get(link.to) !== 'service' || !['client', 'service'].includes(kindOf.get(link.from) as string))) {
      error(['links', i, 'polling'], 'polling is for a client or service calling a service; a broker already answers at once');
    } else if (link.polling !== undefined && (link as { breaker?: unknown }).breaker !== undefined) error(['links', i, 'polling'], 'polling does not combine with a circuit breaker yet');
  });
  scenario.links.forEach((link, i) => {
    for (const field of CALL_POLICY_FIELDS) {
      const problem = link[field] === undefined ? undefined : deliveryPolicyProblem(kindOf.get(link.from), field);
      if (problem) error(['links', i, field], problem);
    }
    if (link.connections !== undefined && (link.protocol === 'grpc' || link.protocol === 'websocket')) error(['links', i, 'connections'], `a connection pool is HTTP/1.1's: ${link.protocol === 'grpc' ? 'gRPC multiplexes its calls over one HTTP/2 connection' : 'a WebSocket is one long-lived connection'} (set the protocol to http, or leave connections out)`);
    if (link.dedupe !== undefined && kindOf.has(link.from) && kindOf.get(link.from) !== 'queue' && kindOf.get(link.from) !== 'stream') error(['links', i, 'dedupe'], `dedupe makes a queue's or stream's consumer idempotent; "${link.from}" is a ${kindOf.get(link.from)}`);
    const stream = link.stream as { messages?: unknown } | undefined;
    if (stream !== undefined && link.protocol !== 'grpc' && link.protocol !== 'websocket') error(['links', i, 'stream'], 'streaming answers need grpc (server streaming) or websocket (pushes); HTTP/1.1 answers once');
    else if (stream !== undefined && stream.messages === undefined && link.protocol === 'grpc') error(['links', i, 'stream', 'messages'], 'a gRPC server stream ends: say how many messages (pushes without end are a websocket\'s)');
    // Stream settings belong to the links that use them: keys to a stream, a group and a start from one.
    if (link.keys !== undefined && kindOf.has(link.to) && kindOf.get(link.to) !== 'stream' && kindOf.get(link.to) !== 'service') error(['links', i, 'keys'], `keys choose a stream's partition (or, with consistent hashing, a service's instance); "${link.to}" is a ${kindOf.get(link.to)}`);
    if (link.partitionBy !== undefined && kindOf.has(link.to) && kindOf.get(link.to) !== 'stream') error(['links', i, 'partitionBy'], `partitionBy chooses a stream's partition; "${link.to}" is a ${kindOf.get(link.to)}`);
    else if (link.partitionBy === 'key' && link.keys === undefined) error(['links', i, 'partitionBy'], 'partitioning needs keys: set keys (how many different keys the messages carry), or leave partitionBy out to spread them round robin');
    for (const field of ['group', 'startFrom'] as const) {
      if (link[field] !== undefined && kindOf.has(link.from) && kindOf.get(link.from) !== 'stream') error(['links', i, field], `${field} is for a stream's consumer; "${link.from}" is a ${kindOf.get(link.from)}`);
    }
    if (link.content !== 'event' || !kindOf.has(link.from) || !kindOf.has(link.to)) return;
    const path = ['links', i, 'content'];
    if (kindOf.get(link.from) !== 'service') { error(path, `an event-only publish needs a publisher its consumers can call back; "${link.from}" is a ${kindOf.get(link.from)}`); return; }
    // The consumers of the queue or stream, or of every queue the topic copies to.
    const queues = kindOf.get(link.to) === 'topic' ? scenario.links.filter((l) => l.from === link.to).map((l) => l.to) : [link.to];
    for (const consumer of scenario.links.filter((l) => queues.includes(l.from)).map((l) => l.to)) {
      if (!linkBetween.has(`${consumer}\u0000${link.from}`)) error(path, `consumer "${consumer}" has no link to "${link.from}" to fetch what an event-only publish leaves out; connect them`);
    }
  });
  for (const [id, kind] of kindOf) {
    const at = ['nodes', scenario.nodes.findIndex((n) => n.id === id)];
    if (kind === 'queue' && !scenario.links.some((l) => l.from === id)) warn(at, `nothing consumes from "${id}": its messages pile up (link it to a service)`);
    if (kind === 'topic' && !scenario.links.some((l) => l.from === id)) warn(at, `no queue subscribes to "${id}": what is published to it goes nowhere (link it to a queue)`);
    if (kind === 'stream' && !scenario.links.some((l) => l.from === id)) warn(at, `no consumer reads "${id}": its logs only grow (link it to a service)`);
  }

  /** A call's target: a service, or (with `publish`) a queue to publish to. */
  const needService = (path: PropertyKey[], from: string, to: string, publish = false) => {
    const kind = kindOf.get(to);
    // '' and 'other' come from parts whose own shape is already reported as wrong.
    if (to === '' || kind === 'other') return;
    if (kind === undefined) error(path, `no node has the id "${to}"`);
    else if (from === to) error(path, `a service cannot call itself ("${to}")`);
    else if (kind !== 'service' && kind !== 'gateway' && kind !== 'loadBalancer' && !(publish && (kind === 'queue' || kind === 'topic' || kind === 'stream'))) error(path, `"${to}" is a ${kind}; only services, gateways and load balancers can be called${publish ? ' or queues, topics and streams published to' : ''}`);
    else if (!linkBetween.has(`${from}\u0000${to}`)) error(path, `there is no link from "${from}" to "${to}"; connect them first`);
  };
  const callGraph = new Map<string, string[]>();
  scenario.nodes.forEach((node, i) => {
    if (node.kind === 'client') {
      needService(['nodes', i, 'target'], node.id, node.target, true);
      const { start, stop } = node.workload as { start?: number; stop?: number };
      if (start !== undefined && stop !== undefined && stop < start) error(['nodes', i, 'workload', 'stop'], 'must not be before start');
      return;
    }
    if (node.kind !== 'service') return;
    const targets: string[] = [];
    node.calls.forEach((step, s) => {
      callsOf(step).forEach((call, c) => {
        const path = 'parallel' in step ? ['nodes', i, 'calls', s, 'parallel', c] : ['nodes', i, 'calls', s];
        needService([...path, 'to'], node.id, call.to, true);
        if (call.path !== undefined && kindOf.has(call.to) && kindOf.get(call.to) !== 'gateway') error([...path, 'path'], `path is for a gateway to route by; "${call.to}" is a ${kindOf.get(call.to)}`);
        if (call.fallback?.kind === 'service') needService([...path, 'fallback', 'to'], node.id, call.fallback.to);
        // A publish does not wait for the consumers: it cannot close a circle of waiting.
        if (kindOf.get(call.to) === 'service' || kindOf.get(call.to) === 'gateway' || kindOf.get(call.to) === 'loadBalancer') targets.push(call.to);
      });
    });
    callGraph.set(node.id, targets);
  });

  for (const f of fallbacks) needService(f.path, f.from, f.to);
  for (const [id, targets] of checkGateways(scenario, error)) callGraph.set(id, targets);

  scenario.faults.forEach((fault, i) => {
    if (fault.kind === 'latency' || fault.kind === 'loss') {
      if (!scenario.links.some((l) => linkId(l) === fault.link)) error(['faults', i, 'link'], `no link has the id "${fault.link}"`);
    } else if (fault.kind === 'partition') {
      fault.between.forEach((id, k) => { if (!kindOf.has(id)) error(['faults', i, 'between', k], `no node has the id "${id}"`); });
      if (fault.between[0] === fault.between[1]) error(['faults', i, 'between'], 'must name two different nodes');
    } else if ('target' in fault) {
      const kind = kindOf.get(fault.target);
      if (kind === undefined) error(['faults', i, 'target'], `no node has the id "${fault.target}"`);
      else if ((kind === 'queue' || kind === 'topic' || kind === 'stream' || kind === 'registry') && fault.kind === 'crash') { /* a broker's or registry's outage */ }
      else if (kind !== 'service' && kind !== 'gateway' && kind !== 'loadBalancer' && kind !== 'other') error(['faults', i, 'target'], `"${fault.target}" is a ${kind}; this fault applies to services, gateways and load balancers${fault.kind === 'crash' ? ', queues, topics, streams and registries' : ''}`);
    }
  });

  (scenario.changes ?? []).forEach((change, i) => {
    if (change.kind === 'link') {
      const link = scenario.links.find((l) => linkId(l) === change.link);
      if (!link) error(['changes', i, 'link'], `no link has the id "${change.link}"`);
      else for (const field of change.sets) {
        const problem = deliveryPolicyProblem(kindOf.get(link.from), field);
        if (problem) error(['changes', i, 'set', field], problem);
      }
    } else if (change.kind === 'stream') {
      const kind = kindOf.get(change.target);
      if (kind === undefined) error(['changes', i, 'target'], `no node has the id "${change.target}"`);
      else if (kind !== 'stream' && kind !== 'other') error(['changes', i, 'target'], `"${change.target}" is a ${kind}, not a stream`);
      else if (change.group !== undefined) {
        const groups = [...new Set(scenario.links.filter((l) => l.from === change.target).map((l) => (typeof l.group === 'string' ? l.group : l.to)))];
        if (!groups.includes(change.group)) error(['changes', i, 'group'], `"${change.target}" has no consumer group "${change.group}" (${groups.length === 0 ? 'it has none' : `its groups: ${groups.join(', ')}`})`);
      }
    } else if (change.kind === 'service' || change.kind === 'client') {
      const kind = kindOf.get(change.target);
      if (kind === undefined) error(['changes', i, 'target'], `no node has the id "${change.target}"`);
      else if (kind !== change.kind && kind !== 'other') error(['changes', i, 'target'], `"${change.target}" is a ${kind}, not a ${change.kind}`);
      else if (change.kind === 'client') {
        const pattern = change.newPattern ?? patternAt(scenario, change.target, change.at, i);
        if (change.setsRate && pattern !== undefined && pattern !== 'poisson' && pattern !== 'constant') error(['changes', i, 'set', 'rate'], `only a constant or poisson client has a rate to change ("${change.target}" is ${pattern})`);
        if (change.newTarget !== undefined) needService(['changes', i, 'set', 'target'], change.target, change.newTarget, true);
      } else if (change.calls) {
        const plan = change.calls;
        plan.forEach((step, s) => callsOf(step).forEach((call, c) => {
          needService('parallel' in step ? ['changes', i, 'set', 'calls', s, 'parallel', c, 'to'] : ['changes', i, 'set', 'calls', s, 'to'], change.target, call.to, true);
        }));
      }
    }
  });

  checkReplicas({ ...scenario, changes: scenario.changes?.map((c) => (c.kind === 'service' ? { kind: c.kind, target: c.target, replicas: c.replicas } : { kind: c.kind })) }, error);

  for (const cycle of findCycles(callGraph)) {
    const index = scenario.nodes.findIndex((n) => n.id === cycle[0]);
    warn(['nodes', index, 'calls'], `calls go round in a circle (${[...cycle, cycle[0]].join(' → ')}): each waits for the next, which can exhaust every worker pool`);
  }
  return { errors, warnings };
}

/**
 * What is wrong with a link of `kind` from a node of kind `from` to one of kind `to` (undefined:
 * nothing, or an end is unknown and reported elsewhere). Queues take async links from producers
 * (clients, services, topics) and give async links to consumers (services); topics take async
 * links from producers and give them to queues (their subscriptions); streams take async links from
 * clients and services and give them to services (their consumers); everything else is sync.
 */
function linkKindProblem(from: string | undefined, to: string | undefined, kind: string): { field: string; message: string } | undefined {
  if (from === undefined || to === undefined || from === 'other' || to === 'other') return undefined;
  if (from === 'registry') return { field: 'from', message: 'a registry only answers: link services and callers to it, not from it' };
  const proxy = (k: string) => (k === 'gateway' ? 'a gateway' : 'a load balancer');
  if ((from === 'gateway' || from === 'loadBalancer') && to !== 'service' && to !== 'registry') return { field: 'to', message: `${proxy(from)} forwards to services, not to a ${to}` };
  if ((to === 'gateway' || to === 'loadBalancer') && from !== 'client' && from !== 'service') return { field: 'from', message: `${proxy(to)} takes requests from clients and services, not from a ${from}` };
  if (to === 'registry' && from !== 'client' && from !== 'service' && from !== 'gateway' && from !== 'loadBalancer') return { field: 'from', message: `a registry is used by services (to register) and callers (to look up), not by a ${from}` };
  if (from === 'queue' && to !== 'service') return { field: 'to', message: `a queue delivers to services (its consumers), not to a ${to}` };
  if (from === 'topic' && to !== 'queue') return { field: 'to', message: `a topic sends its copies to queues (its subscriptions), not to a ${to}` };
  if (to === 'topic' && from !== 'client' && from !== 'service') return { field: 'from', message: `a topic takes publishes from clients and services, not from a ${from}` };
  if (to === 'queue' && from === 'queue') return { field: 'to', message: 'a queue delivers to services (its consumers), not to a queue' };
  if (from === 'stream' && to !== 'service') return { field: 'to', message: `a stream delivers to services (its consumers), not to a ${to}` };
  if (to === 'stream' && from !== 'client' && from !== 'service') return { field: 'from', message: `a stream takes publishes from clients and services, not from a ${from}` };
  const broker = (k: string) => k === 'queue' || k === 'topic' || k === 'stream';
  const async = broker(from) || broker(to);
  if (async && kind !== 'async') return { field: 'kind', message: `a link ${broker(to) ? 'to' : 'from'} a ${broker(to) ? to : from} is async: set its kind to "async"` };
  if (!async && kind === 'async') return { field: 'kind', message: 'an async link goes to or from a queue, topic or stream; between these two use "sync"' };
  return undefined;
}

/**
 * The workload pattern of client `id` just before change `index` (due at `at`): its own, or that
 * of the latest change before it that gave it a new workload (in time order, then list order).
 */
function patternAt(scenario: ReferenceView, id: string, at: number, index: number): string | undefined {
  const node = scenario.nodes.find((n) => n.id === id);
  let pattern = node && node.kind === 'client' ? node.workload.pattern : undefined;
  let latest = -Infinity;
  (scenario.changes ?? []).forEach((c, j) => {
    if (c.kind !== 'client' || c.target !== id || c.newPattern === undefined || j === index) return;
    if ((c.at < at || (c.at === at && j < index)) && c.at >= latest) { latest = c.at; pattern = c.newPattern; }
  });
  return pattern;
}

/** Each elementary cycle found by a depth-first search, reported once (by its first node). */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'active');
    stack.push(id);
    for (const next of graph.get(id) ?? []) {
      const s = state.get(next);
      if (s === 'active') cycles.push(stack.slice(stack.indexOf(next)));
      else if (s === undefined && graph.has(next)) visit(next);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of graph.keys()) if (!state.has(id)) visit(id);
  return cycles;
}
