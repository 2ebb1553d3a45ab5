/**
 * A replicated service for the replica and load-balancing component tests, and a live state made
 * by hand for it (what `refreshLive` computes each frame): the engine runs each instance as a node
 * of its own, the first at the service's index and the others appended after the scenario's nodes
 * ("api#2", "api#3"), each with its own figures.
 */
import type { NodeState, PlayheadState } from '../../src/engine/replay/traceReplay.ts';
import type { RunTopology } from '../../src/engine/replay/topology.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import type { Stores } from '../../src/ui/app/stores.tsx';
import { nodeState } from './playbackSupport.tsx';

/**
 * `web` sends 50 requests a second to `api`, three instances of 4 workers; `web` spreads them
 * round robin and ejects an instance after 3 failures in a row for 5 s. From 2 s to 8 s, api's
 * instance 2 fails every request. `api` calls `db` (one instance), then publishes to the queue
 * `jobs`, consumed by `worker`.
 */
export const replicated: DocumentInput = {
  version: 1,
  name: 'Replicas',
  seed: 5,
  duration: '10s',
  nodes: [
    { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 50 } },
    {
      id: 'api',
      kind: 'service',
      workers: 4,
      replicas: 3,
      serviceTime: { dist: 'exponential', mean: '10ms' },
      calls: [{ to: 'db' }, { to: 'jobs' }],
    },
    { id: 'db', kind: 'service', workers: 4, serviceTime: { dist: 'exponential', mean: '2ms' } },
    { id: 'jobs', kind: 'queue' },
    { id: 'worker', kind: 'service', workers: 1 },
  ],
  links: [
    { from: 'web', to: 'api', latency: '2ms', outlierEjection: { consecutiveFailures: 3, ejectionTime: '5s', maxEjectedPercent: 50 } },
    { from: 'api', to: 'db', latency: '1ms' },
    { from: 'api', to: 'jobs', kind: 'async' },
    { from: 'jobs', to: 'worker', kind: 'async' },
  ],
  faults: [{ kind: 'errors', target: 'api', instance: 2, rate: 1, at: '2s', duration: '6s' }],
};

/** The run's engine nodes: the scenario's, then api's instances 2 and 3. */
const engineIds = ['web', 'api', 'db', 'jobs', 'worker', 'api#2', 'api#3'];
const links = (replicated.links ?? []).map((l) => `${l.from}->${l.to}`);
const at = (id: string) => engineIds.indexOf(id);

export const replicatedTopology: RunTopology = {
  nodeIds: engineIds,
  nodeKinds: ['client', 'service', 'service', 'queue', 'service', 'service', 'service'],
  workers: [0, 4, 4, 0, 1, 4, 4],
  instanceOf: [0, 1, 2, 3, 4, 1, 1],
  instanceNumber: [1, 1, 1, 1, 1, 2, 3],
  linkIds: links,
  linkFrom: (replicated.links ?? []).map((l) => at(l.from)),
  linkTo: (replicated.links ?? []).map((l) => at(l.to)),
  initialModes: [0, 1, 1, 1, 1, 1, 1],
};

/**
 * Sets the live store as the playback engine would, at `time`: each engine node's state by its id
 * ("api" is instance 1, "api#2" instance 2…), and which instances callers eject (by id, the
 * ejecting links by id).
 */
export function setReplicaLive(
  stores: Stores,
  time: number,
  states: Readonly<Record<string, Partial<NodeState>>>,
  ejected: Readonly<Record<string, readonly string[]>> = {},
): void {
  const nodes = engineIds.map((id) => nodeState({ ...(id === 'web' ? { mode: 0 } : {}), ...states[id] }));
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
  const ejectedBy = Object.keys(ejected).length === 0 ? undefined : engineIds.map((id) => ejected[id]?.map((l) => links.indexOf(l)));
  stores.live.setState({
    state,
    topology: replicatedTopology,
    nodeIndex: new Map(engineIds.map((id, i) => [id, i])),
    linkIndex: new Map(links.map((id, i) => [id, i])),
    ejectedBy,
  });
}
