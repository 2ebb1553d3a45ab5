// @vitest-environment jsdom
/**
 * A replicated service's instances as cards inside its box: each with its own health and load at
 * the playhead, flagged while a caller ejects it; an instance scaled away shown as stopped while
 * it finishes its work, then gone, one not scaled in yet not shown; a mark each when zoomed out; a
 * few cards at most; loaded only for a run with replicas. From a live store set by hand and from
 * real runs, where the cards must say what the replay says.
 */
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RunTopology } from '../../src/engine/replay/topology.ts';
import { TraceType } from '../../src/engine/trace/eventTypes.ts';
import { InstanceCards, MAX_CARDS } from '../../src/ui/playback/InstanceCards.tsx';
import { instancesOf } from '../../src/ui/playback/instances.ts';
import { InstancesSlot } from '../../src/ui/playback/InstancesSlot.tsx';
import { refreshLive } from '../../src/ui/playback/liveState.ts';
import { NodeLiveStatus } from '../../src/ui/playback/NodeLiveStatus.tsx';
import { MODE } from '../../src/ui/playback/nodeStatus.ts';
import { renderWith, setLive, webAndApi } from './playbackSupport.tsx';
import { replicated, setReplicaLive } from './replicaSupport.tsx';

const cards = () => within(screen.getByRole('list', { name: 'Instances of api' }));
const card = (n: number) => cards().getByTestId(`instance-${n}`);

describe("a replicated service's instance cards", () => {
  it('give each instance its own mode and load, and flag the one a caller ejects', () => {
    const stores = renderWith(<InstanceCards nodeId="api" />, replicated);
    act(() =>
      setReplicaLive(
        stores,
        3000,
        {
          api: { busy: 2, line: 0 },
          'api#2': { busy: 1, line: 3, mode: MODE.degraded },
          'api#3': { busy: 0, mode: MODE.crashed },
        },
        { 'api#2': ['web->api'] },
      ),
    );
    expect(cards().getAllByRole('listitem')).toHaveLength(3);
    expect(card(1)).toHaveAttribute('data-mode', 'healthy');
    expect(within(card(1)).getByTestId('instance-busy')).toHaveTextContent('2/4');
    expect(within(card(1)).queryByTestId('instance-line')).toBeNull();
    expect(within(card(1)).queryByTestId('instance-mode')).toBeNull();
    expect(within(card(1)).queryByTestId('instance-ejected')).toBeNull();
    expect(card(2)).toHaveAttribute('data-mode', 'degraded');
    expect(within(card(2)).getByTestId('instance-busy')).toHaveTextContent('1/4');
    expect(within(card(2)).getByTestId('instance-line')).toHaveTextContent('+3');
    expect(within(card(2)).getByTestId('instance-mode')).toHaveTextContent('degraded');
    expect(within(card(2)).getByTestId('instance-ejected')).toHaveTextContent('ejected');
    expect(card(2)).toHaveClass('is-ejected');
    expect(card(2)).toHaveTextContent('Instance 2: degraded, 1 of 4 workers busy, 3 waiting, ejected by web');
    expect(card(3)).toHaveAttribute('data-mode', 'crashed');
    expect(within(card(3)).getByTestId('instance-mode')).toHaveTextContent('crashed');
    // The ejection is over: the flag goes.
    act(() => setReplicaLive(stores, 9000, { 'api#2': { mode: MODE.healthy } }));
    expect(within(card(2)).queryByTestId('instance-ejected')).toBeNull();
    expect(card(2)).not.toHaveClass('is-ejected');
  });

  it('show an instance scaled away as stopped while it finishes its work in hand, then no more', () => {
    const stores = renderWith(<InstanceCards nodeId="api" />, replicated);
    act(() => setReplicaLive(stores, 3000, { api: { busy: 1 }, 'api#2': { busy: 1 }, 'api#3': { busy: 2, mode: MODE.stopped } }));
    expect(card(3)).toHaveAttribute('data-mode', 'stopped');
    expect(within(card(3)).getByTestId('instance-mode')).toHaveTextContent('stopped');
    act(() => setReplicaLive(stores, 3500, { api: { busy: 1 }, 'api#2': { busy: 1 }, 'api#3': { mode: MODE.stopped } }));
    expect(cards().getAllByRole('listitem')).toHaveLength(2);
    expect(cards().queryByTestId('instance-3')).toBeNull();
  });

  it('show a mark per instance when zoomed out, the ejected one flagged', () => {
    const stores = renderWith(<InstanceCards nodeId="api" compact />, replicated);
    act(() => setReplicaLive(stores, 3000, { 'api#3': { busy: 4 } }, { 'api#3': ['web->api'] }));
    expect(screen.getByRole('list', { name: 'Instances of api' })).toHaveClass('is-compact');
    expect(cards().queryByTestId('instance-busy')).toBeNull();
    expect(within(card(3)).getByTestId('instance-ejected')).toBeInTheDocument();
    expect(card(3)).toHaveTextContent('Instance 3: healthy, 4 of 4 workers busy, 0 waiting, ejected by web');
  });

  it('are a few at most for a service with many instances, saying how many more there are', () => {
    const many = 9;
    const ids = ['web', 'api', ...Array.from({ length: many - 1 }, (_, i) => `api#${i + 2}`)];
    const topology: RunTopology = {
      nodeIds: ids,
      nodeKinds: ['client', ...ids.slice(1).map(() => 'service' as const)],
      workers: [0, ...ids.slice(1).map(() => 2)],
      instanceOf: ids.map((_, i) => (i === 0 ? 0 : 1)),
      instanceNumber: ids.map((_, i) => Math.max(1, i)),
      linkIds: ['web->api'],
      linkFrom: [0],
      linkTo: [1],
      initialModes: ids.map(() => 1),
    };
    const stores = renderWith(<InstanceCards nodeId="api" />, replicated);
    act(() => {
      setReplicaLive(stores, 1000, {});
      const state = stores.live.getState().state!;
      stores.live.setState({
        topology,
        nodeIndex: new Map(ids.map((id, i) => [id, i])),
        state: { ...state, nodes: ids.map((_, i) => state.nodes[Math.min(i, 1)]) },
      });
    });
    expect(cards().getAllByTestId(/^instance-\d+$/)).toHaveLength(MAX_CARDS);
    expect(cards().getByTestId('instances-more')).toHaveTextContent(`+${many - MAX_CARDS} more`);
  });

  it('are loaded only once the run has a service with several instances', async () => {
    const single = renderWith(<InstancesSlot nodeId="api" />, webAndApi);
    act(() => setLive(single, 1000, {}, { busy: 1 }));
    expect(screen.queryByRole('list')).toBeNull();
    single.view.unmount();
    const stores = renderWith(
      <>
        <InstancesSlot nodeId="api" />
        <InstancesSlot nodeId="db" />
      </>,
      replicated,
    );
    expect(screen.queryByRole('list')).toBeNull();
    act(() => setReplicaLive(stores, 1000, { 'api#2': { busy: 3 } }));
    expect(await screen.findByRole('list', { name: 'Instances of api' })).toBeInTheDocument();
    expect(within(card(2)).getByTestId('instance-busy')).toHaveTextContent('3/4');
    // db has one instance: no cards.
    expect(screen.getAllByRole('list')).toHaveLength(1);
  });
});

