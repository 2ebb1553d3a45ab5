/**
 * The shape of a run as a replay needs it: which node index is which id and kind, and which
 * link joins which nodes. Small, plain and serialisable, so a worker can send it with the trace.
 */
import { linkId, type Scenario } from '../../model/index.ts';
import type { Simulation } from '../simulation.ts';

/** A circuit breaker's settings as the scenario gives them. */
export type TopologyBreaker = NonNullable<Scenario['links'][number]['breaker']>;
/** An inbound rate limiter's settings (rate per second, burst). */
export type TopologyRateLimit = { readonly rate: number; readonly burst: number };

/** What one fault does to one link (see replay/linkFaults.ts). */
export interface TopologyLinkFault {
  readonly link: number;
  readonly cutForward: boolean;
  readonly cutBackward: boolean;
  /** ms */
  readonly addedLatency: number;
  readonly lossRate: number;
}

export interface RunTopology {
  /**
   * The engine's nodes by index: the scenario's, then the further instances of services with
   * replicas ("api#2", "api#3", …; the first instance is the service's own index).
   */
  readonly nodeIds: readonly string[];
  readonly nodeKinds: readonly Scenario['nodes'][number]['kind'][];
  /** Worker-pool size per node (0 for clients). */
  readonly workers: readonly number[];
  readonly linkIds: readonly string[];
  readonly linkFrom: readonly number[];
  readonly linkTo: readonly number[];
  /** Each node's mode before the first event (services without a startup time begin healthy). */
  readonly initialModes: readonly number[];
  /** Per link: its circuit breaker at the start (null: none), and its bulkhead's places (0: none). */
  readonly breakers?: readonly (TopologyBreaker | null)[];
  readonly initialBulkheads?: readonly number[];
  /**
   * Per change (by its index, as CHANGE rows give it): the guards a link change sets, a new
   * breaker (null: none) or a bulkhead's places from then on (0: none); null for other changes.
   */
  readonly guardChanges?: readonly ({ readonly breaker?: TopologyBreaker | null; readonly bulkhead?: number } | null)[];
  /**
   * Per node: its inbound rate limiter at the start (null: none); per change index, the one a service change sets (null: none from then;
   * absent: unchanged).
   */
  readonly rateLimits?: readonly (TopologyRateLimit | null)[];
  readonly rateLimitChanges?: readonly (TopologyRateLimit | null | undefined)[];
  /** Per node: a gateway's per-client rate limit (null: none, or not a gateway); no change sets it. */
  readonly gatewayLimits?: readonly (TopologyRateLimit | null)[];
  /**
   * Per node: a stream's partitions and its consumer groups (in the engine's order): their names,
   * whether each starts at the latest message, and whether it had a live member from the start.
   */
  readonly streams?: readonly (
    | {
        readonly partitions: number;
        readonly groups: readonly string[];
        readonly latest: readonly boolean[];
        readonly startsAtOnce: readonly boolean[];
      }
    | undefined
  )[];
  /** Per link: the index of its consumer group in its stream's `groups` (−1: not a stream's link). */
  readonly linkGroups?: readonly number[];
  /** Per link: whether its keyed publishes to a stream go round robin (partitionBy: roundRobin) rather than to their key's partition. */
  readonly spreadLinks?: readonly boolean[];
  /** Per engine node: the scenario node it is an instance of (itself for a scenario node), and which instance (1, 2, …). */
  readonly instanceOf?: readonly number[];
  readonly instanceNumber?: readonly number[];
  /** Per fault (by its index, as FAULT_START rows give it): what it does to which links; null for a fault on a node. */
  readonly linkFaults?: readonly (readonly TopologyLinkFault[] | null)[];
}

