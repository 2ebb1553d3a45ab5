/**
 * What a node box shows of its node at the playhead, picked out of the live state as flat numbers
 * (so a frame that changes none of them re-renders nothing), and which discrete changes between
 * two such readings deserve a little animation. Pure: the component and tests share it.
 */
import { parseDuration, StreamNodeSchema } from '../../model/index.ts';
import type { NodeState } from '../../engine/replay/traceReplay.ts';
import { ServiceMode } from '../../engine/trace/eventTypes.ts';
import type { DocumentInput } from '../../store/document/commands.ts';
import { instancesOf } from './instances.ts';
import type { LiveState } from './liveState.ts';

/** Service modes (a node state's `mode`) by name: the engine's ServiceMode, not a copy of its numbers. */
export const MODE = {
  starting: ServiceMode.STARTING,
  healthy: ServiceMode.HEALTHY,
  degraded: ServiceMode.DEGRADED,
  crashed: ServiceMode.CRASHED,
  restarting: ServiceMode.RESTARTING,
  stopped: ServiceMode.STOPPED,
} as const;

export interface ServiceStatus {
  readonly kind: 'service';
  readonly busy: number;
  /** Worker-pool size at the playhead. */
  readonly pool: number;
  readonly line: number;
  readonly mode: number;
  readonly errors: number;
  readonly rejected: number;
  readonly dropped: number;
}

export interface ClientStatus {
  readonly kind: 'client';
  readonly sent: number;
  readonly completed: number;
  readonly failed: number;
  readonly timedOut: number;
  readonly rejected: number;
  readonly dropped: number;
}

/** A queue (its NodeState read as a broker's: see the engine's trace replay). */
export interface QueueStatus {
  readonly kind: 'queue';
  /** Messages waiting for a consumer: the depth. */
  readonly ready: number;
  /** Delivered to a consumer and not acknowledged yet. */
  readonly inFlight: number;
  /** Publishes it stored (the refused ones are apart). */
  readonly published: number;
  readonly acked: number;
  readonly deadLettered: number;
  /** Dropped from the head by a full queue. */
  readonly dropped: number;
  /** Publishes refused (the broker down, or full with overflow `rejectPublish`). */
  readonly refused: number;
  /** 1 healthy, 3 crashed (a broker outage), as MODE. */
  readonly mode: number;
  /** How long the oldest ready message has waited, in tenths of a second (0: none ready), so the box changes ten times a second at most. */
  readonly oldestTenths: number;
}

/** A topic (its NodeState read as a fan-out broker's: see the engine's trace replay). */
export interface TopicStatus {
  readonly kind: 'topic';
  /** Publishes received (the refused ones included). */
  readonly published: number;
  /** Publishes confirmed and copied to every subscription. */
  readonly fannedOut: number;
  /** Publishes refused (the topic down). */
  readonly refused: number;
  /** The queues it copies to in this run (its links to them). */
  readonly subscriptions: number;
  /** 1 healthy, 3 crashed (an outage), as MODE. */
  readonly mode: number;
}

/**
 * A stream (its NodeState read as a log's: see the engine's streamFold.ts): totals over all its
 * partitions and consumer groups. Its partitions' offsets are another selection (streamLanes.ts),
 * so that the box's figures stay a flat record.
 */
export interface StreamStatus {
  readonly kind: 'stream';
  /** Messages in its logs (appended and not yet expired, read or not). */
  readonly stored: number;
  /** Delivered to a group's member and neither committed nor given up yet. */
  readonly inFlight: number;
  /** Publishes received (the refused ones included). */
  readonly published: number;
  /** Messages a group processed and committed (one per group that read it). */
  readonly committed: number;
  /** Messages a group skipped after maxDeliveries failed deliveries. */
  readonly skipped: number;
  /** Messages retention removed from the heads of the logs. */
  readonly expired: number;
  /** Publishes refused (the stream down). */
  readonly refused: number;
  /** 1 healthy, 3 crashed (an outage), as MODE. */
  readonly mode: number;
}

/**
 * A service registry: the calls it answered (heartbeats, deregistrations, lookups) and refused while down. Its entries are another
 * selection (RegistryEntries.tsx).
 */
export interface RegistryStatus {
  readonly kind: 'registry';
  readonly answered: number;
  readonly refused: number;
  /** 1 healthy, 3 crashed (an outage), as MODE. */
  readonly mode: number;
}

export type NodeStatus = ServiceStatus | ClientStatus | QueueStatus | TopicStatus | StreamStatus | RegistryStatus;

/**
 * An unbounded queue's depth bar is full at this many ready messages, on a logarithmic scale: a
 * backlog grows by orders of magnitude, and a handful of messages must still show.
 */
export const UNBOUNDED_DEPTH_SCALE = 10_000;

/**
 * How full a queue's depth bar is (0–1): `ready` of `capacity` (its maxLength), or on a log scale
 * up to UNBOUNDED_DEPTH_SCALE when it has no limit (null).
 */
