/**
 * Replicas and client-side load balancing (features/balancer/balancer.ts): round robin is exact; power
 * of two choices and least outstanding beat random on the tail when one instance is slow;
 * consistent hashing keeps a key on its instance and moves ≈ 1/N of the keys when one is added;
 * outlier ejection takes a failing instance out after its consecutive failures, for its ejection
 * time, within its cap; a fault hits one instance or all; a change reaches every instance; a
 * retry goes to the next instance.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.ts';
import { HashRing } from '../../src/engine/features/balancer/balancer.ts';
import { TraceType } from '../../src/engine/trace/eventTypes.ts';
import type { ScenarioInput } from '../../src/model/index.ts';
import { scenario, runToEnd } from '../support/scenarios.ts';

type Parts = Parameters<typeof scenario>[0];
type LinkInput = NonNullable<ScenarioInput['links']>[number];

/** web → api (3 instances, 4 workers, exponential 20 ms), with `link` settings on web → api. */
function parts(
  o: {
    link?: Partial<LinkInput>;
    rate?: number;
    pattern?: 'poisson' | 'constant';
    faults?: Parts['faults'];
    changes?: Parts['changes'];
    replicas?: number;
    duration?: string;
    timeout?: string;
  } = {},
): Parts {
  return {
    nodes: [
      {
        id: 'web',
        kind: 'client',
        target: 'api',
        workload: { pattern: o.pattern ?? 'poisson', rate: o.rate ?? 300 },
        ...(o.timeout ? { timeout: o.timeout } : {}),
      },
      { id: 'api', kind: 'service', replicas: o.replicas ?? 3, workers: 4, serviceTime: { dist: 'exponential', mean: 20 } },
    ],
    links: [{ from: 'web', to: 'api', latency: 1, ...o.link }],
    faults: o.faults ?? [],
    changes: o.changes ?? [],
    duration: o.duration ?? '20s',
  };
}

const run = (p: Parts) => runToEnd(scenario(p));

/** The ROUTE rows of a run, in order: time, call, instance id. */
function routes(sim: Simulation): { t: number; call: number; instance: string }[] {
  const trace = sim.rt.trace,
    out = [];
  for (let i = 0; i < trace.length; i++)
    if (trace.type(i) === TraceType.ROUTE) out.push({ t: trace.time(i), call: trace.a(i), instance: sim.rt.nodeIds[trace.b(i)] });
  return out;
}

