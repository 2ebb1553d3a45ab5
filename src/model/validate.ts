/**
 * The one way into a scenario from outside (file, share link, script, CLI): migrate, parse with
 * the schema, then check what a schema cannot (references between ids, cycles). Every problem is
 * reported at once, each with its path and a plain sentence.
 */
import { checkReplicas } from './replicaChecks.ts';
import { checkGateways } from './gatewayChecks.ts';
import { ScenarioSchema, callsOf, linkId, type Scenario } from './scenario.ts';
import { migrate } from './migrate.ts';
import { formatPath, problemsFromIssues, type Problem } from './problems.ts';
import { CALL_POLICY_FIELDS, looseChanges, looseView, type ReferenceView } from './looseView.ts';
import { findCycles } from './callCycles.ts';
import { ProblemList, problemKind, type ProblemTally } from './problemCounts.ts';

/**
 * Every problem and warning is found; past `MAX_KEPT_PROBLEMS` of either, the rest are counted
 * by kind in `omittedProblems` / `omittedWarnings` rather than kept (see problemCounts.ts).
 */
export type ValidationResult =
  | {
      readonly ok: true;
      readonly scenario: Scenario;
      readonly warnings: readonly Problem[];
      readonly omittedWarnings?: readonly ProblemTally[];
    }
  | {
      readonly ok: false;
      readonly problems: readonly Problem[];
      readonly warnings: readonly Problem[];
      readonly omittedProblems?: readonly ProblemTally[];
      readonly omittedWarnings?: readonly ProblemTally[];
    };

/** Validates a parsed JSON value as a scenario document (any supported version). */
export function validateScenario(input: unknown): ValidationResult {
  const migrated = migrate(input);
  if (!migrated.ok) return { ok: false, problems: [{ path: migrated.path, message: migrated.message, severity: 'error' }], warnings: [] };
  const parsed = ScenarioSchema.safeParse(migrated.document);
  const errors = new ProblemList();
  const warnings = new ProblemList();
  // Shape problems first; a reference problem at a path whose shape is already wrong is left out.
  const shapeProblems = parsed.success ? [] : problemsFromIssues(parsed.error.issues, migrated.document);
  for (const p of shapeProblems) errors.add(p.path, p.message, p.severity);
  // References are checked even when the shape is wrong somewhere, so every problem shows at once.
  checkReferences(
    parsed.success ? { ...parsed.data, changes: looseChanges(parsed.data.changes) } : looseView(migrated.document),
    errors,
    warnings,
    new Set(shapeProblems.map((p) => p.path)),
  );
  const omittedWarnings = warnings.omitted();
  if (errors.total === 0 && parsed.success)
    return { ok: true, scenario: parsed.data, warnings: warnings.kept, ...(omittedWarnings && { omittedWarnings }) };
  const omittedProblems = errors.omitted();
  return {
    ok: false,
    problems: errors.kept,
    warnings: warnings.kept,
    ...(omittedProblems && { omittedProblems }),
    ...(omittedWarnings && { omittedWarnings }),
  };
}

/**
 * Parses JSON text, after a UTF-8 byte-order mark if it starts with one (as files saved by
 * common Windows editors do; JSON.parse refuses it as an invisible "unexpected token").
 */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/** Parses JSON text and validates it; a syntax error becomes a problem, not an exception. */
export function validateScenarioText(text: string): ValidationResult {
  const json = parseJsonText(text);
  if (!json.ok)
    return { ok: false, problems: [{ path: '', message: `is not valid JSON (${json.message})`, severity: 'error' }], warnings: [] };
  return validateScenario(json.value);
}

