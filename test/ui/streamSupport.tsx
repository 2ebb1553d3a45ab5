/**
 * An event-stream system for the stream's component tests, and a live state made by hand for it
 * (what `refreshLive` computes each frame), read as the engine's replay gives it (streamFold.ts):
 * a stream's `line` is what its logs hold, `busy` its deliveries in flight, `ok` commits, `errors`
 * skips, `dropped` expiries, `arrivals` publishes and `rejected` refusals.
 */
import type { NodeState, PlayheadState } from '../../src/engine/replay/traceReplay.ts';
import type { PartitionView } from '../../src/engine/replay/streamReplay.ts';
import type { RunTopology } from '../../src/engine/replay/topology.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import type { Stores } from '../../src/ui/app/stores.tsx';
import { nodeState } from './playbackSupport.tsx';

/**
 * `shop` sends 20 orders a second to `orders`, which appends each to the stream `events` (3
 * partitions, keyed by 8 customers); `billing-1` and `billing-2` share the group `billing`,
 * `analytics` reads everything on its own (from the latest message on).
 */
export const orderEvents: DocumentInput = {
  version: 1,
  name: 'Order events',
  seed: 7,
  duration: '20s',
  nodes: [
    { id: 'shop', kind: 'client', target: 'orders', workload: { pattern: 'poisson', rate: 20 } },
    { id: 'orders', kind: 'service', workers: 4, serviceTime: { dist: 'exponential', mean: '5ms' }, calls: [{ to: 'events' }] },
    { id: 'events', kind: 'stream', partitions: 3, retention: '45s', rebalancePause: '3s' },
    { id: 'billing-1', kind: 'service', workers: 2, serviceTime: { dist: 'exponential', mean: '10ms' } },
    { id: 'billing-2', kind: 'service', workers: 2, serviceTime: { dist: 'exponential', mean: '10ms' } },
    { id: 'analytics', kind: 'service', workers: 1, serviceTime: { dist: 'exponential', mean: '5ms' } },
  ],
  links: [
    { from: 'shop', to: 'orders', latency: '2ms' },
    { from: 'orders', to: 'events', kind: 'async', keys: 8, latency: '1ms' },
    { from: 'events', to: 'billing-1', kind: 'async', group: 'billing', latency: '1ms' },
    { from: 'events', to: 'billing-2', kind: 'async', group: 'billing', latency: '1ms' },
    { from: 'events', to: 'analytics', kind: 'async', group: 'analytics', startFrom: 'latest', latency: '1ms' },
  ],
  faults: [],
};

const ids = orderEvents.nodes.map((n) => n.id);
const at = (id: string) => ids.indexOf(id);
const topology: RunTopology = {
  nodeIds: ids,
  nodeKinds: orderEvents.nodes.map((n) => n.kind),
  workers: [0, 4, 0, 2, 2, 1],
  linkIds: (orderEvents.links ?? []).map((l) => `${l.from}->${l.to}`),
  linkFrom: (orderEvents.links ?? []).map((l) => at(l.from)),
  linkTo: (orderEvents.links ?? []).map((l) => at(l.to)),
  initialModes: [0, 1, 1, 1, 1, 1],
  streams: ids.map((id) =>
    id === 'events' ? { partitions: 3, groups: ['billing', 'analytics'], latest: [false, true], startsAtOnce: [true, true] } : undefined,
  ),
};

/** A partition as the replay gives it: `end` and `first` offsets, and per group (billing, analytics) its committed offset (lag derived). */
export function partition(end: number, committed: readonly number[], first = 0): PartitionView {
  return { end, first, committed, lag: committed.map((c) => end - c) };
}

/**
 * Sets the live store as the playback engine would, at `time`: the stream's state, optionally
 * its partitions (without them, the live state lacks the replay's per-partition view), and other nodes' by id.
 */
export function setStreamLive(
  stores: Stores,
  time: number,
  stream: Partial<NodeState>,
  others: Readonly<Record<string, Partial<NodeState>>> = {},
  partitions?: readonly PartitionView[],
): void {
  const nodes = ids.map((id) =>
    id === 'events' ? nodeState(stream) : nodeState({ ...(id === 'shop' ? { mode: 0 } : {}), ...others[id] }),
  );
  const client = nodes[0];
  const state: PlayheadState = {
    time,
    nodes,
    latency: { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, min: 0, max: 0 },
    totals: {
      sent: client.sent,
      completed: client.completed,
      failed: client.failed,
      timedOut: client.timedOut,
      rejected: client.rejected,
      dropped: client.dropped,
    },
  };
  stores.live.setState({
    state,
    topology,
    nodeIndex: new Map(ids.map((id, i) => [id, i])),
    partitions: partitions ? ids.map((id) => (id === 'events' ? partitions : undefined)) : undefined,
  });
}
