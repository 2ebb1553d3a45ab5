/**
 * A service registry and client-side discovery (features/registry/registry.ts): entries follow their
 * heartbeats (a crashed instance's entry is stale until its TTL, a clean shutdown deregisters at
 * once); a caller's cache is as old as its last lookup, so it routes to a dead instance until the
 * first refresh after the expiry; a registry outage keeps caches as they were and hides new
 * instances; heartbeats lost on the network expire a live instance; with nothing known, a call
 * fails at once.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../src/engine/index.ts';
import { TraceType } from '../../src/engine/trace/eventTypes.ts';
import { ENTRY_STATE_NAMES } from '../../src/engine/features/registry/registryMachine.ts';
import { RejectReason } from '../../src/engine/trace/eventTypes.ts';
import { validateScenario, type ScenarioInput } from '../../src/model/index.ts';
import { example, scenario, runToEnd } from '../support/scenarios.ts';
import { rowsOf } from '../support/eventLog.ts';

type Parts = Parameters<typeof scenario>[0];

/** web (60/s, 1 s timeout) → api (3 instances) discovering through `registry` (5 s heartbeats, 15 s TTL, 10 s refresh). */
function parts(o: { faults?: Parts['faults']; changes?: Parts['changes']; heartbeatLoss?: number; duration?: string } = {}): Parts {
  return {
    nodes: [
      { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'constant', rate: 60 } },
      { id: 'api', kind: 'service', replicas: 3, workers: 4, serviceTime: { dist: 'exponential', mean: 20 } },
      { id: 'registry', kind: 'registry', heartbeatInterval: '5s', ttl: '15s' },
    ],
    links: [
      { from: 'web', to: 'api', latency: 1, timeout: '1s', discovery: { refreshInterval: '10s' } },
      { from: 'api', to: 'registry', latency: 1, loss: o.heartbeatLoss ?? 0 },
      { from: 'web', to: 'registry', latency: 1 },
    ],
    faults: o.faults ?? [],
    changes: o.changes ?? [],
    duration: o.duration ?? '60s',
  };
}

const run = (p: Parts) => runToEnd(scenario(p));

/** Rows of `type` as { t, a, b } with node ids for a and b where they are nodes. */
const rows = rowsOf;

/** Entry history of instance `id`: [time, state name]. */
function entryHistory(sim: Simulation, id: string): [number, string][] {
  const node = sim.rt.nodeIds.indexOf(id);
  return rows(sim, TraceType.REGISTRY_ENTRY)
    .filter((r) => r.a === node)
    .map((r) => [r.t, ENTRY_STATE_NAMES[r.b]]);
}