/** Like `validateScenario` but throws one readable error; for tests and trusted examples. */
export function parseScenario(input: unknown): Scenario {
  const result = validateScenario(input);
  if (!result.ok) throw new Error(`Invalid scenario:\n${result.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  return result.scenario;
}

/**
 * Why a call policy on a link from a broker of kind `fromKind` would do nothing, if it would: a
 * queue's deliveries are governed by its visibility timeout and max deliveries, a stream's by the
 * stream itself, which sends a failed delivery again (only the link's timeout bounds each one).
 */
function deliveryPolicyProblem(fromKind: string | undefined, field: string): string | undefined {
  if (fromKind === 'queue')
    return `a queue's deliveries are bounded by its visibility timeout and sent again up to its max deliveries; a ${field} on its link to a consumer does nothing: leave it out`;
  if (fromKind === 'stream' && field !== 'timeout')
    return `a stream sends a failed delivery again itself (until its max deliveries), and only the link's timeout bounds a delivery; a ${field} here does nothing: leave it out`;
  return undefined;
}

/** Cross-reference checks (ids, links for every call, cycles), into `errors` (except at the paths in `skip`) and `warnings`. */
export function checkReferences(
  scenario: ReferenceView,
  errors: ProblemList,
  warnings: ProblemList,
  skip: ReadonlySet<string> = new Set(),
): void {
  const error = (path: PropertyKey[], message: string, kind?: string) => {
    // On a flood, a problem past those kept in full is only counted: its path is not worth writing out.
    if (kind !== undefined && skip.size === 0 && errors.full) {
      errors.count(kind);
      return;
    }
    const at = formatPath(path);
    if (!skip.has(at)) errors.add(at, message, 'error', kind);
  };
  const warn = (path: PropertyKey[], message: string) => warnings.add(formatPath(path), message, 'warning');

  // Every lookup below goes through maps built once, so the checks take time in proportion to the document.
  const kindOf = new Map<string, string>();
  const nodeIndex = new Map<string, number>();
  // Where each id is first used: a node's index, or the node count plus a link's index (a number: a string per link costs on a huge file).
  const firstUse = new Map<string, number>();
  const usedBy = (at: number) => (at < scenario.nodes.length ? `nodes[${at}]` : `links[${at - scenario.nodes.length}]`);
  scenario.nodes.forEach((node, i) => {
    if (node.id === '') return;
    const earlier = firstUse.get(node.id);
    if (earlier !== undefined) error(['nodes', i, 'id'], `"${node.id}" is already used by ${usedBy(earlier)}`);
    else {
      firstUse.set(node.id, i);
      kindOf.set(node.id, node.kind);
      nodeIndex.set(node.id, i);
    }
  });

  type ViewLink = ReferenceView['links'][number];
  /** The first link from each node to each other, by `pairKey`. */
  const linkBetween = new Map<string, number>();
  // A pair's key is "FROM->TO", the id a link without its own has, so one string serves both maps
  // (a huge file pays for each new string key twice over: building it, then hashing it). That
  // key names one pair only while no link's end has a ">" in its id; otherwise a separator no id can hold.
  const arrowFree = scenario.links.every((l) => !l.from.includes('>') && !l.to.includes('>'));
  const pairKey = (from: string, to: string) => (arrowFree ? `${from}->${to}` : `${from}\u0000${to}`);
  const add = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  /** Every link from each queue, topic and stream, in order (their consumers and subscriptions). */
  const outgoing = new Map<string, ViewLink[]>();
  for (const link of scenario.links) {
    const kind = kindOf.get(link.from);
    if (kind === 'queue' || kind === 'topic' || kind === 'stream') add(outgoing, link.from, link);
  }
  const lazy = <V>(build: () => V) => {
    let value: V | undefined;
    return () => (value ??= build());
  };
  /** The first link with each id (built when a fault or change first names a link). */
  const linkById = lazy(() => {
    const map = new Map<string, ViewLink>();
    for (const link of scenario.links) if (!map.has(linkId(link))) map.set(linkId(link), link);
    return map;
  });
  /** The nodes with a link to each node, each once (built when an event-only publish is first checked). */
  const incoming = lazy(() => {
    const map = new Map<string, string[]>();
    scenario.links.forEach((link, i) => {
      if (linkBetween.get(pairKey(link.from, link.to)) === i) add(map, link.to, link.from);
    });
    return map;
  });
  const memo = <V>(compute: (id: string) => V) => {
    const known = new Map<string, V>();
    return (id: string): V => {
      let v = known.get(id);
      if (v === undefined) {
        v = compute(id);
        known.set(id, v);
      }
      return v;
    };
  };
  /** The consumers of a queue or stream, or of every queue a topic copies to: each once, as a list and a set. */
  const consumersOf = memo((broker: string) => {
    const queues = kindOf.get(broker) === 'topic' ? (outgoing.get(broker) ?? []).map((l) => l.to) : [broker];
    const set = new Set(queues.flatMap((q) => (outgoing.get(q) ?? []).map((l) => l.to)));
    return { list: [...set], set };
  });
  /**
   * The consumers of `broker` with no link to `publisher`: how many, and the first few. Counted
   * from the smaller side (the consumers, or the nodes linked to the publisher), so that many
   * publishers to one broker with many consumers do not cost publishers × consumers.
   */
  const consumersWithoutLink = (broker: string, publisher: string) => {
    const consumers = consumersOf(broker);
    const callers = incoming().get(publisher) ?? [];
    let linked = 0;
    if (consumers.list.length <= callers.length)
      for (const c of consumers.list) {
        if (linkBetween.has(pairKey(c, publisher))) linked++;
      }
    else
      for (const c of callers) {
        if (consumers.set.has(c)) linked++;
      }
    const count = consumers.list.length - linked;
    // At most `linked` consumers are passed over before the first three without a link are found.
    const names: string[] = [];
    for (let k = 0; names.length < Math.min(count, 3); k++)
      if (!linkBetween.has(pairKey(consumers.list[k], publisher))) names.push(consumers.list[k]);
    return { count, names };
  };
  /** A stream's consumer groups: each consumer link's group, or the consumer's id for a link without one. */
  const groupsOf = memo(
    (stream: string) => new Set((outgoing.get(stream) ?? []).map((l) => (typeof l.group === 'string' ? l.group : l.to))),
  );
  const patternAt = patternLookup(scenario);
  /** Fallback services, checked once every link is known. */
  const fallbacks: { path: PropertyKey[]; from: string; to: string }[] = [];
  scenario.links.forEach((link, i) => {
    const id = linkId(link);
    const earlier = firstUse.get(id);
    if (earlier !== undefined) error(['links', i, link.id === undefined ? 'to' : 'id'], `"${id}" is already used by ${usedBy(earlier)}`);
    else firstUse.set(id, scenario.nodes.length + i);
    for (const end of ['from', 'to'] as const) {
      if (link[end] !== '' && !kindOf.has(link[end])) error(['links', i, end], `no node has the id "${link[end]}"`, NO_SUCH_NODE);
    }
    if (link.fallback?.kind === 'service' && link.fallback.to !== undefined)
      fallbacks.push({ path: ['links', i, 'fallback', 'to'], from: link.from, to: link.fallback.to });
    if (link.from === link.to) error(['links', i, 'to'], 'a link must join two different nodes');
    const pair = arrowFree && link.id === undefined ? id : pairKey(link.from, link.to);
    if (linkBetween.has(pair))
      error(['links', i], `there is already a link from "${link.from}" to "${link.to}" (links[${linkBetween.get(pair)}])`);
    else linkBetween.set(pair, i);
    const problem = linkKindProblem(kindOf.get(link.from), kindOf.get(link.to), link.kind ?? 'sync');
    if (problem) error(['links', i, problem.field], problem.message);
    else if (
      link.polling !== undefined &&
      kindOf.has(link.to) &&
      kindOf.has(link.from) &&
      (kindOf.get(link.to) !== 'service' || !['client', 'service'].includes(kindOf.get(link.from) as string))
    ) {
      error(['links', i, 'polling'], 'polling is for a client or service calling a service; a broker already answers at once');
    } else if (link.polling !== undefined && (link as { breaker?: unknown }).breaker !== undefined)
      error(['links', i, 'polling'], 'polling does not combine with a circuit breaker yet');
  });
  scenario.links.forEach((link, i) => {
    for (const field of CALL_POLICY_FIELDS) {
      const problem = link[field] === undefined ? undefined : deliveryPolicyProblem(kindOf.get(link.from), field);
      if (problem) error(['links', i, field], problem);
    }
    if (link.connections !== undefined && (link.protocol === 'grpc' || link.protocol === 'websocket'))
      error(
        ['links', i, 'connections'],
        `a connection pool is HTTP/1.1's: ${link.protocol === 'grpc' ? 'gRPC multiplexes its calls over one HTTP/2 connection' : 'a WebSocket is one long-lived connection'} (set the protocol to http, or leave connections out)`,
      );
    if (link.dedupe !== undefined && kindOf.has(link.from) && kindOf.get(link.from) !== 'queue' && kindOf.get(link.from) !== 'stream')
      error(['links', i, 'dedupe'], `dedupe makes a queue's or stream's consumer idempotent; "${link.from}" is a ${kindOf.get(link.from)}`);
    const stream = link.stream as { messages?: unknown } | undefined;
    if (stream !== undefined && link.protocol !== 'grpc' && link.protocol !== 'websocket')
      error(['links', i, 'stream'], 'streaming answers need grpc (server streaming) or websocket (pushes); HTTP/1.1 answers once');
    else if (stream !== undefined && stream.messages === undefined && link.protocol === 'grpc')
      error(['links', i, 'stream', 'messages'], "a gRPC server stream ends: say how many messages (pushes without end are a websocket's)");
    // Stream settings belong to the links that use them: keys to a stream, a group and a start from one.
    if (link.keys !== undefined && kindOf.has(link.to) && kindOf.get(link.to) !== 'stream' && kindOf.get(link.to) !== 'service')
      error(
        ['links', i, 'keys'],
        `keys choose a stream's partition (or, with consistent hashing, a service's instance); "${link.to}" is a ${kindOf.get(link.to)}`,
      );
    if (link.partitionBy !== undefined && kindOf.has(link.to) && kindOf.get(link.to) !== 'stream')
      error(['links', i, 'partitionBy'], `partitionBy chooses a stream's partition; "${link.to}" is a ${kindOf.get(link.to)}`);
    else if (link.partitionBy === 'key' && link.keys === undefined)
      error(
        ['links', i, 'partitionBy'],
        'partitioning needs keys: set keys (how many different keys the messages carry), or leave partitionBy out to spread them round robin',
      );
    for (const field of ['group', 'startFrom'] as const) {
      if (link[field] !== undefined && kindOf.has(link.from) && kindOf.get(link.from) !== 'stream')
        error(['links', i, field], `${field} is for a stream's consumer; "${link.from}" is a ${kindOf.get(link.from)}`);
    }
    if (link.content !== 'event' || !kindOf.has(link.from) || !kindOf.has(link.to)) return;
    const path = ['links', i, 'content'];
    if (kindOf.get(link.from) !== 'service') {
      error(path, `an event-only publish needs a publisher its consumers can call back; "${link.from}" is a ${kindOf.get(link.from)}`);
      return;
    }
    const missing = consumersWithoutLink(link.to, link.from);
    if (missing.count > 0) {
      const named =
        missing.count > missing.names.length
          ? `${missing.names.map((c) => `"${c}"`).join(', ')} and ${(missing.count - missing.names.length).toLocaleString('en')} more`
          : listed(missing.names);
      error(
        path,
        `${missing.count === 1 ? 'consumer' : 'consumers'} ${named} ${missing.count === 1 ? 'has' : 'have'} no link to "${link.from}" to fetch what an event-only publish leaves out; connect them`,
      );
    }
  });
  for (const [id, kind] of kindOf) {
    const at = ['nodes', nodeIndex.get(id) as number];
    if (outgoing.has(id)) continue;
    if (kind === 'queue') warn(at, `nothing consumes from "${id}": its messages pile up (link it to a service)`);
    if (kind === 'topic') warn(at, `no queue subscribes to "${id}": what is published to it goes nowhere (link it to a queue)`);
    if (kind === 'stream') warn(at, `no consumer reads "${id}": its logs only grow (link it to a service)`);
  }

  /** A call's target: a service, or (with `publish`) a queue to publish to. */
  const needService = (path: PropertyKey[], from: string, to: string, publish = false) => {
    const kind = kindOf.get(to);
    // '' and 'other' come from parts whose own shape is already reported as wrong.
    if (to === '' || kind === 'other') return;
    if (kind === undefined) error(path, `no node has the id "${to}"`);
    else if (from === to) error(path, `a service cannot call itself ("${to}")`);
    else if (
      kind !== 'service' &&
      kind !== 'gateway' &&
      kind !== 'loadBalancer' &&
      !(publish && (kind === 'queue' || kind === 'topic' || kind === 'stream'))
    )
      error(
        path,
        `"${to}" is a ${kind}; only services, gateways and load balancers can be called${publish ? ' or queues, topics and streams published to' : ''}`,
      );
    else if (!linkBetween.has(pairKey(from, to))) error(path, `there is no link from "${from}" to "${to}"; connect them first`);
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
        if (call.path !== undefined && kindOf.has(call.to) && kindOf.get(call.to) !== 'gateway')
          error([...path, 'path'], `path is for a gateway to route by; "${call.to}" is a ${kindOf.get(call.to)}`);
        if (call.fallback?.kind === 'service') needService([...path, 'fallback', 'to'], node.id, call.fallback.to);
        // A publish does not wait for the consumers: it cannot close a circle of waiting.
        if (kindOf.get(call.to) === 'service' || kindOf.get(call.to) === 'gateway' || kindOf.get(call.to) === 'loadBalancer')
          targets.push(call.to);
      });
    });
    callGraph.set(node.id, targets);
  });

  for (const f of fallbacks) needService(f.path, f.from, f.to);
  const linked = (from: string, to: string) => linkBetween.has(pairKey(from, to));
  for (const [id, targets] of checkGateways(scenario, error, linked)) callGraph.set(id, targets);

  scenario.faults.forEach((fault, i) => {
    if (fault.kind === 'latency' || fault.kind === 'loss') {
      if (!linkById().has(fault.link)) error(['faults', i, 'link'], `no link has the id "${fault.link}"`);
    } else if (fault.kind === 'partition') {
      fault.between.forEach((id, k) => {
        if (!kindOf.has(id)) error(['faults', i, 'between', k], `no node has the id "${id}"`);
      });
      if (fault.between[0] === fault.between[1]) error(['faults', i, 'between'], 'must name two different nodes');
    } else if ('target' in fault) {
      const kind = kindOf.get(fault.target);
      if (kind === undefined) error(['faults', i, 'target'], `no node has the id "${fault.target}"`);
      else if ((kind === 'queue' || kind === 'topic' || kind === 'stream' || kind === 'registry') && fault.kind === 'crash') {
        /* a broker's or registry's outage */
      } else if (kind !== 'service' && kind !== 'gateway' && kind !== 'loadBalancer' && kind !== 'other')
        error(
          ['faults', i, 'target'],
          `"${fault.target}" is a ${kind}; this fault applies to services, gateways and load balancers${fault.kind === 'crash' ? ', queues, topics, streams and registries' : ''}`,
        );
    }
  });

  (scenario.changes ?? []).forEach((change, i) => {
    if (change.kind === 'link') {
      const link = linkById().get(change.link);
      if (!link) error(['changes', i, 'link'], `no link has the id "${change.link}"`);
      else
        for (const field of change.sets) {
          const problem = deliveryPolicyProblem(kindOf.get(link.from), field);
          if (problem) error(['changes', i, 'set', field], problem);
        }
    } else if (change.kind === 'stream') {
      const kind = kindOf.get(change.target);
      if (kind === undefined) error(['changes', i, 'target'], `no node has the id "${change.target}"`);
      else if (kind !== 'stream' && kind !== 'other') error(['changes', i, 'target'], `"${change.target}" is a ${kind}, not a stream`);
      else if (change.group !== undefined) {
        const groups = groupsOf(change.target);
        if (!groups.has(change.group))
          error(
            ['changes', i, 'group'],
            `"${change.target}" has no consumer group "${change.group}" (${groups.size === 0 ? 'it has none' : `its groups: ${[...groups].join(', ')}`})`,
          );
      }
    } else if (change.kind === 'service' || change.kind === 'client') {
      const kind = kindOf.get(change.target);
      if (kind === undefined) error(['changes', i, 'target'], `no node has the id "${change.target}"`);
      else if (kind !== change.kind && kind !== 'other')
        error(['changes', i, 'target'], `"${change.target}" is a ${kind}, not a ${change.kind}`);
      else if (change.kind === 'client') {
        const pattern = change.newPattern ?? patternAt(change.target, change.at, i);
        if (change.setsRate && pattern !== undefined && pattern !== 'poisson' && pattern !== 'constant')
          error(['changes', i, 'set', 'rate'], `only a constant or poisson client has a rate to change ("${change.target}" is ${pattern})`);
        if (change.newTarget !== undefined) needService(['changes', i, 'set', 'target'], change.target, change.newTarget, true);
      } else if (change.calls) {
        const plan = change.calls;
        plan.forEach((step, s) =>
          callsOf(step).forEach((call, c) => {
            needService(
              'parallel' in step ? ['changes', i, 'set', 'calls', s, 'parallel', c, 'to'] : ['changes', i, 'set', 'calls', s, 'to'],
              change.target,
              call.to,
              true,
            );
          }),
        );
      }
    }
  });

  checkReplicas(
    {
      ...scenario,
      changes: scenario.changes?.map((c) =>
        c.kind === 'service' ? { kind: c.kind, target: c.target, replicas: c.replicas } : { kind: c.kind },
      ),
    },
    error,
    linked,
  );

  for (const cycle of findCycles(callGraph)) {
    warn(
      ['nodes', nodeIndex.get(cycle.first) as number, 'calls'],
      `calls go round in a circle (${cycle.text}): each waits for the next, which can exhaust every worker pool`,
    );
  }
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
  if ((from === 'gateway' || from === 'loadBalancer') && to !== 'service' && to !== 'registry')
    return { field: 'to', message: `${proxy(from)} forwards to services, not to a ${to}` };
  if ((to === 'gateway' || to === 'loadBalancer') && from !== 'client' && from !== 'service')
    return { field: 'from', message: `${proxy(to)} takes requests from clients and services, not from a ${from}` };
  if (to === 'registry' && from !== 'client' && from !== 'service' && from !== 'gateway' && from !== 'loadBalancer')
    return { field: 'from', message: `a registry is used by services (to register) and callers (to look up), not by a ${from}` };
  if (from === 'queue' && to !== 'service') return { field: 'to', message: `a queue delivers to services (its consumers), not to a ${to}` };
  if (from === 'topic' && to !== 'queue')
    return { field: 'to', message: `a topic sends its copies to queues (its subscriptions), not to a ${to}` };
  if (to === 'topic' && from !== 'client' && from !== 'service')
    return { field: 'from', message: `a topic takes publishes from clients and services, not from a ${from}` };
  if (to === 'queue' && from === 'queue') return { field: 'to', message: 'a queue delivers to services (its consumers), not to a queue' };
  if (from === 'stream' && to !== 'service')
    return { field: 'to', message: `a stream delivers to services (its consumers), not to a ${to}` };
  if (to === 'stream' && from !== 'client' && from !== 'service')
    return { field: 'from', message: `a stream takes publishes from clients and services, not from a ${from}` };
  const broker = (k: string) => k === 'queue' || k === 'topic' || k === 'stream';
  const async = broker(from) || broker(to);
  if (async && kind !== 'async')
    return { field: 'kind', message: `a link ${broker(to) ? 'to' : 'from'} a ${broker(to) ? to : from} is async: set its kind to "async"` };
  if (!async && kind === 'async')
    return { field: 'kind', message: 'an async link goes to or from a queue, topic or stream; between these two use "sync"' };
  return undefined;
}

