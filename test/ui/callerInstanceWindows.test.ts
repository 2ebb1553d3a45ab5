/**
 * What the callers know of each instance, when the caller is replicated: each of its instances
 * keeps its own cache (and ejections, and health verdicts), so an instance stays flagged as cached
 * while any caller instance still caches it, and the link is named once.
 */
import { describe, expect, it } from 'vitest';
import { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { RunSession } from '../../src/worker/runSession.ts';
import { InstanceWindow, windowsAt } from '../../src/engine/replay/indexes/instanceWindows.ts';
import { scenario } from '../support/scenarios.ts';

describe("a replicated caller's cache windows", () => {
  it('stay open while any caller instance caches the instance', () => {
    // db#2 crashes at 2 s for good (lease gone by 6 s). api#1 looks up at 4, 8, 12 s; api#2 is down from 1 s to 9 s and drops db#2 only at
    // its 12 s lookup.
    const s = scenario({
      nodes: [
        { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'constant', rate: 20 } },
        { id: 'api', kind: 'service', replicas: 2, workers: 8, serviceTime: 5, calls: [{ to: 'db' }] },
        { id: 'db', kind: 'service', replicas: 2, workers: 8, serviceTime: 5 },
        { id: 'registry', kind: 'registry', heartbeatInterval: '1s', ttl: '3s' },
      ],
      links: [
        { from: 'web', to: 'api', latency: 1, timeout: '1s' },
        { from: 'api', to: 'db', latency: 1, timeout: '1s', discovery: { refreshInterval: '4s' } },
        { from: 'db', to: 'registry', latency: 1 },
        { from: 'api', to: 'registry', latency: 1 },
      ],
      faults: [
        { kind: 'crash', target: 'db', instance: 2, at: '2s' },
        { kind: 'crash', target: 'api', instance: 2, at: '1s', duration: '8s' },
      ],
      duration: '14s',
    });
    const session = new RunSession(s);
    const replay = new TraceReplay(session.topology);
    for (let until = 1000; !replay.done; until += 1000) replay.ingest(session.advance(until, 1_000_000));
    const db2 = session.topology.nodeIds.indexOf('db#2'),
      link = session.topology.linkIds.indexOf('api->db');
    // Both instances cache it at first: the link once.
    expect(windowsAt(replay, InstanceWindow.CACHED, 1000)?.[db2]).toEqual([link]);
    // api#1 dropped it at 8 s; api#2 still caches it.
    expect(windowsAt(replay, InstanceWindow.CACHED, 10_000)?.[db2]).toEqual([link]);
    // api#2's own lookup at 12 s drops it too.
    expect(windowsAt(replay, InstanceWindow.CACHED, 13_000)?.[db2]).toBeUndefined();
  });
});
