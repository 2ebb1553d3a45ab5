// @vitest-environment jsdom
/**
 * A replicated service in the run at the playhead: the engine runs each instance as a node of its
 * own, and the service's box adds them up (its mode one word for all of them; instances scaled
 * away do not count); the live state says which instances a caller ejects (between an EJECT row
 * and its EJECT_END); an instance is named as people read it. From a live store set by hand and
 * from a real run, where the box must say what the replay says.
 */
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TraceType } from '../../src/engine/trace/eventTypes.ts';
import { serviceSummary } from '../../src/ui/kinds/summaries.ts';
import { ejectionsAt } from '../../src/engine/replay/indexes/instanceWindows.ts';
import { engineNodeLabel, hasReplicas, instancesOf } from '../../src/ui/playback/instances.ts';
import { refreshLive } from '../../src/ui/playback/liveState.ts';
import { NodeLiveStatus } from '../../src/ui/playback/NodeLiveStatus.tsx';
import { combinedMode, MODE } from '../../src/ui/playback/nodeStatus.ts';
import { renderWith, webAndApiTopology } from './playbackSupport.tsx';
import { replicated, replicatedTopology, setReplicaLive } from './replicaSupport.tsx';

const busy = () => within(screen.getByTestId('node-live-api')).getByTestId('busy');

describe("a replicated service's box at the playhead", () => {
  it('shows the totals over its instances, and is degraded while only some serve', () => {
    const stores = renderWith(<NodeLiveStatus nodeId="api" />, replicated);
    act(() =>
      setReplicaLive(stores, 3000, {
        api: { busy: 2, line: 1, errors: 1 },
        'api#2': { busy: 4, line: 6, rejected: 3 },
        'api#3': { busy: 0, dropped: 2, mode: MODE.crashed },
      }),
    );
    const box = screen.getByTestId('node-live-api');
    expect(busy()).toHaveTextContent('6/12 busy');
    expect(within(box).getByTestId('line')).toHaveTextContent('7');
    expect(within(box).getByTestId('errors')).toHaveTextContent('1');
    expect(within(box).getByTestId('rejected')).toHaveTextContent('3');
    expect(within(box).getByTestId('dropped')).toHaveTextContent('2');
    expect(box).toHaveAttribute('data-mode', String(MODE.degraded));
    // Every instance down: the service is.
    act(() =>
      setReplicaLive(stores, 4000, { api: { mode: MODE.crashed }, 'api#2': { mode: MODE.crashed }, 'api#3': { mode: MODE.restarting } }),
    );
    expect(box).toHaveAttribute('data-mode', String(MODE.crashed));
  });

  it('counts an instance scaled away while it finishes its work in hand, then no more', () => {
    const stores = renderWith(<NodeLiveStatus nodeId="api" />, replicated);
    act(() => setReplicaLive(stores, 3000, { api: { busy: 1 }, 'api#2': { busy: 1 }, 'api#3': { busy: 2, mode: MODE.stopped } }));
    expect(busy()).toHaveTextContent('4/12 busy');
    // The two deployed instances serve: the service is healthy.
    expect(screen.getByTestId('node-live-api')).toHaveAttribute('data-mode', String(MODE.healthy));
    act(() => setReplicaLive(stores, 3500, { api: { busy: 1 }, 'api#2': { busy: 1 }, 'api#3': { mode: MODE.stopped } }));
    expect(busy()).toHaveTextContent('2/8 busy');
  });

  it('shows a service of one instance as before', () => {
    const stores = renderWith(<NodeLiveStatus nodeId="db" />, replicated);
    act(() => setReplicaLive(stores, 3000, { db: { busy: 3, line: 2 } }));
    expect(within(screen.getByTestId('node-live-db')).getByTestId('busy')).toHaveTextContent('3/4 busy');
  });
});

