/**
 * The state of an event stream (features/stream/eventStream.ts) and how it is built from the scenario:
 * its partitions' logs, its messages, its consumer groups with their members, owners and committed
 * offsets, and its counts. Plain typed arrays that grow by doubling, like the queues' rings.
 */
import type { Scenario } from '../../../model/index.ts';
import { linkId } from '../../../model/index.ts';
import { MachineHost } from '../../core/machineHost.ts';
import type { RandomSource, RandomStream } from '../../core/random.ts';
import { SERVICE_MODE_NAMES, ServiceMode, serviceMachine } from '../../kernel/serviceMachine.ts';
import { Ev, Priority, SeenIds, type Runtime } from '../../kernel/runtime.ts';
import type { StreamGroup, StreamRuntime } from '../../kernel/streamRecords.ts';

/**
 * A delivery unanswered this long is sent again when its consumer link sets no timeout (Kafka's max.poll.interval: 5 min; 30 s keeps
 * lessons short).
 */
export const DEFAULT_DELIVERY_TIMEOUT = 30_000;

export type { StreamDelivery, StreamGroup, StreamRuntime } from '../../kernel/streamRecords.ts';

/** Stream `node` (at index `index`) as the engine runs it; its groups start with the members that are up now. */
export function buildStream(
  rt: Runtime,
  index: number,
  node: Extract<Scenario['nodes'][number], { kind: 'stream' }>,
  scenario: Scenario,
  random: RandomSource,
): StreamRuntime {
  const p = node.partitions;
  const groups: StreamGroup[] = [];
  const members = new Map<string, number[]>();
  scenario.links.forEach((l, i) => {
    if (l.from !== node.id) return;
    const name = l.group ?? l.to;
    if (!members.has(name)) members.set(name, []);
    (members.get(name) as number[]).push(i);
  });
  for (const [name, links] of members) {
    // One member per instance of each consumer (all it may ever have: those not deployed are not up).
    const each = links.flatMap((l) => Array.from(rt.instancesOf[rt.links[l].to] ?? [rt.links[l].to], (node) => ({ l, node })));
    groups.push({
      name,
      links: Int32Array.from(each, (m) => m.l),
      nodes: Int32Array.from(each, (m) => m.node),
      lanes: Int32Array.from(each, (m) => rt.timeouts.laneFor(scenario.links[m.l].timeout ?? DEFAULT_DELIVERY_TIMEOUT)),
      known: new Uint8Array(each.length),
      // A group's members should agree; the first that says decides.
      startLatest: links.map((l) => scenario.links[l].startFrom).find((s) => s !== undefined) === 'latest',
      owner: new Int32Array(p).fill(-1),
      committed: new Float64Array(p),
      inFlight: new Int32Array(p).fill(-1),
      origin: new Float64Array(p),
      started: false,
      rebalancing: false,
      rebalanceEnd: -1,
      tries: new Int32Array(64),
      effects: new Int32Array(64),
      lastOfKey: new Map(),
      seen: ((n) => (n === undefined ? undefined : new SeenIds(n)))(
        links.map((l) => scenario.links[l].dedupe).find((d) => d !== undefined),
      ),
    });
  }
  const keyCount = new Map<number, number>(),
    keyRng = new Map<number, RandomStream>(),
    spreadKeys = new Set<number>();
  scenario.links.forEach((l, i) => {
    if (l.to !== node.id || l.keys === undefined) return;
    keyCount.set(i, l.keys);
    keyRng.set(i, random.stream(`link:${linkId(l)}/keys`));
    if (l.partitionBy === 'roundRobin') spreadKeys.add(i);
  });
  const s: StreamRuntime = {
    node: index,
    id: node.id,
    partitions: p,
    retention: node.retention ?? Infinity,
    rebalancePause: node.rebalancePause,
    maxDeliveries: node.maxDeliveries ?? Infinity,
    accepting: false,
    mode: ServiceMode.STARTING,
    machine: new MachineHost(serviceMachine, { startupTime: 0 }, (delay, token) =>
      rt.schedule(rt.now + delay, Priority.CONTROL, Ev.MACHINE_TIMER, index, token),
    ),
    logs: Array.from({ length: p }, () => new Int32Array(16)),
    end: new Float64Array(p),
    start: new Float64Array(p),
    publish: new Int32Array(64),
    appendedAt: new Float64Array(64),
    partitionOf: new Int32Array(64),
    offsetOf: new Int32Array(64),
    keyOf: new Int32Array(64),
    idOf: new Int32Array(64),
    length: 0,
    expireNext: 0,
    expiryPending: false,
    keyCount,
    keyRng,
    spreadKeys,
    groups,
    deliveries: new Map(),
    published: 0,
    rejected: 0,
    delivered: 0,
    redelivered: 0,
    committedCount: 0,
    skipped: 0,
    expired: 0,
    expiredUnread: 0,
    effects: 0,
    duplicates: 0,
    outOfOrder: 0,
    deduplicated: 0,
    rebalances: 0,
    rewound: 0,
    skippedAhead: 0,
    inFlightCount: 0,
  };
  s.mode = SERVICE_MODE_NAMES.indexOf(s.machine.state as (typeof SERVICE_MODE_NAMES)[number]);
  s.accepting = s.mode === ServiceMode.HEALTHY;
  return s;
}

/** A copy of `a` twice as long (or longer, to hold index `need`). */
export function grown<T extends Int32Array | Float64Array>(a: T, need: number): T {
  let n = a.length * 2;
  while (n <= need) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}