export function depthShare(ready: number, capacity: number | null): number {
  if (!(ready > 0)) return 0;
  if (capacity !== null) return capacity > 0 ? Math.min(1, ready / capacity) : 1;
  return Math.min(1, Math.log10(1 + ready) / Math.log10(1 + UNBOUNDED_DEPTH_SCALE));
}

/** Queue `nodeId`'s maxLength in `doc` (null: no limit, or not a queue). */
export function queueCapacity(doc: Pick<DocumentInput, 'nodes'>, nodeId: string): number | null {
  const node = doc.nodes.find((n) => n.id === nodeId);
  return node?.kind === 'queue' && typeof node.maxLength === 'number' ? node.maxLength : null;
}

/** Stream `nodeId`'s partition count in `doc` (the schema's default when unset; 0 if not a stream): its box draws one lane each. */
export function streamPartitions(doc: Pick<DocumentInput, 'nodes'>, nodeId: string): number {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (node?.kind !== 'stream') return 0;
  const partitions = StreamNodeSchema.shape.partitions.safeParse(node.partitions);
  return partitions.success ? partitions.data : 0;
}

/** A service's pool size over time: from `at` on, `workers` (sorted by time). */
export type PoolSchedule = readonly { readonly at: number; readonly workers: number }[];

/** The changes of `doc` that resize node `nodeId`'s pool, in time order (stable for equal times). */
export function poolSchedule(doc: Pick<DocumentInput, 'changes'>, nodeId: string): PoolSchedule {
  const out: { at: number; workers: number }[] = [];
  for (const change of doc.changes ?? []) {
    if (change.kind !== 'service' || change.target !== nodeId || change.set.workers === undefined) continue;
    const at = parseDuration(change.at);
    if (at !== undefined) out.push({ at, workers: change.set.workers });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The pool at `time`: the last change at or before it, else the run's initial size. */
export function poolAt(schedule: PoolSchedule, initial: number, time: number): number {
  let pool = initial;
  for (const step of schedule) {
    if (step.at > time) break;
    pool = step.workers;
  }
  return pool;
}

/** Node `nodeId` at the playhead, or undefined before a run (or if the run does not know it). */
export function selectNodeStatus(live: LiveState, nodeId: string, schedule: PoolSchedule): NodeStatus | undefined {
  const index = live.nodeIndex.get(nodeId);
  if (index === undefined || !live.state || !live.topology) return undefined;
  const n = live.state.nodes[index];
  const kind = live.topology.nodeKinds[index];
  if (kind === 'client') {
    return {
      kind: 'client',
      sent: n.sent,
      completed: n.completed,
      failed: n.failed,
      timedOut: n.timedOut,
      rejected: n.rejected,
      dropped: n.dropped,
    };
  }
  if (kind === 'queue') {
    return {
      kind: 'queue',
      ready: n.line,
      inFlight: n.busy,
      published: n.arrivals - n.rejected,
      acked: n.ok,
      deadLettered: n.errors,
      dropped: n.dropped,
      refused: n.rejected,
      mode: n.mode,
      oldestTenths: Math.floor((live.oldestAges?.[index] ?? 0) / 100),
    };
  }
  if (kind === 'topic') {
    return {
      kind: 'topic',
      published: n.arrivals,
      fannedOut: n.ok,
      refused: n.rejected,
      mode: n.mode,
      subscriptions: subscriptionsOf(live.topology, index),
    };
  }
  if (kind === 'stream') {
    return {
      kind: 'stream',
      stored: n.line,
      inFlight: n.busy,
      published: n.arrivals,
      committed: n.ok,
      skipped: n.errors,
      expired: n.dropped,
      refused: n.rejected,
      mode: n.mode,
    };
  }
  if (kind === 'registry') return { kind: 'registry', answered: n.arrivals - n.rejected, refused: n.rejected, mode: n.mode };
  // A kind this build draws no status for (a newer one) shows none rather than a service's; a gateway and a load balancer are services at
  // heart (their own pool and line).
  if (kind !== 'service' && kind !== 'gateway' && kind !== 'loadBalancer') return undefined;
  // A service with replicas shows its totals (its instances' cards show each one: InstanceCards.tsx).
  const t = serviceTotals(live, index, schedule) as ServiceTotals;
  return {
    kind: 'service',
    busy: t.busy,
    pool: t.pool,
    line: t.line,
    mode: t.mode,
    errors: t.errors,
    rejected: t.rejected,
    dropped: t.dropped,
  };
}

/**
 * A replicated service's mode in one word, from its deployed instances' (those scaled away, or
 * not scaled in yet, are "stopped" and do not count): their mode when they agree; "degraded" while
 * some serve and others do not (the service still answers, with less capacity); with none
 * serving, "crashed" if any is, else the first one's (starting, restarting).
 */
export function combinedMode(all: readonly number[]): number {
  const modes = all.filter((m) => m !== MODE.stopped);
  if (modes.length === 0) return all[0] ?? MODE.healthy;
  if (modes.every((m) => m === modes[0])) return modes[0];
  if (modes.some((m) => m === MODE.healthy || m === MODE.degraded)) return MODE.degraded;
  return modes.includes(MODE.crashed) ? MODE.crashed : modes[0];
}

/** A service's counters at the playhead, added up over its instances, and its pool size (the sum of theirs). */
export interface ServiceTotals extends Pick<NodeState, 'busy' | 'line' | 'mode' | 'arrivals' | 'ok' | 'errors' | 'rejected' | 'dropped'> {
  readonly pool: number;
  /** How many instances it has deployed at the playhead (not stopped), and how many of them serve (healthy or degraded). */
  readonly instances: number;
  readonly up: number;
}

/** Service node `index`'s totals over its instances at the playhead (see ServiceTotals). */
export function serviceTotals(live: LiveState, index: number, schedule: PoolSchedule): ServiceTotals | undefined {
  const { state, topology } = live;
  if (!state || !topology) return undefined;
  const nodes = instancesOf(topology, index);
  const t = { busy: 0, line: 0, arrivals: 0, ok: 0, errors: 0, rejected: 0, dropped: 0, pool: 0, up: 0, instances: 0 };
  const modes: number[] = [];
  for (const i of nodes) {
    const n = state.nodes[i];
    t.busy += n.busy;
    t.line += n.line;
    t.arrivals += n.arrivals;
    t.ok += n.ok;
    t.errors += n.errors;
    t.rejected += n.rejected;
    t.dropped += n.dropped;
    const stopped = n.mode === MODE.stopped;
    // A change resizes every instance's pool alike (the engine applies it to each); a stopped
    // instance's pool is no capacity, but counts while it finishes its work in hand (busy ≤ pool).
    if (!stopped || n.busy > 0) t.pool += poolAt(schedule, topology.workers[i], state.time);
    if (!stopped) t.instances++;
    if (n.mode === MODE.healthy || n.mode === MODE.degraded) t.up++;
    modes.push(n.mode);
  }
  return { ...t, mode: combinedMode(modes) };
}

/** How many queues topic `index` links to in the run (the run's own links: the document may have been edited since). */
function subscriptionsOf(topology: NonNullable<LiveState['topology']>, index: number): number {
  let n = 0;
  for (let l = 0; l < topology.linkFrom.length; l++)
    if (topology.linkFrom[l] === index && topology.nodeKinds[topology.linkTo[l]] === 'queue') n++;
  return n;
}

/** A discrete change worth showing: the service (queue, topic) went down, came back, or turned requests away. */
export type StatusChange = 'crash' | 'recover' | 'overflow' | 'deadLetter';

/** What changed from `before` to `after` (both of one service, queue, topic or stream, time moving forward). */
export function statusChange(before: NodeStatus | undefined, after: NodeStatus | undefined): StatusChange | undefined {
  if (before?.kind === 'queue' && after?.kind === 'queue') return queueChange(before, after);
  // A stream keeps what it holds and never fills up either, and a registry answers at once: like a topic, only outages are news.
  if (
    (before?.kind === 'topic' && after?.kind === 'topic') ||
    (before?.kind === 'stream' && after?.kind === 'stream') ||
    (before?.kind === 'registry' && after?.kind === 'registry')
  )
    return topicChange(before, after);
  if (before?.kind !== 'service' || after?.kind !== 'service') return undefined;
  if (after.mode === MODE.crashed && before.mode !== MODE.crashed) return 'crash';
  const wasDown = before.mode === MODE.crashed || before.mode === MODE.restarting || before.mode === MODE.degraded;
  if (wasDown && after.mode === MODE.healthy) return 'recover';
  // Refusals while up mean the waiting line is full (a service that is down refuses everything).
  const up = after.mode === MODE.healthy || after.mode === MODE.degraded;
  if (up && after.rejected > before.rejected) return 'overflow';
  return undefined;
}

function queueChange(before: QueueStatus, after: QueueStatus): StatusChange | undefined {
  if (after.mode === MODE.crashed && before.mode !== MODE.crashed) return 'crash';
  if (before.mode === MODE.crashed && after.mode === MODE.healthy) return 'recover';
  // A message given up on: moved to the dead-letter queue (no message travels for it: the box shows it).
  if (after.deadLettered > before.deadLettered) return 'deadLetter';
  // A full queue losing or refusing messages (a broker that is down refuses everything: no pulse).
  if (after.mode !== MODE.crashed && (after.dropped > before.dropped || after.refused > before.refused)) return 'overflow';
  return undefined;
}

/** A topic holds nothing, so it never overflows: only its outages and recoveries are news. */
function topicChange(
  before: TopicStatus | StreamStatus | RegistryStatus,
  after: TopicStatus | StreamStatus | RegistryStatus,
): StatusChange | undefined {
  if (after.mode === MODE.crashed && before.mode !== MODE.crashed) return 'crash';
  if (before.mode === MODE.crashed && after.mode === MODE.healthy) return 'recover';
  return undefined;
}