describe('a service registry', () => {
  it('lists every instance up at the start, renews their leases by heartbeats, and keeps them healthy', () => {
    const { sim, report } = run(parts());
    expect(entryHistory(sim, 'api#2')).toEqual([
      [0, 'registered'],
      [0, 'healthy'],
    ]);
    const r = report.registries!.registry;
    // 3 instances × 11 heartbeats (5 s … 55 s); lookups sent every 10 s (the one at 60 s is still on its way).
    expect(r).toMatchObject({ heartbeats: 33, expirations: 0, deregistrations: 0, lookups: 5, refused: 0 });
    expect(r.entries.map((e) => e.state)).toEqual(['healthy', 'healthy', 'healthy']);
    expect(report.links['web->api'].discovery).toMatchObject({ lookups: 6, staleRoutes: 0, cached: ['api#1', 'api#2', 'api#3'] });
  });

  it('keeps a crashed instance listed (stale) until its lease runs out; callers send it calls until their next lookup after that', () => {
    const { sim, report } = run(parts({ faults: [{ kind: 'crash', target: 'api', instance: 2, at: '12s' }] }));
    // Last heartbeat at 10 s (+1 ms on the way): expired 15 s later.
    const history = entryHistory(sim, 'api#2');
    expect(history.at(-1)![1]).toBe('expired');
    expect(history.at(-1)![0]).toBeCloseTo(25_001.3, 3);
    // The lookup at 30 s is the first to leave it out.
    const removed = rows(sim, TraceType.CACHE_REMOVE);
    expect(removed.length).toBe(1);
    expect(removed[0].t).toBeGreaterThan(30_000);
    expect(removed[0].t).toBeLessThan(30_010);
    // From 12 s to 30 s a third of the calls went to the dead instance and were refused.
    const stale = report.links['web->api'].discovery!.staleRoutes;
    expect(stale).toBeGreaterThan(0.3 * 18 * 60);
    expect(stale).toBeLessThan(0.36 * 18 * 60);
    expect(report.clients.web.rejected).toBe(stale);
    expect(report.links['web->api'].discovery!.cached).toEqual(['api#1', 'api#3']);
  });

  it('deregisters an instance shut down cleanly at once; callers stop calling it at their next lookup', () => {
    const { sim, report } = run(parts({ changes: [{ kind: 'service', target: 'api', at: '12s', set: { replicas: 2 } }] }));
    const history = entryHistory(sim, 'api#3');
    expect(history.at(-1)![1]).toBe('deregistered');
    expect(history.at(-1)![0]).toBeLessThan(12_010);
    expect(report.registries!.registry).toMatchObject({ deregistrations: 1, expirations: 0 });
    expect(rows(sim, TraceType.CACHE_REMOVE)[0].t).toBeGreaterThan(20_000);
    expect(rows(sim, TraceType.CACHE_REMOVE)[0].t).toBeLessThan(20_010);
    // Until then, a third of the calls reach an instance that stopped taking them.
    expect(report.links['web->api'].discovery!.staleRoutes).toBeGreaterThan(100);
  });

  it('registers an instance again when it restarts, and callers find it at their next lookup', () => {
    const { sim } = run(parts({ faults: [{ kind: 'crash', target: 'api', instance: 2, at: '12s', duration: '20s' }] }));
    const history = entryHistory(sim, 'api#2').map(([, s]) => s);
    expect(history).toEqual(['registered', 'healthy', 'expired', 'registered', 'healthy']);
    const node = sim.rt.nodeIds.indexOf('api#2');
    const added = rows(sim, TraceType.CACHE_ADD).filter((r) => r.b === node && r.t > 0);
    expect(added.length).toBe(1);
    expect(added[0].t).toBeGreaterThan(40_000);
    expect(added[0].t).toBeLessThan(40_010);
  });

  it('during its outage refuses heartbeats and lookups: callers keep their caches, and an instance scaled in then is not found until it is back', () => {
    const { sim, report } = run(
      parts({
        faults: [{ kind: 'crash', target: 'registry', at: '12s', duration: '20s' }],
        changes: [{ kind: 'service', target: 'api', at: '15s', set: { replicas: 4 } }],
      }),
    );
    const fourth = sim.rt.nodeIds.indexOf('api#4');
    const routedToFourth = rows(sim, TraceType.ROUTE).filter((r) => r.b === fourth);
    expect(Math.min(...routedToFourth.map((r) => r.t))).toBeGreaterThan(40_000);
    expect(report.registries!.registry.refused).toBeGreaterThan(0);
    // Leases lapsed during the outage expire when it is back; the instances renew at their next heartbeat.
    expect(report.registries!.registry.expirations).toBeGreaterThanOrEqual(3);
    expect(report.clients.web.rejected).toBe(0);
    expect(report.links['web->api'].discovery!.cached).toEqual(['api#1', 'api#2', 'api#3', 'api#4']);
  });

  it('expires a live instance whose heartbeats are lost on the way', () => {
    const { report } = run(parts({ heartbeatLoss: 0.7, duration: '120s' }));
    expect(report.registries!.registry.expirations).toBeGreaterThan(0);
    expect(report.registries!.registry.registrations).toBeGreaterThan(0);
  });

  it('fails a call at once when the caller knows of no instance', () => {
    const { sim, report } = run(parts({ faults: [{ kind: 'crash', target: 'api', at: '12s' }] }));
    const none = rows(sim, TraceType.NO_INSTANCE);
    // From the lookup at 30 s on: every call (60/s for 30 s).
    expect(none.length).toBeGreaterThan(1700);
    expect(Math.min(...none.map((r) => r.t))).toBeGreaterThan(30_000);
    expect(none.every((r) => sim.rt.calls.reason[r.a] === RejectReason.NO_INSTANCE)).toBe(true);
    expect(report.clients.web.rejected).toBeGreaterThan(none.length);
  });
});