describe('a service with replicas', () => {
  it('has an engine node per instance, the first being the service itself, and reports each and their totals', () => {
    const { sim, report } = run(parts());
    expect(sim.rt.nodeIds).toEqual(['web', 'api', 'api#2', 'api#3']);
    const api = report.nodes.api;
    expect(api.instances?.map((x) => x.instance)).toEqual(['api#1', 'api#2', 'api#3']);
    expect(api.instances!.reduce((sum, x) => sum + x.ok, 0)).toBe(api.ok);
    expect(api.ok).toBeGreaterThan(5500);
    // Three pools of 4 at 300/s × 20 ms: half busy.
    expect(api.utilization).toBeCloseTo(0.5, 1);
    expect(report.nodes['api#2']).toBeUndefined();
  });

  it('spreads calls round robin exactly', () => {
    const { sim, report } = run(parts({ pattern: 'constant' }));
    const order = routes(sim).map((r) => r.instance);
    expect(order.slice(0, 6)).toEqual(['api', 'api#2', 'api#3', 'api', 'api#2', 'api#3']);
    const routed = report.links['web->api'].instances!.map((x) => x.routed);
    expect(Math.max(...routed) - Math.min(...routed)).toBeLessThanOrEqual(1);
    expect(routed.reduce((x, y) => x + y)).toBe(report.clients.web.sent);
  });

  it("with one slow instance: power of two choices and least outstanding keep the tail far below random's", () => {
    // Instance 1 works 4× slower; at 300/s random still sends it a third of the calls (0.8 of its capacity ⇒ a long line).
    const p99 = (loadBalancing: LinkInput['loadBalancing']) =>
      run(parts({ link: { loadBalancing }, faults: [{ kind: 'slow', target: 'api', instance: 1, at: 0, factor: 4 }] })).report.clients.web
        .latency.p99;
    const random = p99('random'),
      twoChoices = p99('powerOfTwo'),
      least = p99('leastOutstanding');
    expect(twoChoices).toBeLessThan(random / 2);
    expect(least).toBeLessThan(random / 2);
  });

  it('keeps a key on its instance with consistent hashing', () => {
    const { sim } = run(parts({ link: { loadBalancing: 'consistentHash', keys: 1 } }));
    expect(new Set(routes(sim).map((r) => r.instance)).size).toBe(1);
    const { report } = run(parts({ link: { loadBalancing: 'consistentHash', keys: 1000 } }));
    // Many keys spread over all three, none with more than half.
    const routed = report.links['web->api'].instances!.map((x) => x.routed);
    expect(Math.max(...routed)).toBeLessThan(0.5 * routed.reduce((x, y) => x + y));
    expect(Math.min(...routed)).toBeGreaterThan(0.2 * routed.reduce((x, y) => x + y));
  });

  it('crashes one instance with a fault that names it, and every instance without one', () => {
    const one = run(parts({ faults: [{ kind: 'crash', target: 'api', instance: 2, at: '5s', duration: '5s' }] }));
    const modesAt = (sim: Simulation) => [1, 2, 3].map((n) => sim.rt.service(n).mode);
    const mid = new Simulation(scenario(parts({ faults: [{ kind: 'crash', target: 'api', instance: 2, at: '5s', duration: '5s' }] })));
    mid.runUntil(7000);
    expect(modesAt(mid)).toEqual([1, 3, 1]);
    // A third of the calls in those 5 s are refused by the crashed instance (round robin keeps sending to it).
    expect(one.report.clients.web.rejected / 1500).toBeCloseTo(1 / 3, 1);
    expect(one.report.nodes.api.instances!.map((x) => x.rejected > 0)).toEqual([false, true, false]);
    const all = new Simulation(scenario(parts({ faults: [{ kind: 'crash', target: 'api', at: '5s', duration: '5s' }] })));
    all.runUntil(7000);
    expect(modesAt(all)).toEqual([3, 3, 3]);
  });

  it('ejects an instance after its consecutive failures, for its ejection time, and sends it nothing meanwhile', () => {
    const { sim, report } = run(
      parts({
        link: { outlierEjection: { consecutiveFailures: 3, ejectionTime: '2s' } },
        faults: [{ kind: 'crash', target: 'api', instance: 2, at: '5s', duration: '5s' }],
      }),
    );
    const trace = sim.rt.trace;
    const ejections: { t: number; type: number }[] = [];
    for (let i = 0; i < trace.length; i++)
      if (trace.type(i) === TraceType.EJECT || trace.type(i) === TraceType.EJECT_END)
        ejections.push({ t: trace.time(i), type: trace.type(i) });
    // Ejected just after 5 s, back 2 s later, ejected again after three more refusals, …, until the crash ends.
    expect(ejections[0].type).toBe(TraceType.EJECT);
    expect(ejections[0].t).toBeGreaterThan(5000);
    expect(ejections[0].t).toBeLessThan(5100);
    expect(ejections[1]).toEqual({ t: ejections[0].t + 2000, type: TraceType.EJECT_END });
    const toTwo = routes(sim).filter((r) => r.instance === 'api#2');
    expect(toTwo.filter((r) => r.t > ejections[0].t && r.t < ejections[1].t)).toEqual([]);
    // Refused: three per ejection, not a third of 5 s of traffic.
    expect(report.clients.web.rejected).toBe(3 * report.links['web->api'].instances![1].ejections);
    expect(report.links['web->api'].instances!.map((x) => x.ejections > 0)).toEqual([false, true, false]);
  });

  it('never ejects more than its cap: with every instance down, one in three at most at 40 %', () => {
    const { sim } = run(
      parts({
        link: { outlierEjection: { consecutiveFailures: 2, ejectionTime: '1s', maxEjectedPercent: 40 } },
        faults: [{ kind: 'crash', target: 'api', at: '5s', duration: '5s' }],
      }),
    );
    const trace = sim.rt.trace;
    let ejected = 0,
      most = 0;
    for (let i = 0; i < trace.length; i++) {
      if (trace.type(i) === TraceType.EJECT) most = Math.max(most, ++ejected);
      if (trace.type(i) === TraceType.EJECT_END) ejected--;
    }
    expect(most).toBe(1);
  });

  it('applies a change to every instance, and a new call plan to all of them', () => {
    const { sim } = run(parts({ changes: [{ kind: 'service', target: 'api', at: '1s', set: { workers: 9 } }], duration: '2s' }));
    expect([1, 2, 3].map((n) => sim.rt.service(n).workers)).toEqual([9, 9, 9]);
  });

  it('scales during the run: new instances start and share the calls; those taken away finish their work and get no more', () => {
    const { sim, report } = run(
      parts({
        pattern: 'constant',
        changes: [
          { kind: 'service', target: 'api', at: '5s', set: { replicas: 5 } },
          { kind: 'service', target: 'api', at: '10s', set: { replicas: 2 } },
        ],
        duration: '15s',
      }),
    );
    expect(sim.rt.nodeIds).toEqual(['web', 'api', 'api#2', 'api#3', 'api#4', 'api#5']);
    const between = (from: number, to: number) =>
      new Set(
        routes(sim)
          .filter((r) => r.t >= from && r.t < to)
          .map((r) => r.instance),
      );
    expect(between(0, 5000)).toEqual(new Set(['api', 'api#2', 'api#3']));
    expect(between(5000, 10_000)).toEqual(new Set(['api', 'api#2', 'api#3', 'api#4', 'api#5']));
    expect(between(10_000, 15_000)).toEqual(new Set(['api', 'api#2']));
    expect([1, 2, 3, 4, 5].map((n) => sim.rt.service(n).mode)).toEqual([1, 1, 5, 5, 5]);
    // A clean shutdown: what the stopped instances had in hand was answered, nothing was lost.
    expect(report.clients.web.dropped + report.clients.web.failed).toBe(0);
    expect(report.nodes.api.instances!.map((x) => x.mode)).toEqual(['healthy', 'healthy', 'stopped', 'stopped', 'stopped']);
  });

  it('starts a scaled-in instance after its startup time: until then it refuses what it is sent', () => {
    const p = parts({
      pattern: 'constant',
      changes: [{ kind: 'service', target: 'api', at: '5s', set: { replicas: 4 } }],
      duration: '10s',
    });
    (p.nodes[1] as { startupTime?: string }).startupTime = '1s';
    const { report } = run(p);
    const fourth = report.nodes.api.instances![3];
    // About a quarter of 1 s of 300 calls a second.
    expect(fourth.rejected).toBeGreaterThan(50);
    expect(fourth.rejected).toBeLessThan(100);
    expect(fourth.ok).toBeGreaterThan(200);
  });

  it('sends a retry to the next instance', () => {
    const { sim } = run(
      parts({
        pattern: 'constant',
        rate: 10,
        duration: '3s',
        link: { retry: { maxAttempts: 2, backoff: 'none' }, timeout: '500ms' },
        faults: [{ kind: 'crash', target: 'api', instance: 1, at: 0 }],
      }),
    );
    const byRoot = new Map<number, string[]>();
    for (const r of routes(sim)) {
      const root = sim.rt.calls.root[r.call];
      byRoot.set(root, [...(byRoot.get(root) ?? []), r.instance]);
    }
    const retried = [...byRoot.values()].filter((list) => list.length === 2);
    expect(retried.length).toBeGreaterThan(5);
    expect(retried.every(([first, second]) => first === 'api' && second === 'api#2')).toBe(true);
  });
});

