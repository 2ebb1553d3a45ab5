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

/** A delivery unanswered this long is sent again when its consumer link sets no timeout (Kafka's max.poll.interval: 5 min; 30 s keeps lessons short). */
export const DEFAULT_DELIVERY_TIMEOUT = 30_000;

/** One consumer group of a stream: its members (links from the stream) and where it stands in each partition. */
export interface StreamGroup {
  readonly name: string;
  /**
   * Its members, in link order and each consumer's instances in order (the order partitions are
   * assigned in): every instance of a replicated consumer is a member of its own, as each runs a
   * Kafka consumer of the group. Per member: its link, its instance's node, its deliveries' timeout lane.
   */
  readonly links: Int32Array;
  readonly nodes: Int32Array;
  readonly lanes: Int32Array;
  /** Per member: whether it was up when the group last looked (a change starts a rebalance). */
  readonly known: Uint8Array;
  readonly startLatest: boolean;
  /** Per partition: the owning member (−1: none), the committed offset, the delivery in flight (−1: none). */
  readonly owner: Int32Array;
  readonly committed: Float64Array;
  readonly inFlight: Int32Array;
  /** Per partition: the offset the group started reading at (what came before is not its to read). */
  readonly origin: Float64Array;
  /** Whether it has had a live member yet (its offsets start then, at the earliest or latest message). */
  started: boolean;
  rebalancing: boolean;
  /** When the rebalance in progress ends (an earlier timer of a restarted rebalance is stale). */
  rebalanceEnd: number;
  /** Per message (stream sequence number): deliveries to this group, and successful processings. */
  tries: Int32Array;
  effects: Int32Array;
  /** Per key (of keyed messages): the latest message (sequence number) of that key the group processed. */
  readonly lastOfKey: Map<number, number>;
  /** An idempotent group (`dedupe` on a member's link): the ids of the messages it processed last, shared by its members. */
  readonly seen: SeenIds | undefined;
}

/** What is known of one delivery call (kept after it ends: a late reply still belongs to it). */
export interface StreamDelivery {
  readonly group: number;
  readonly partition: number;
  readonly offset: number;
  readonly seq: number;
  /** False once its partition was revoked in a rebalance: its outcome no longer counts. */
  live: boolean;
}

export interface StreamRuntime {
  readonly node: number;
  readonly id: string;
  readonly partitions: number;
  /** Retention, ms (Infinity: none), the rebalance pause, and deliveries before a group skips a message. */
  readonly retention: number;
  readonly rebalancePause: number;
  readonly maxDeliveries: number;
  accepting: boolean;
  mode: number;
  machine: MachineHost;
  /** Per partition: its log (message sequence numbers by offset), its length (the end offset) and its first retained offset. */
  readonly logs: Int32Array[];
  readonly end: Float64Array;
  readonly start: Float64Array;
  /** Per message, by sequence number: the publish call, when it was appended, its partition and offset. */
  publish: Int32Array;
  appendedAt: Float64Array;
  partitionOf: Int32Array;
  offsetOf: Int32Array;
  /** Per message: its key, or −1 (no key). */
  keyOf: Int32Array;
  /**
   * Per message: its id, the sequence number of its first append (a retried publish appends the
   * same message again: same id, same key). Effects and an idempotent group's memory go by id.
   */
  idOf: Int32Array;
  length: number;
  /** The oldest message not yet expired, and whether an expiry timer is pending. */
  expireNext: number;
  expiryPending: boolean;
  /** Per producer link (by link index): its key count (0: no key, round robin) and the draws of its keys. */
  readonly keyCount: Map<number, number>;
  readonly keyRng: Map<number, RandomStream>;
  /** Producer links whose keyed messages still spread round robin (partitionBy: roundRobin): the key is carried, not used. */
  readonly spreadKeys: Set<number>;
  readonly groups: StreamGroup[];
  readonly deliveries: Map<number, StreamDelivery>;
  // Metrics.
  /** Publishes that reached it, refused ones included (the replay's arrivals); the report's published is those it appended. */
  published: number;
  rejected: number;
  delivered: number;
  redelivered: number;
  committedCount: number;
  skipped: number;
  expired: number;
  expiredUnread: number;
  effects: number;
  duplicates: number;
  /** First processings of a keyed message after its group had processed a later message of the same key. */
  outOfOrder: number;
  /** Repeats an idempotent group acknowledged without doing the work, or did again without a second effect. */
  deduplicated: number;
  rebalances: number;
  /** Messages changes moved groups' offsets back over (to read again) and forward over (skipped). */
  rewound: number;
  skippedAhead: number;
  inFlightCount: number;
}

/** Stream `node` (at index `index`) as the engine runs it; its groups start with the members that are up now. */
export function buildStream(rt: Runtime, index: number, node: Extract<Scenario['nodes'][number], { kind: 'stream' }>, scenario: Scenario, random: RandomSource): StreamRuntime {
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
      owner: new Int32Array(p).fill(-1), committed: new Float64Array(p), inFlight: new Int32Array(p).fill(-1), origin: new Float64Array(p),
      started: false, rebalancing: false, rebalanceEnd: -1,
      tries: new Int32Array(64), effects: new Int32Array(64), lastOfKey: new Map(),
      seen: ((n) => (n === undefined ? undefined : new SeenIds(n)))(links.map((l) => scenario.links[l].dedupe).find((d) => d !== undefined)),
    });
  }
  const keyCount = new Map<number, number>(), keyRng = new Map<number, RandomStream>(), spreadKeys = new Set<number>();
  scenario.links.forEach((l, i) => {
    if (l.to !== node.id || l.keys === undefined) return;
    keyCount.set(i, l.keys);
    keyRng.set(i, random.stream(`link:${linkId(l)}/keys`));
    if (l.partitionBy === 'roundRobin') spreadKeys.add(i);
  });
  const s: StreamRuntime = {
    node: index, id: node.id, partitions: p,
    retention: node.retention ?? Infinity, rebalancePause: node.rebalancePause, maxDeliveries: node.maxDeliveries ?? Infinity,
    accepting: false, mode: ServiceMode.STARTING,
    machine: new MachineHost(serviceMachine, { startupTime: 0 }, (delay, token) => rt.schedule(rt.now + delay, Priority.CONTROL, Ev.MACHINE_TIMER, index, token)),
    logs: Array.from({ length: p }, () => new Int32Array(16)), end: new Float64Array(p), start: new Float64Array(p),
    publish: new Int32Array(64), appendedAt: new Float64Array(64), partitionOf: new Int32Array(64), offsetOf: new Int32Array(64), keyOf: new Int32Array(64), idOf: new Int32Array(64), length: 0,
    expireNext: 0, expiryPending: false,
    keyCount, keyRng, spreadKeys, groups, deliveries: new Map(),
    published: 0, rejected: 0, delivered: 0, redelivered: 0, committedCount: 0, skipped: 0, expired: 0, expiredUnread: 0,
    effects: 0, duplicates: 0, outOfOrder: 0, deduplicated: 0, rebalances: 0, rewound: 0, skippedAhead: 0, inFlightCount: 0,
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