describe('a registry in a document', () => {
  const problems = (doc: unknown) => {
    const r = validateScenario(doc);
    return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
  };
  const base = scenarioInput();

  it('is linked to by services and callers, never from', () => {
    expect(problems(base)).toEqual([]);
    expect(problems({ ...base, links: [...base.links!, { from: 'registry', to: 'api' }] })).toEqual([
      'links[3].from: a registry only answers: link services and callers to it, not from it',
    ]);
  });

  it('needs the service registered and the caller linked to the registry for discovery', () => {
    expect(problems({ ...base, links: [base.links![0], base.links![2]] })).toEqual([
      'links[0].discovery: "api" registers with no registry: link it to one, so that its instances can be found',
    ]);
    expect(problems({ ...base, links: [base.links![0], base.links![1]] })).toEqual([
      'links[0].discovery: "web" has no link to the registry "registry" to look "api" up; connect them',
    ]);
  });

  it('can be crashed (an outage), and has defaults', () => {
    expect(problems({ ...base, faults: [{ kind: 'crash', target: 'registry', at: 0 }] })).toEqual([]);
    const result = validateScenario(base);
    expect(result.ok && result.scenario.nodes[2]).toEqual({ id: 'registry', kind: 'registry', heartbeatInterval: 5000, ttl: 15_000 });
  });
});

function scenarioInput(): ScenarioInput {
  return {
    version: 1,
    nodes: [
      { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'constant', rate: 10 } },
      { id: 'api', kind: 'service', replicas: 2 },
      { id: 'registry', kind: 'registry' },
    ],
    links: [
      { from: 'web', to: 'api', discovery: {} },
      { from: 'api', to: 'registry' },
      { from: 'web', to: 'registry' },
    ],
  };
}

describe('the shipped discovery example', () => {
  it('does what its description says: instance 2 stale from 20 s, expired at about 30 s, out of the cache at the lookup that comes just after', () => {
    const { sim, report } = runToEnd(example('discovery'));
    const two = sim.rt.nodeIds.indexOf('catalog#2');
    const history = rows(sim, TraceType.REGISTRY_ENTRY)
      .filter((r) => r.a === two)
      .map((r) => [Math.round(r.t / 1000), ENTRY_STATE_NAMES[r.b]]);
    expect(history).toEqual([
      [0, 'registered'],
      [0, 'healthy'],
      [30, 'expired'],
    ]);
    const removed = rows(sim, TraceType.CACHE_REMOVE);
    // The lookup sent at 30 s reaches the registry just after the expiry (30.0013 s).
    expect(removed.map((r) => [Math.round(r.t / 1000), sim.rt.nodeIds[r.b]])).toEqual([[30, 'catalog#2']]);
    // Refused while stale: a third of 60 a second for the 10 s until then.
    expect(report.links['shop->catalog'].discovery!.staleRoutes).toBe(report.clients.shop.rejected);
    expect(report.clients.shop.rejected / (10 * 60)).toBeCloseTo(1 / 3, 1);
    expect(rows(sim, TraceType.ROUTE).filter((r) => r.b === two && r.t > removed[0].t)).toEqual([]);
  });
});
