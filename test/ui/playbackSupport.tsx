/**
 * Fresh stores (the real in-thread simulation API) and a renderer for the playback bar's parts,
 * plus a live state made by hand (what `refreshLive` computes each frame), for component tests.
 */
import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import type { NodeState, PlayheadState } from '../../src/engine/replay/traceReplay.ts';
import type { RunTopology } from '../../src/engine/replay/topology.ts';
import { createStores, StoresProvider, type Stores } from '../../src/ui/app/stores.tsx';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';

export function renderWith(ui: ReactNode, initial?: DocumentInput): Stores & { view: ReturnType<typeof render> } {
  const stores = createStores(createSimulationApi(), initial);
  const view = render(<StoresProvider stores={stores}>{ui}</StoresProvider>);
  return Object.assign(stores, { view });
}

/** A client `web` calling a service `api` (4 workers), with a fault-free schedule. */
export const webAndApi: DocumentInput = {
  version: 1,
  name: 'Web and API',
  seed: 7,
  duration: '20s',
  nodes: [
    { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 20 } },
    { id: 'api', kind: 'service', workers: 4, serviceTime: { dist: 'exponential', mean: '30ms' } },
  ],
  links: [{ from: 'web', to: 'api', latency: { dist: 'constant', value: '5ms' } }],
  faults: [],
};

export const webAndApiTopology: RunTopology = {
  nodeIds: ['web', 'api'],
  nodeKinds: ['client', 'service'],
  workers: [0, 4],
  linkIds: ['web->api'],
  linkFrom: [0],
  linkTo: [1],
  initialModes: [0, 1],
};

export function nodeState(patch: Partial<NodeState> = {}): NodeState {
  return {
    busy: 0,
    line: 0,
    mode: 1,
    arrivals: 0,
    ok: 0,
    errors: 0,
    rejected: 0,
    dropped: 0,
    sent: 0,
    completed: 0,
    failed: 0,
    timedOut: 0,
    ...patch,
  };
}

/** Sets the live store as the playback engine would, for the web/api topology. */
export function setLive(
  stores: Stores,
  time: number,
  web: Partial<NodeState>,
  api: Partial<NodeState>,
  latency: { p50: number; p99: number; count: number } = { p50: 0, p99: 0, count: 0 },
): void {
  const nodes = [nodeState({ mode: 0, ...web }), nodeState(api)];
  const client = nodes[0];
  const state: PlayheadState = {
    time,
    nodes,
    latency: { count: latency.count, mean: latency.p50, p50: latency.p50, p95: latency.p99, p99: latency.p99, min: 0, max: latency.p99 },
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
    topology: webAndApiTopology,
    nodeIndex: new Map([
      ['web', 0],
      ['api', 1],
    ]),
  });
}