describe('instances in words', () => {
  it("sums up the modes of a service's instances in one", () => {
    expect(combinedMode([MODE.healthy, MODE.healthy])).toBe(MODE.healthy);
    expect(combinedMode([MODE.crashed, MODE.crashed, MODE.crashed])).toBe(MODE.crashed);
    expect(combinedMode([MODE.healthy, MODE.crashed])).toBe(MODE.degraded);
    expect(combinedMode([MODE.restarting, MODE.degraded])).toBe(MODE.degraded);
    expect(combinedMode([MODE.restarting, MODE.crashed])).toBe(MODE.crashed);
    expect(combinedMode([MODE.starting, MODE.restarting])).toBe(MODE.starting);
    // Instances scaled away (or not yet in) do not count.
    expect(combinedMode([MODE.healthy, MODE.healthy, MODE.stopped])).toBe(MODE.healthy);
    expect(combinedMode([MODE.crashed, MODE.stopped])).toBe(MODE.crashed);
  });

  it('maps a service to its engine nodes and names each instance', () => {
    expect(hasReplicas(replicatedTopology)).toBe(true);
    expect(hasReplicas(webAndApiTopology)).toBe(false);
    expect(instancesOf(replicatedTopology, 1)).toEqual([1, 5, 6]);
    expect(instancesOf(replicatedTopology, 2)).toEqual([2]);
    expect(instancesOf(webAndApiTopology, 1)).toEqual([1]);
    expect(engineNodeLabel(replicatedTopology, 1)).toBe('api (instance 1)');
    expect(engineNodeLabel(replicatedTopology, 6)).toBe('api (instance 3)');
    expect(engineNodeLabel(replicatedTopology, 2)).toBe('db');
  });

  it('says how many instances a service runs in its summary', () => {
    expect(serviceSummary({ id: 'api', kind: 'service', workers: 4, replicas: 3, serviceTime: '10ms' })).toBe('3 × 4 workers · 10ms');
    expect(serviceSummary({ id: 'api', kind: 'service', workers: 4, replicas: 1, serviceTime: '10ms' })).toBe('4 workers · 10ms');
  });
});

describe('a replicated service in a real run', () => {
  it('knows which instance its caller ejects while the ejection lasts, and the box adds the instances up', async () => {
    const stores = renderWith(<NodeLiveStatus nodeId="api" />, replicated);
    await act(() => stores.run.start(replicated, 10_000));
    const replay = stores.run.getState().replay!;
    const api2 = replay.topology.nodeIds.indexOf('api#2');
    expect(instancesOf(replay.topology, 1)).toEqual([1, api2, replay.topology.nodeIds.indexOf('api#3')]);
    // Instance 2 fails everything from 2 s: web ejects it after 3 failures in a row, for 5 s.
    const rows = Array.from({ length: replay.trace.length }, (_, r) => r).filter(
      (r) => replay.trace.type(r) === TraceType.EJECT || replay.trace.type(r) === TraceType.EJECT_END,
    );
    const [start, end] = rows.slice(0, 2).map((r) => replay.trace.time(r));
    expect(replay.trace.type(rows[0])).toBe(TraceType.EJECT);
    expect(replay.trace.b(rows[0])).toBe(api2);
    expect(start).toBeGreaterThan(2000);
    expect(end).toBeCloseTo(start + 5000, 6);
    expect(ejectionsAt(replay, start - 1)).toBeUndefined();
    expect(ejectionsAt(replay, start)?.[api2]).toEqual([0]);
    // Over at its end (the state after every row at or before the instant, as the replay's).
    expect(ejectionsAt(replay, end)).toBeUndefined();

    act(() => {
      stores.playback.getState().seek(start + 1000);
      refreshLive(stores.live, stores);
    });
    expect(stores.live.getState().ejectedBy?.[api2]).toEqual([0]);
    const nodes = replay.stateAt(start + 1000).nodes;
    const [one, two, three] = instancesOf(replay.topology, 1).map((i) => nodes[i]);
    expect(two.mode).toBe(MODE.degraded);
    expect(busy()).toHaveTextContent(`${one.busy + two.busy + three.busy}/12 busy`);
    expect(within(screen.getByTestId('node-live-api')).getByTestId('errors')).toHaveTextContent(
      String(one.errors + two.errors + three.errors),
    );
    // Out of rotation, instance 2 gets no more calls (but those already on their way) while the others share them.
    const before = replay.stateAt(start).nodes;
    expect(two.arrivals - before[api2].arrivals).toBeLessThanOrEqual(2);
    expect(one.arrivals - before[1].arrivals).toBeGreaterThan(10);

    act(() => {
      stores.playback.getState().seek(end + 1);
      refreshLive(stores.live, stores);
    });
    const next = rows.length > 2 ? replay.trace.time(rows[2]) : Infinity;
    expect(next).toBeGreaterThan(end + 1);
    expect(stores.live.getState().ejectedBy).toBeUndefined();
  });

  it('leaves a run without replicas as it was: no ejections looked for', async () => {
    const single = { ...replicated, nodes: replicated.nodes.map((n) => (n.id === 'api' ? { ...n, replicas: 1 } : n)), faults: [] };
    const stores = renderWith(<NodeLiveStatus nodeId="api" />, single);
    await act(() => stores.run.start(single, 2000));
    act(() => {
      stores.playback.getState().seek(1000);
      refreshLive(stores.live, stores);
    });
    const topology = stores.run.getState().replay!.topology;
    expect(topology.nodeIds).toEqual(['web', 'api', 'db', 'jobs', 'worker']);
    expect(hasReplicas(topology)).toBe(false);
    expect(stores.live.getState().ejectedBy).toBeUndefined();
    expect(busy()).toHaveTextContent(/\/4 busy$/);
  });
});
