/** The call table's up-front size, and the run's work estimated before it starts (capacity.ts). */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import {
  CALL_ROW_BYTES,
  ESTIMATE_FACTOR,
  ESTIMATE_MIN_ROWS,
  MAX_RESERVED_CALLS,
  MEMORY_OVERHEAD,
  TRACE_ROW_BYTES,
  estimateRun,
  expectedCalls,
  reservedCalls,
} from '../../src/engine/capacity.ts';
import { simulate } from '../../src/engine/index.ts';
import { parseScenario, withDuration, type Scenario } from '../../src/model/index.ts';
import { example, scenario } from '../support/scenarios.ts';

describe('reservedCalls', () => {
  it('estimates the calls of the reference run (fan-out included) within 20 %, so the table never doubles', () => {
    const reference = example('reference');
    const { simulation } = simulate(reference);
    const used = simulation.rt.calls.length;
    const reserved = reservedCalls(reference);
    expect(reserved / used).toBeGreaterThan(1);
    expect(reserved / used).toBeLessThan(1.2);
  });

  it('is capped for long scenarios and survives call cycles', () => {
    const s = scenario({
      duration: '1000h',
      nodes: [
        { id: 'c', kind: 'client', target: 'a', workload: { pattern: 'poisson', rate: 1000 } },
        { id: 'a', kind: 'service', calls: [{ to: 'b' }] },
        { id: 'b', kind: 'service', calls: [{ to: 'a' }] },
      ],
      links: [
        { from: 'c', to: 'a' },
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
      ],
    });
    expect(reservedCalls(s)).toBe(MAX_RESERVED_CALLS);
  });
});

/** Every shipped scenario: the examples, and each lesson's starting system. */
function shipped(): [string, Scenario][] {
  const dir = (name: string) => new URL(`../../simulations/${name}/`, import.meta.url);
  const read = (name: string, file: string) => JSON.parse(readFileSync(new URL(file, dir(name)), 'utf8'));
  return [
    ...readdirSync(dir('examples')).map((f): [string, Scenario] => [`examples/${f}`, parseScenario(read('examples', f))]),
    ...readdirSync(dir('lessons'))
      .filter((f) => f.endsWith('.json'))
      .map((f): [string, Scenario] => [`lessons/${f}`, parseScenario(read('lessons', f).scenario)]),
  ];
}

