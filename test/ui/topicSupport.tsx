/**
 * A fan-out system for the topic's component tests, and a live state made by hand for it (what
 * `refreshLive` computes each frame), read as the engine's replay gives it: a topic's `arrivals`
 * are the publishes it received, `ok` those it fanned out, `rejected` those it refused.
 */
import type { NodeState, PlayheadState } from '../../src/engine/replay/traceReplay.ts';
import type { RunTopology } from '../../src/engine/replay/topology.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import type { Stores } from '../../src/ui/app/stores.tsx';
import { nodeState } from './playbackSupport.tsx';

/**
 * `web` sends 20 orders a second to `order`, which publishes each to the topic `placed`; the
 * queues `email-q` and `stats-q` subscribe to it, consumed by `email` and `stats`.
 */
export const fanout: DocumentInput = {
  version: 1,
  name: 'Order placed',
  seed: 9,
  duration: '20s',
  nodes: [
    { id: 'web', kind: 'client', target: 'order', workload: { pattern: 'poisson', rate: 20 } },
    { id: 'order', kind: 'service', workers: 4, serviceTime: { dist: 'exponential', mean: '5ms' }, calls: [{ to: 'placed' }] },
    { id: 'placed', kind: 'topic' },
    { id: 'email-q', kind: 'queue' },
    { id: 'stats-q', kind: 'queue' },
    { id: 'email', kind: 'service', workers: 2, serviceTime: { dist: 'exponential', mean: '20ms' } },
    { id: 'stats', kind: 'service', workers: 2, serviceTime: { dist: 'exponential', mean: '10ms' } },
  ],
  links: [
    { from: 'web', to: 'order', latency: '2ms' },
    { from: 'order', to: 'placed', kind: 'async', latency: '2ms' },
    { from: 'placed', to: 'email-q', kind: 'async', latency: '2ms' },
    { from: 'placed', to: 'stats-q', kind: 'async', latency: '2ms' },
    { from: 'email-q', to: 'email', kind: 'async', latency: '2ms' },
    { from: 'stats-q', to: 'stats', kind: 'async', latency: '2ms' },
  ],
  faults: [],
};

const ids = fanout.nodes.map((n) => n.id);
const at = (id: string) => ids.indexOf(id);
const topology: RunTopology = {
  nodeIds: ids,
  nodeKinds: fanout.nodes.map((n) => n.kind),
  workers: [0, 4, 0, 0, 0, 2, 2],
  linkIds: (fanout.links ?? []).map((l) => `${l.from}->${l.to}`),
  linkFrom: (fanout.links ?? []).map((l) => at(l.from)),
  linkTo: (fanout.links ?? []).map((l) => at(l.to)),
  initialModes: [0, 1, 1, 1, 1, 1, 1],
};

/** Sets the live store as the playback engine would, at `time`: the topic's state and, optionally, other nodes' by id. */
export function setTopicLive(
  stores: Stores,
  time: number,
  topic: Partial<NodeState>,
  others: Readonly<Record<string, Partial<NodeState>>> = {},
): void {
  const nodes = ids.map((id) => (id === 'placed' ? nodeState(topic) : nodeState({ ...(id === 'web' ? { mode: 0 } : {}), ...others[id] })));
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
  stores.live.setState({ state, topology, nodeIndex: new Map(ids.map((id, i) => [id, i])) });
}