/** The kind of `no node has the id "…"`: the commonest problem of a broken file, given to the problem list with it. */
const NO_SUCH_NODE = problemKind('no node has the id "x"');

/** `a`, `a and b`, `a, b and c` (each quoted). */
function listed(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/**
 * For a client `id` and its change `index` (due at `at`): the client's workload pattern just
 * before that change, its own or that of the latest change before it that gave it a new
 * workload (in time order, then list order). Each client's workload changes are sorted once,
 * and each question is a binary search among them.
 */
function patternLookup(scenario: ReferenceView): (id: string, at: number, index: number) => string | undefined {
  const own = new Map<string, string | undefined>();
  for (const node of scenario.nodes) if (!own.has(node.id)) own.set(node.id, node.kind === 'client' ? node.workload.pattern : undefined);
  const changes = new Map<string, { at: number; index: number; pattern: string }[]>();
  (scenario.changes ?? []).forEach((c, index) => {
    if (c.kind !== 'client' || c.newPattern === undefined) return;
    const list = changes.get(c.target) ?? [];
    list.push({ at: c.at, index, pattern: c.newPattern });
    changes.set(c.target, list);
  });
  for (const list of changes.values()) list.sort((a, b) => a.at - b.at || a.index - b.index);
  return (id, at, index) => {
    const list = changes.get(id) ?? [];
    // How many of the client's changes come before (at, index).
    let lo = 0,
      hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].at < at || (list[mid].at === at && list[mid].index < index)) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? list[lo - 1].pattern : own.get(id);
  };
}