/** The topology of a simulation (not yet run), in the engine's index order. */
export function topologyOf(simulation: Simulation): RunTopology {
  const scenario = simulation.scenario;
  const index = new Map(scenario.nodes.map((n, i) => [n.id, i]));
  const rt = simulation.rt;
  // Every engine node: the scenario's, then further instances (the scenario node each belongs to).
  const owner = rt.nodeIds.map((_, i) => rt.services[i]?.primary ?? i);
  const node = (i: number) => scenario.nodes[owner[i]];
  return {
    nodeIds: [...rt.nodeIds],
    nodeKinds: owner.map((_, i) => node(i).kind),
    workers: owner.map((_, i) => {
      const n = node(i);
      return n.kind === 'service' || n.kind === 'gateway' || n.kind === 'loadBalancer' ? n.workers : 0;
    }),
    instanceOf: owner,
    instanceNumber: owner.map((_, i) => rt.services[i]?.instance ?? 1),
    linkIds: scenario.links.map((l) => linkId(l)),
    linkFrom: scenario.links.map((l) => index.get(l.from) as number),
    linkTo: scenario.links.map((l) => index.get(l.to) as number),
    initialModes: owner.map(
      (_, i) => rt.services[i]?.mode ?? rt.queues[i]?.mode ?? rt.topics[i]?.mode ?? rt.streams[i]?.mode ?? rt.registries[i]?.mode ?? 0,
    ),
    breakers: scenario.links.map((l) => l.breaker ?? null),
    initialBulkheads: scenario.links.map((l) => l.bulkhead?.maxConcurrent ?? 0),
    guardChanges: scenario.changes.map((c) => {
      if (c.kind !== 'link' || (c.set.breaker === undefined && c.set.bulkhead === undefined)) return null;
      return {
        ...(c.set.breaker !== undefined && { breaker: c.set.breaker }),
        ...(c.set.bulkhead !== undefined && { bulkhead: c.set.bulkhead?.maxConcurrent ?? 0 }),
      };
    }),
    rateLimits: owner.map((_, i) => {
      const n = node(i);
      return n.kind === 'service' ? (n.rateLimit ?? null) : null;
    }),
    gatewayLimits: owner.map((_, i) => {
      const n = node(i);
      return n.kind === 'gateway' ? (n.rateLimit ?? null) : null;
    }),
    rateLimitChanges: scenario.changes.map((c) => (c.kind === 'service' ? c.set.rateLimit : undefined)),
    linkFaults: linkFaultsOf(scenario),
    ...streamsOf(simulation),
  };
}

/**
 * What each fault does to the links, as the engine applies it (faults/faults.ts): latency and loss
 * hit their link; a partition cuts every link between its two nodes, requests (from → to) and
 * replies (to → from) as its direction says.
 */
function linkFaultsOf(scenario: Scenario): (TopologyLinkFault[] | null)[] {
  const none = { cutForward: false, cutBackward: false, addedLatency: 0, lossRate: 0 };
  const ids = scenario.links.map((l) => linkId(l));
  return scenario.faults.map((f) => {
    if (f.kind === 'latency') return [{ ...none, link: ids.indexOf(f.link), addedLatency: f.add }];
    if (f.kind === 'loss') return [{ ...none, link: ids.indexOf(f.link), lossRate: f.rate }];
    if (f.kind !== 'partition') return null;
    const [a, b] = f.between;
    const cut: TopologyLinkFault[] = [];
    scenario.links.forEach((l, link) => {
      if (a === l.from && b === l.to) cut.push({ ...none, link, cutForward: true, cutBackward: !f.oneWay });
      else if (a === l.to && b === l.from) cut.push({ ...none, link, cutForward: !f.oneWay, cutBackward: true });
    });
    return cut;
  });
}

/** Streams' partitions and groups, as features/stream/streamState.ts orders groups: by their first link from the stream. */
function streamsOf(simulation: Simulation): Pick<RunTopology, 'streams' | 'linkGroups' | 'spreadLinks'> {
  const scenario = simulation.scenario;
  const index = new Map(scenario.nodes.map((n, i) => [n.id, i]));
  const linkGroups = scenario.links.map(() => -1);
  const streams = scenario.nodes.map((n) => {
    if (n.kind !== 'stream') return undefined;
    const groups: string[] = [],
      latest: boolean[] = [],
      startsAtOnce: boolean[] = [];
    scenario.links.forEach((l, i) => {
      if (l.from !== n.id) return;
      const name = l.group ?? l.to;
      if (!groups.includes(name)) {
        groups.push(name);
        latest.push(false);
        startsAtOnce.push(false);
      }
      const g = groups.indexOf(name);
      linkGroups[i] = g;
      // The first member that says decides, as the engine has it.
      if (
        l.startFrom !== undefined &&
        !scenario.links.slice(0, i).some((k) => k.from === n.id && (k.group ?? k.to) === name && k.startFrom !== undefined)
      )
        latest[g] = l.startFrom === 'latest';
      const to = index.get(l.to) as number;
      // Any instance of it up (a replicated consumer's instances are members each).
      if (Array.from(simulation.rt.instancesOf[to] ?? [to]).some((n) => simulation.rt.services[n]?.accepting === true))
        startsAtOnce[g] = true;
    });
    return { partitions: n.partitions, groups, latest, startsAtOnce };
  });
  // The engine's own set of such links (features/stream/streamState.ts), not a second reading of the scenario.
  const spreadLinks = scenario.links.map((l, i) => simulation.rt.streams[index.get(l.to) as number]?.spreadKeys.has(i) === true);
  return { streams, linkGroups, spreadLinks };
}
