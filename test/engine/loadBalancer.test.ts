/**
 * A load balancer node (server-side load balancing): callers send to it without knowing the
 * instances; it spreads requests over them by its own link to the service (the algorithm, health
 * checks, outlier ejection), and with discovery on that link it is the one that asks the registry
 * (server-side discovery) — the callers need no link to the registry at all.
 */
import { describe, expect, it } from 'vitest';
import { TraceType } from '../../src/engine/trace/eventTypes.ts';
import { validateScenario, type ScenarioInput } from '../../src/model/index.ts';
import { scenario, runToEnd } from '../support/scenarios.ts';

function doc(o: { discovery?: boolean; faults?: ScenarioInput['faults'] } = {}): ScenarioInput {
  return {
    version: 1,
    seed: 2,
    duration: '40s',
    nodes: [
      { id: 'a', kind: 'client', target: 'lb', workload: { pattern: 'constant', rate: 30 } },
      { id: 'b', kind: 'client', target: 'lb', workload: { pattern: 'constant', rate: 30 } },
      { id: 'lb', kind: 'loadBalancer', to: 'api' },
      { id: 'api', kind: 'service', replicas: 3, workers: 4, serviceTime: { dist: 'exponential', mean: 20 } },
      ...(o.discovery ? [{ id: 'registry', kind: 'registry' as const }] : []),
    ],
    links: [
      { from: 'a', to: 'lb', latency: 1 },
      { from: 'b', to: 'lb', latency: 1 },
      {
        from: 'lb',
        to: 'api',
        latency: 1,
        timeout: '1s',
        loadBalancing: 'roundRobin',
        ...(o.discovery ? { discovery: { refreshInterval: '10s' } } : {}),
      },
      ...(o.discovery
        ? [
            { from: 'api', to: 'registry' },
            { from: 'lb', to: 'registry' },
          ]
        : []),
    ],
    faults: o.faults ?? [],
  };
}

const run = (input: ScenarioInput) => runToEnd(scenario(input as Parameters<typeof scenario>[0]));

describe('a load balancer', () => {
  it("spreads both callers' requests over the instances, round robin across callers", () => {
    const { sim, report } = run(doc());
    expect(report.nodes.lb.kind).toBe('loadBalancer');
    const routed = report.links['lb->api'].instances!.map((x) => x.routed);
    expect(Math.max(...routed) - Math.min(...routed)).toBeLessThanOrEqual(1);
    // Every request the callers sent went on to an instance (but those still on the way at the end).
    const total = routed.reduce((x, y) => x + y);
    expect(total - report.nodes.api.arrivals).toBeLessThanOrEqual(2);
    expect(report.clients.a.sent + report.clients.b.sent - total).toBeLessThanOrEqual(2);
    // The callers' own links have no balancer: they know only the load balancer.
    expect(sim.rt.links[0].balancer).toBeUndefined();
    expect(report.clients.a.completed + report.clients.b.completed).toBeGreaterThan(2300);
  });

  it('does server-side discovery: it alone looks the service up, and drops a crashed instance after its lease runs out', () => {
    const { sim, report } = run(doc({ discovery: true, faults: [{ kind: 'crash', target: 'api', instance: 3, at: '5s' }] }));
    expect(report.registries!.registry.lookups).toBeGreaterThanOrEqual(3);
    expect(report.registries!.registry.entries.map((e) => e.instance)).toEqual(['api#1', 'api#2', 'api#3']);
    const removed: number[] = [];
    for (let i = 0; i < sim.rt.trace.length; i++) if (sim.rt.trace.type(i) === TraceType.CACHE_REMOVE) removed.push(sim.rt.trace.node(i));
    expect(removed).toEqual([sim.nodeIndexOf('lb')]);
    // Both callers feel the stale window the same, through the one cache: the load balancer's call to the dead instance is refused, so
    // their request fails.
    expect(report.clients.a.failed).toBeGreaterThan(50);
    expect(Math.abs(report.clients.a.failed - report.clients.b.failed)).toBeLessThan(15);
    expect(report.links['lb->api'].discovery!.staleRoutes).toBe(report.clients.a.failed + report.clients.b.failed);
  });

  it('must be linked to its service', () => {
    const bad = doc();
    bad.links = bad.links!.filter((l) => l.from !== 'lb');
    const result = validateScenario(bad);
    expect(result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'nodes[2].to: there is no link from "lb" to "api"; connect them first',
    ]);
  });
});
