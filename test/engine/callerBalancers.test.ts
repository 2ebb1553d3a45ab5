/**
 * A replicated caller's instances each balance on their own, as client-side balancers in real
 * processes do: each has its round-robin cursor and its calls in flight, its discovery cache
 * (looked up by itself, on its own schedule), its health checks and its ejections.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../src/engine/index.ts';
import { TraceType } from '../../src/engine/trace/eventTypes.ts';
import { runToEnd, scenario } from '../support/scenarios.ts';

/** Per caller instance (by id): how many of its ROUTE rows over links into `callee` went to each callee instance (by id), in [from, to). */
function routesByCaller(sim: Simulation, callee: string, from = 0, to = Infinity): Record<string, Record<string, number>> {
  const trace = sim.rt.trace,
    ids = sim.rt.nodeIds,
    out: Record<string, Record<string, number>> = {};
  for (let i = 0; i < trace.length; i++) {
    if (trace.type(i) !== TraceType.ROUTE || trace.time(i) < from || trace.time(i) >= to) continue;
    const target = ids[trace.b(i)];
    if (target.split('#')[0] !== callee) continue;
    const caller = ids[trace.node(i)];
    out[caller] ??= {};
    out[caller][target] = (out[caller][target] ?? 0) + 1;
  }
  return out;
}

describe("a replicated caller's balancers", () => {
  it("keep a round-robin cursor per instance: each caller instance alternates over the callee's instances", () => {
    // web alternates its requests over api#1 and api#2; each api request calls db once. With one
    // cursor shared by api's instances, api#1 would always land on db#1 and api#2 on db#2.
    const { sim } = runToEnd(
      scenario({
        nodes: [
          { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'constant', rate: 20 } },
          { id: 'api', kind: 'service', replicas: 2, workers: 4, serviceTime: 5, calls: [{ to: 'db' }] },
          { id: 'db', kind: 'service', replicas: 2, workers: 4, serviceTime: 5 },
        ],
        links: [
          { from: 'web', to: 'api', latency: 1, loadBalancing: 'roundRobin' },
          { from: 'api', to: 'db', latency: 1, loadBalancing: 'roundRobin' },
        ],
        duration: '10s',
      }),
    );
    const routes = routesByCaller(sim, 'db');
    expect(Object.keys(routes).sort()).toEqual(['api', 'api#2']);
    for (const caller of ['api', 'api#2']) {
      expect(routes[caller]['db']).toBe(50);
      expect(routes[caller]['db#2']).toBe(50);
    }
  });

  it('keep a discovery cache per instance: one that was down keeps its stale cache until its own next lookup', () => {
    // db#2 crashes at 2 s for good; its lease runs out by 6 s. api#1 looks up at 4, 8, 12 s; api#2
    // is down from 1 s to 9 s (it looks nothing up at 4 and 8 s), so from 9 to 12 s its cache still
    // lists db#2, while api#1's has not since 8 s.
    const { sim } = runToEnd(
      scenario({
        nodes: [
          { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'constant', rate: 40 } },
          { id: 'api', kind: 'service', replicas: 2, workers: 8, serviceTime: 5, calls: [{ to: 'db' }] },
          { id: 'db', kind: 'service', replicas: 2, workers: 8, serviceTime: 5 },
          { id: 'registry', kind: 'registry', heartbeatInterval: '1s', ttl: '3s' },
        ],
        links: [
          { from: 'web', to: 'api', latency: 1, timeout: '1s', loadBalancing: 'roundRobin' },
          { from: 'api', to: 'db', latency: 1, timeout: '1s', discovery: { refreshInterval: '4s' } },
          { from: 'db', to: 'registry', latency: 1 },
          { from: 'api', to: 'registry', latency: 1 },
        ],
        faults: [
          { kind: 'crash', target: 'db', instance: 2, at: '2s' },
          { kind: 'crash', target: 'api', instance: 2, at: '1s', duration: '8s' },
        ],
        duration: '14s',
      }),
    );
    const late = routesByCaller(sim, 'db', 9500, 12_000);
    expect(late['api']['db#2'] ?? 0).toBe(0);
    expect(late['api#2']['db#2']).toBeGreaterThan(20);
    // Each instance's cache changes are its own rows.
    const trace = sim.rt.trace,
      api2 = sim.nodeIndexOf('api') === undefined ? -1 : sim.rt.nodeIds.indexOf('api#2');
    const removedBy = new Set<number>();
    for (let i = 0; i < trace.length; i++) if (trace.type(i) === TraceType.CACHE_REMOVE) removedBy.add(trace.node(i));
    expect(removedBy).toEqual(new Set([sim.nodeIndexOf('api'), api2]));
  });

  it("probe and judge per instance: each caller instance health-checks the callee's instances itself", () => {
    // db#2 is down from 3 s on; api#2 is down from 1 s to 6 s, so it marks db#2 unhealthy only after it is back.
    const { sim, report } = runToEnd(
      scenario({
        nodes: [
          { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'constant', rate: 20 } },
          { id: 'api', kind: 'service', replicas: 2, workers: 8, serviceTime: 5, calls: [{ to: 'db' }] },
          { id: 'db', kind: 'service', replicas: 2, workers: 8, serviceTime: 5 },
        ],
        links: [
          { from: 'web', to: 'api', latency: 1, timeout: '1s' },
          {
            from: 'api',
            to: 'db',
            latency: 1,
            timeout: '1s',
            healthCheck: { interval: '1s', timeout: '200ms', unhealthyThreshold: 2, healthyThreshold: 1 },
          },
        ],
        faults: [
          { kind: 'crash', target: 'db', instance: 2, at: '3s' },
          { kind: 'crash', target: 'api', instance: 2, at: '1s', duration: '5s' },
        ],
        duration: '10s',
      }),
    );
    const marked: { t: number; by: string }[] = [];
    for (let i = 0; i < sim.rt.trace.length; i++)
      if (sim.rt.trace.type(i) === TraceType.MARKED_UNHEALTHY)
        marked.push({ t: sim.rt.trace.time(i), by: sim.rt.nodeIds[sim.rt.trace.node(i)] });
    expect(marked.map((m) => m.by)).toEqual(['api', 'api#2']);
    expect(marked[0].t).toBeLessThan(6000);
    expect(marked[1].t).toBeGreaterThan(6000);
    // Each probes both db instances every second while it is up: api for all 10 s, api#2 for about 5 s; the report adds them up.
    const [own, second] = (sim.rt.links[sim.linkIndexOf('api->db') as number].balancers ?? []).map((b) => b.health?.probes ?? 0);
    expect(own).toBe(20);
    expect(second).toBeGreaterThanOrEqual(8);
    expect(second).toBeLessThanOrEqual(12);
    expect(report.links['api->db'].healthChecks?.probes).toBe(own + second);
  });
});
