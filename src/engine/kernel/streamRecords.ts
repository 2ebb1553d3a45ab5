/**
 * An event stream's record as the runtime holds it (by node index, `rt.streams`): declared in the
 * kernel because the report, faults and changes read it too; owned by features/stream.
 */
import type { MachineHost } from '../core/machineHost.ts';
import type { RandomStream } from '../core/random.ts';
import type { SeenIds } from './messageTable.ts';

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

/** Group `g`'s lag in partition `p` of stream `s` now: messages appended that it has not committed. */
export function lagOf(s: StreamRuntime, g: StreamGroup, p: number): number {
  return s.end[p] - (g.started ? g.committed[p] : s.start[p]);
}