describe('a consistent-hash ring', () => {
  it('moves about 1/N of the keys when an instance is added, all of them to the new one', () => {
    for (const n of [3, 5, 10]) {
      const before = new HashRing(n),
        after = new HashRing(n + 1);
      let moved = 0;
      const keys = 20_000;
      for (let key = 0; key < keys; key++) {
        const was = before.owner(key),
          is = after.owner(key);
        if (was !== is) {
          moved++;
          expect(is).toBe(n);
        }
      }
      expect(moved / keys).toBeGreaterThan(0.6 / (n + 1));
      expect(moved / keys).toBeLessThan(1.4 / (n + 1));
    }
  });

  it('gives each instance a fair share of the keys', () => {
    const ring = new HashRing(4),
      counts = [0, 0, 0, 0];
    for (let key = 0; key < 20_000; key++) counts[ring.owner(key)]++;
    for (const c of counts) expect(c / 20_000).toBeGreaterThan(0.18);
    for (const c of counts) expect(c / 20_000).toBeLessThan(0.32);
  });

  it('passes a key over to the next instance on the ring when its own may not take it', () => {
    const ring = new HashRing(3);
    for (let key = 0; key < 200; key++) {
      const own = ring.owner(key);
      const next = ring.owner(key, (k) => k !== own);
      expect(next).not.toBe(own);
    }
  });
});