describe('estimateRun', () => {
  const cases = shipped();

  it(`is within ${ESTIMATE_FACTOR}× of the calls and trace rows each shipped example really makes (runs of ${ESTIMATE_MIN_ROWS}+ rows)`, () => {
    let judged = 0;
    for (const [name, s] of cases) {
      const { simulation } = simulate(s);
      const rows = simulation.rt.trace.length;
      const calls = simulation.rt.calls.length;
      simulation.release();
      const estimate = estimateRun(s);
      expect(estimate.until, name).toBe(s.duration);
      if (rows < ESTIMATE_MIN_ROWS) {
        // A few thousand rows at most (retried storms the estimate cannot foresee): far below any budget.
        expect(estimate.events, name).toBeLessThan(ESTIMATE_MIN_ROWS);
        continue;
      }
      judged++;
      for (const [what, estimated, actual] of [
        ['rows', estimate.events, rows],
        ['calls', estimate.calls, calls],
      ] as const) {
        expect(estimated / actual, `${name}: ${what} estimated ${estimated}, really ${actual}`).toBeLessThan(ESTIMATE_FACTOR);
        expect(actual / estimated, `${name}: ${what} estimated ${estimated}, really ${actual}`).toBeLessThan(ESTIMATE_FACTOR);
      }
      expect(estimate.bytes).toBe(Math.ceil((estimate.events * TRACE_ROW_BYTES + estimate.calls * CALL_ROW_BYTES) * MEMORY_OVERHEAD));
    }
    expect(judged).toBeGreaterThan(cases.length / 2);
  }, 60_000);

  it("scales with the run's length (--until, Duration) as a run of that length does", () => {
    const mm1 = example('mm1');
    const base = estimateRun(mm1);
    const long = estimateRun(mm1, { until: mm1.duration * 10 });
    expect(long.until).toBe(mm1.duration * 10);
    expect(long.events / base.events).toBeCloseTo(10, 1);
    const short = simulate(withDuration(mm1, 60_000)).simulation.rt.trace.length;
    const estimate = estimateRun(mm1, { until: 60_000 }).events;
    expect(Math.max(estimate / short, short / estimate)).toBeLessThan(ESTIMATE_FACTOR);
  });

  it('counts nothing proportional to the run for a run that keeps no rows; events always', () => {
    const mm1 = example('mm1');
    expect(estimateRun(mm1, { keeps: 'none' })).toMatchObject({ bytes: 0, events: estimateRun(mm1).events });
    // A summary-only run that cannot reuse its call rows still keeps them: less than a full run, more than none.
    const calls = estimateRun(mm1, { keeps: 'calls' });
    expect(calls.events).toBe(estimateRun(mm1).events);
    expect(calls.bytes).toBeGreaterThan(0);
    expect(calls.bytes).toBeLessThan(estimateRun(mm1).bytes);
  });

  it("counts the retries of calls known to fail (the callee's error rate), as a run makes them", () => {
    const failing = (errorRate: number) =>
      scenario({
        duration: '20s',
        nodes: [
          { id: 'c', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 100 } },
          { id: 'api', kind: 'service', workers: 64, calls: [{ to: 'db' }] },
          { id: 'db', kind: 'service', workers: 64, serviceTime: '1ms', errorRate },
        ],
        links: [
          { from: 'c', to: 'api' },
          { from: 'api', to: 'db', retry: { maxAttempts: 5, backoff: 'none' } },
        ],
      });
    for (const p of [0.5, 1]) {
      const s = failing(p);
      const { simulation } = simulate(s);
      const calls = simulation.rt.calls.length;
      simulation.release();
      // 1 + p + p² + p³ + p⁴ attempts at the db for each request at the api.
      expect(estimateRun(s).calls / calls, `error rate ${p}`).toBeCloseTo(1, 1);
    }
  });

  it('counts the calls a run makes on a timer: health probes, discovery lookups, heartbeats', () => {
    const periodic = (interval: number) =>
      scenario({
        duration: '10s',
        nodes: [
          { id: 'c', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 1 } },
          { id: 'api', kind: 'service', calls: [{ to: 'db' }] },
          { id: 'db', kind: 'service', replicas: 3 },
          { id: 'reg', kind: 'registry', heartbeatInterval: interval },
        ],
        links: [
          { from: 'c', to: 'api' },
          { from: 'api', to: 'db', healthCheck: { interval, timeout: Math.min(interval, 1000) }, discovery: { refreshInterval: interval } },
          { from: 'db', to: 'reg' },
          { from: 'api', to: 'reg' },
        ],
      });
    for (const interval of [100, 10]) {
      const s = periodic(interval);
      const { simulation } = simulate(s);
      const calls = simulation.rt.calls.length;
      simulation.release();
      const ratio = estimateRun(s).calls / calls;
      expect(ratio, `every ${interval} ms: estimated ${estimateRun(s).calls}, really ${calls}`).toBeGreaterThan(1 / ESTIMATE_FACTOR);
      expect(ratio).toBeLessThan(ESTIMATE_FACTOR);
    }
  });

  it('counts the messages of streamed answers (gRPC streams, WebSocket pushes until the end)', () => {
    const streamed = (stream: object, protocol: 'grpc' | 'websocket') =>
      scenario({
        duration: '10s',
        nodes: [
          { id: 'c', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 5 } },
          { id: 'api', kind: 'service', workers: 64, calls: [{ to: 'feed' }] },
          { id: 'feed', kind: 'service', workers: 64 },
        ],
        links: [
          { from: 'c', to: 'api' },
          { from: 'api', to: 'feed', protocol, stream: stream as never },
        ],
      });
    for (const s of [streamed({ messages: 200, interval: 10 }, 'grpc'), streamed({ interval: 10 }, 'websocket')]) {
      const { simulation } = simulate(s);
      const rows = simulation.rt.trace.length;
      simulation.release();
      const ratio = estimateRun(s).events / rows;
      expect(ratio, `estimated ${estimateRun(s).events} rows, really ${rows}`).toBeGreaterThan(1 / ESTIMATE_FACTOR);
      expect(ratio).toBeLessThan(ESTIMATE_FACTOR);
    }
  });

  it('counts the polls of async HTTP jobs', () => {
    const polled = (polling: object) =>
      scenario({
        duration: '20s',
        nodes: [
          { id: 'c', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 5 } },
          { id: 'api', kind: 'service', workers: 64, calls: [{ to: 'jobs' }] },
          { id: 'jobs', kind: 'service', workers: 64, serviceTime: '2s' },
        ],
        links: [
          { from: 'c', to: 'api' },
          { from: 'api', to: 'jobs', polling: polling as never },
        ],
      });
    for (const s of [polled({ interval: '10ms' }), polled({ interval: '10ms', multiplier: 2, cap: '500ms' })]) {
      const { simulation } = simulate(s);
      const calls = simulation.rt.calls.length;
      simulation.release();
      const ratio = estimateRun(s).calls / calls;
      expect(ratio, `estimated ${estimateRun(s).calls} calls, really ${calls}`).toBeGreaterThan(1 / ESTIMATE_FACTOR);
      expect(ratio).toBeLessThan(ESTIMATE_FACTOR);
    }
  });

  it('sees the hostile files: the maximum rate for 1000 h, bursts, and a change to a huge workload', () => {
    const at = (workload: object, extra: object = {}) =>
      scenario({
        duration: '1000h',
        nodes: [
          { id: 'c', kind: 'client', target: 's', workload: workload as never },
          { id: 's', kind: 'service' },
        ],
        links: [{ from: 'c', to: 's' }],
        ...extra,
      });
    const hours = 1000 * 3600;
    expect(estimateRun(at({ pattern: 'poisson', rate: 1_000_000 })).calls).toBeCloseTo(1e6 * hours, -6);
    expect(estimateRun(at({ pattern: 'bursts', size: 1000, every: 1 })).calls).toBeCloseTo(1e6 * hours, -6);
    expect(estimateRun(at({ pattern: 'ramp', from: 0, to: 1000, over: '1h' })).calls).toBeCloseTo(1000 * (hours - 1800), -3);
    const changed = at(
      { pattern: 'poisson', rate: 1 },
      { changes: [{ kind: 'client', target: 'c', at: '500h', set: { rate: 1_000_000 } }] },
    );
    expect(estimateRun(changed).calls / ((1e6 * hours) / 2)).toBeCloseTo(1, 2);
    const closed = at({ pattern: 'closed', users: 10, thinkTime: '90ms' });
    // Each user: one request per think time plus the service's own 10 ms.
    expect(estimateRun(closed).calls).toBeCloseTo((10 * hours * 1000) / 100, -3);
  });
});

/** A scenario as the estimate reads it: a poisson client (10/s for 10 s) and services calling `calls[i]` (by index, in order). */
function callGraph(calls: readonly (readonly number[])[]): Scenario {
  const nodes = [
    { id: 'c', kind: 'client', target: 's0', workload: { pattern: 'poisson', rate: 10 } },
    ...calls.map((to, i) => ({ id: `s${i}`, kind: 'service', serviceTime: 1, calls: to.map((t) => ({ to: `s${t}` })) })),
  ];
  return { duration: 10_000, nodes, links: [], changes: [] } as unknown as Scenario;
}

describe('expectedCalls over a long call graph', () => {
  it('walks a chain of 100,000 services (deeper than the call stack) and counts every call', () => {
    const chain = Array.from({ length: 100_000 }, (_, i) => (i + 1 < 100_000 ? [i + 1] : [0]));
    // 100 requests, each calling every service once and then s0 once more (the circle closes: counted, not walked again).
    expect(expectedCalls(callGraph(chain))).toBe(Math.ceil(100 * 100_001 * 1.05));
  });
});