describe('instance cards in a real run', () => {
  it('flag the instance its caller ejects while the ejection lasts', async () => {
    const stores = renderWith(<InstanceCards nodeId="api" />, replicated);
    await act(() => stores.run.start(replicated, 10_000));
    const replay = stores.run.getState().replay!;
    const rows = Array.from({ length: replay.trace.length }, (_, r) => r).filter(
      (r) => replay.trace.type(r) === TraceType.EJECT || replay.trace.type(r) === TraceType.EJECT_END,
    );
    const [start, end] = rows.slice(0, 2).map((r) => replay.trace.time(r));
    act(() => {
      stores.playback.getState().seek(start + 1000);
      refreshLive(stores.live, stores);
    });
    expect(within(card(2)).getByTestId('instance-ejected')).toBeInTheDocument();
    expect(card(2)).toHaveAttribute('data-mode', 'degraded');
    expect(within(card(1)).queryByTestId('instance-ejected')).toBeNull();
    expect(within(card(3)).queryByTestId('instance-ejected')).toBeNull();
    const nodes = replay.stateAt(start + 1000).nodes;
    instancesOf(replay.topology, 1).forEach((node, k) => {
      expect(within(card(k + 1)).getByTestId('instance-busy')).toHaveTextContent(`${nodes[node].busy}/4`);
    });
    // Back in rotation when the ejection time is over.
    act(() => {
      stores.playback.getState().seek(end + 1);
      refreshLive(stores.live, stores);
    });
    expect(within(card(2)).queryByTestId('instance-ejected')).toBeNull();
  });

  it('show only the instances deployed at the playhead: one before the service scales up, three after', async () => {
    const scaled = {
      ...replicated,
      faults: [],
      nodes: replicated.nodes.map((n) => (n.id === 'api' ? { ...n, replicas: 1 } : n)),
      changes: [{ kind: 'service' as const, target: 'api', at: '2s', set: { replicas: 3 } }],
    };
    const stores = renderWith(
      <>
        <NodeLiveStatus nodeId="api" />
        <InstanceCards nodeId="api" />
      </>,
      scaled,
    );
    await act(() => stores.run.start(scaled, 4000));
    // The run has room for all three from the start (the engine builds as many as the service ever has).
    expect(instancesOf(stores.run.getState().replay!.topology, 1)).toHaveLength(3);
    act(() => {
      stores.playback.getState().seek(1000);
      refreshLive(stores.live, stores);
    });
    expect(cards().getAllByRole('listitem')).toHaveLength(1);
    expect(within(screen.getByTestId('node-live-api')).getByTestId('busy')).toHaveTextContent(/\/4 busy$/);
    act(() => {
      stores.playback.getState().seek(3000);
      refreshLive(stores.live, stores);
    });
    expect(cards().getAllByRole('listitem')).toHaveLength(3);
    expect(card(3)).toHaveAttribute('data-mode', 'healthy');
    expect(within(screen.getByTestId('node-live-api')).getByTestId('busy')).toHaveTextContent(/\/12 busy$/);
  });
});
