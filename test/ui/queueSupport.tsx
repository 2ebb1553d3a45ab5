/**
 * A producer → queue → consumer system for the queue's component tests, and a live state made by
 * hand for it (what `refreshLive` computes each frame), read as the engine's replay gives it: a
 * queue's `line` is its depth, `busy` the messages in flight, and so on.
 */
import type { NodeState, PlayheadState } from '../../src/engine/replay/traceReplay.ts';
import type { RunTopology } from '../../src/engine/replay/topology.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import type { Stores } from '../../src/ui/app/stores.tsx';
import { nodeState } from './playbackSupport.tsx';

/** `web` publishes 20 orders a second to `orders`, which `worker` (2 workers) consumes. */
export const pipeline: DocumentInput = {
  version: 1,
  name: 'Orders',
  seed: 5,
  duration: '20s',
  nodes: [
    { id: 'web', kind: 'client', target: 'orders', workload: { pattern: 'poisson', rate: 20 } },
    { id: 'orders', kind: 'queue', maxLength: 200 },
    { id: 'worker', kind: 'service', workers: 2, serviceTime: { dist: 'exponential', mean: '40ms' } },
  ],
  links: [
    { from: 'web', to: 'orders', kind: 'async', latency: '2ms' },
    { from: 'orders', to: 'worker', kind: 'async', latency: '2ms', prefetch: 5 },
  ],
  faults: [],
};

/** The same system with an unbounded queue. */
export const unboundedPipeline: DocumentInput = {
  ...pipeline,
  nodes: pipeline.nodes.map((n) => (n.id === 'orders' ? { id: 'orders', kind: 'queue' as const } : n)),
};

const topology: RunTopology = {
  nodeIds: ['web', 'orders', 'worker'],
  nodeKinds: ['client', 'queue', 'service'],
  workers: [0, 0, 2],
  linkIds: ['web->orders', 'orders->worker'],
  linkFrom: [0, 1],
  linkTo: [1, 2],
  initialModes: [0, 1, 1],
};

/** Sets the live store as the playback engine would, at `time`, for the pipeline's three nodes. */
export function setQueueLive(
  stores: Stores,
  time: number,
  queue: Partial<NodeState>,
  worker: Partial<NodeState> = {},
  web: Partial<NodeState> = {},
): void {
  const nodes = [nodeState({ mode: 0, ...web }), nodeState(queue), nodeState(worker)];
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
  stores.live.setState({ state, topology, nodeIndex: new Map(topology.nodeIds.map((id, i) => [id, i])) });
}
