/**
 * Summary-only runs (`record: 'summary'`): no trace rows, call rows reused in plain scenarios, and
 * a report equal to the full run's on every field but `traceHash` (full runs only).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../src/model/index.ts';
import { buildReport, simulate, type RunReport } from '../../src/engine/index.ts';
import { CHUNK_ROWS, TraceLog } from '../../src/engine/trace/traceLog.ts';
import { scenarioArbitrary } from '../support/arbitraries/index.ts';
import { replicaScenarioArbitrary } from '../support/arbitraries/replicas.ts';
import { policyChangeScenarioArbitrary } from '../support/policies/policyArbitrary.ts';
import { example } from '../support/scenarios.ts';

const dir = new URL('../../simulations/', import.meta.url);
/** Every shipped scenario: the examples, and the lessons' starting scenarios. */
const shipped: [string, Scenario][] = ['examples', 'lessons'].flatMap((folder) =>
  readdirSync(new URL(`${folder}/`, dir))
    .filter((file) => file.endsWith('.json'))
    .map((file): [string, Scenario] => {
      const doc = JSON.parse(readFileSync(new URL(`${folder}/${file}`, dir), 'utf8')) as { scenario?: unknown };
      return [`${folder}/${file}`, parseScenario(folder === 'lessons' ? doc.scenario : doc)];
    }),
);

/** The full run's report without the fields only a full run has. */
function withoutFullOnly(report: RunReport): Omit<RunReport, 'traceHash'> {
  const { traceHash, ...rest } = report;
  expect(traceHash).toMatch(/^[0-9a-f]{16}$/);
  return rest;
}

describe("simulate(…, { record: 'summary' })", () => {
  it.each(shipped)('reports what the full run reports, field for field, but the trace hash: %s', (_, scenario) => {
    const full = simulate(scenario).report;
    const summary = simulate(scenario, { record: 'summary' });
    expect(summary.report).not.toHaveProperty('traceHash');
    expect(summary.report).toEqual(withoutFullOnly(full));
    expect(summary.report.traceEvents).toBe(full.traceEvents);
    expect(summary.simulation.rt.trace.byteSize).toBeLessThanOrEqual(CHUNK_ROWS * 20);
  });

  it.each(shipped)('reports the same through a 16-row table, which collects (or grows) every few calls: %s', (_, scenario) => {
    const summary = simulate(scenario, { record: 'summary', summaryCallRows: 16 });
    expect(summary.report).toEqual(withoutFullOnly(simulate(scenario).report));
    const { calls, ops } = summary.simulation.rt;
    // Those without brokers, balancers and the like reuse their rows, and their operations' too.
    if (calls.reusing) expect(calls.collections).toBeGreaterThan(0);
    if (calls.reusing && ops.startedWhileReusing > ops.capacity) expect(ops.rowsHandedOut).toBeLessThan(ops.startedWhileReusing);
  });

  it('reuses call rows in the plain examples, those with call policies and those with replicas and discovery (the memory tests below rely on it), not in those with brokers or streams', () => {
    const reusing = (name: string) => simulate(example(name), { record: 'summary', until: 1000 }).simulation.rt.calls.reusing;
    expect(
      [
        'mm1',
        'reference',
        'checkout',
        'cascade-unprotected',
        'cascade-protected',
        'contention',
        'gateway',
        'slow-instance',
        'discovery',
      ].map(reusing),
    ).toEqual([true, true, true, true, true, true, true, true, true]);
    expect(['order-flow', 'stream', 'competing-consumers'].map(reusing)).toEqual([false, false, false]);
  });

  it.each([
    ['slow-instance', false],
    ['discovery', true],
  ])(
    'reuses the rows of finished calls through a 16-row table with balancers (outlier ejection), registries and lookups, and reports the same: %s',
    (name, registries) => {
      const scenario = example(name);
      const summary = simulate(scenario, { record: 'summary', summaryCallRows: 16 });
      const rt = summary.simulation.rt;
      expect({ balanced: rt.balanced, registries: rt.registries.length !== 0 }).toEqual({ balanced: true, registries });
      expect(rt.calls.reusing).toBe(true);
      expect(rt.calls.collections).toBeGreaterThan(5);
      expect(summary.report).toEqual(withoutFullOnly(simulate(scenario).report));
    },
  );

  it("keeps a lost balanced call's row while its balancer counts it in flight: a refusal for no instance (an empty cache) in that row would end it", () => {
    // Requests lost on a link without a timeout stay in flight at the shop's balancer for good
    // (leastOutstanding reads those counts). While the catalog is down its leases expire and the
    // shop's lookups empty its cache: its calls are refused at once for NO_INSTANCE, and each such
    // end asks the balancer for its call. Were a lost call's row reused by one of those, the
    // balancer would take it for the lost call and count that instance one call less in flight.
    const scenario = parseScenario({
      version: 1,
      seed: 3,
      duration: '20s',
      nodes: [
        { id: 'shop', kind: 'client', target: 'catalog', workload: { pattern: 'poisson', rate: 100 } },
        { id: 'catalog', kind: 'service', replicas: 3, workers: 4, serviceTime: { dist: 'exponential', mean: 5 } },
        { id: 'registry', kind: 'registry', heartbeatInterval: '500ms', ttl: '1s' },
      ],
      links: [
        { from: 'shop', to: 'catalog', loss: 0.3, loadBalancing: 'leastOutstanding', discovery: { refreshInterval: '300ms' } },
        { from: 'catalog', to: 'registry' },
        { from: 'shop', to: 'registry' },
      ],
      faults: [
        { kind: 'crash', target: 'catalog', at: '3s', duration: '4s' },
        { kind: 'crash', target: 'catalog', at: '11s', duration: '3s' },
      ],
    });
    const full = simulate(scenario).report;
    expect(full.clients.shop.dropped).toBeGreaterThan(100);
    expect(full.clients.shop.rejected).toBeGreaterThan(100);
    const summary = simulate(scenario, { record: 'summary', summaryCallRows: 16 });
    expect(summary.simulation.rt.calls.collections).toBeGreaterThan(3);
    expect(summary.report).toEqual(withoutFullOnly(full));
  });

  it('reports the same over generated scenarios with replicas, balancers, outlier ejection, health checks and registries, through tiny tables that reuse rows', () => {
    let runs = 0;
    const collecting = { balancers: 0, registries: 0, probes: 0 };
    // Without connection pools and streamed answers, which do not reuse rows yet.
    const docs = replicaScenarioArbitrary.map((doc) => ({
      ...doc,
      links: (doc.links ?? []).map(({ connections: _pool, stream: _stream, protocol: _protocol, ...link }) => link),
    }));
    fc.assert(
      fc.property(docs, fc.nat({ max: 1000 }), fc.constantFrom(16, 64), (doc, seed, rows) => {
        const scenario = parseScenario(doc);
        const full = simulate(scenario, { seed }).report;
        const summary = simulate(scenario, { seed, record: 'summary', summaryCallRows: rows });
        expect(summary.report).toEqual(withoutFullOnly(full));
        const rt = summary.simulation.rt;
        expect(rt.calls.reusing).toBe(true);
        runs++;
        if (rt.calls.collections === 0) return;
        if (rt.balanced) collecting.balancers++;
        if (rt.registries.length !== 0) collecting.registries++;
        if (rt.links.some((l) => l.balancer?.health !== undefined)) collecting.probes++;
      }),
      { seed: 29, numRuns: 80 },
    );
    expect(collecting.balancers).toBeGreaterThan(runs / 2);
    expect(collecting.registries).toBeGreaterThan(runs / 8);
    expect(collecting.probes).toBeGreaterThan(runs / 8);
  });

  it('reports the same over generated scenarios with retries, deadlines (propagated too), fallbacks (to another service too), breakers and bulkheads, set by changes too, through tiny tables that reuse rows and operations', () => {
    let runs = 0,
      collecting = 0,
      reusedOps = 0;
    fc.assert(
      fc.property(
        policyChangeScenarioArbitrary({ randomness: 'any', callBudget: 3000 }),
        fc.nat({ max: 1000 }),
        fc.constantFrom(16, 64),
        (doc, seed, rows) => {
          const scenario = parseScenario(doc);
          const full = simulate(scenario, { seed }).report;
          const summary = simulate(scenario, { seed, record: 'summary', summaryCallRows: rows });
          expect(summary.report).toEqual(withoutFullOnly(full));
          const { calls, ops } = summary.simulation.rt;
          expect(calls.reusing).toBe(true);
          runs++;
          if (calls.collections > 0) collecting++;
          if (ops.rowsHandedOut < ops.startedWhileReusing) reusedOps++;
        },
      ),
      { seed: 23, numRuns: 200 },
    );
    expect(collecting).toBeGreaterThan(runs / 2);
    expect(reusedOps).toBeGreaterThan(runs / 4);
  });

  it('reports the same over generated scenarios (crashes, partitions, timeouts, changes) and seeds, run in one piece or in chunks', () => {
    let runs = 0,
      reusing = 0,
      collecting = 0;
    fc.assert(
      fc.property(
        scenarioArbitrary({ randomness: 'any', callBudget: 3000 }),
        fc.nat({ max: 1000 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(16, 64, 4096),
        (doc, seed, pieces, rows) => {
          const scenario = parseScenario(doc);
          const full = simulate(scenario, { seed }).report;
          // A small table collects (and grows) often: every reuse of a row is a chance to read a stale one.
          const summary = simulate(scenario, { seed, record: 'summary', summaryCallRows: rows });
          expect(summary.report).toEqual(withoutFullOnly(full));
          runs++;
          if (summary.simulation.rt.calls.reusing) reusing++;
          if (summary.simulation.rt.calls.collections > 0) collecting++;
          // In chunks: a summary run's collections happen wherever its table fills, whatever the chunks.
          const chunked = simulate(scenario, { seed, record: 'summary', summaryCallRows: 16, until: 0 }).simulation;
          for (let k = 1; k <= pieces; k++) chunked.runUntil((scenario.duration * k) / pieces);
          expect(buildReport(chunked)).toEqual(summary.report);
        },
      ),
      { seed: 19, numRuns: 60 },
    );
    // The generated scenarios are plain: every run reused rows, and most had to collect some.
    expect(reusing).toBe(runs);
    expect(collecting).toBeGreaterThan(runs / 2);
  });

  it('keeps memory that does not grow with simulated time: one trace chunk, and as many call rows at 600 s as at 60 s', () => {
    const base = example('mm1');
    const run = (seconds: number) => simulate({ ...base, duration: seconds * 1000 }, { record: 'summary' }).simulation;
    const short = run(60),
      long = run(600);
    expect(long.rt.trace.length).toBeGreaterThan(9 * short.rt.trace.length);
    for (const sim of [short, long]) {
      expect(sim.rt.trace.chunkList.length).toBe(1);
      expect(sim.rt.trace.byteSize).toBe(CHUNK_ROWS * 20);
    }
    // 54,000 calls in 600 s through 4,096 rows: in flight at once are at most a few hundred (ρ = 0.9).
    expect(long.rt.calls.collections).toBeGreaterThan(10);
    expect(long.rt.calls.capacity).toBe(short.rt.calls.capacity);
    expect(long.rt.calls.capacity).toBeLessThanOrEqual(4096);
  });

  it('bounds the call table by the calls in flight in the 20-node reference system too, with its crash and its timeouts', () => {
    const base = example('reference');
    // The faults stay where they are (at 20–53 s); the clients send for the whole run.
    const run = (seconds: number) => simulate({ ...base, duration: seconds * 1000 }, { record: 'summary' }).simulation;
    const short = run(60),
      long = run(600);
    expect(long.rt.calls.collections).toBeGreaterThan(5 * short.rt.calls.collections);
    expect(long.rt.calls.capacity).toBe(short.rt.calls.capacity);
    expect(long.rt.trace.byteSize).toBe(CHUNK_ROWS * 20);
  });

  it.each(['cascade-protected', 'gateway'])(
    'bounds the call and operation tables by what is in flight with call policies (retries, breakers, fallbacks): %s',
    (name) => {
      const base = example(name);
      const run = (seconds: number) => simulate({ ...base, duration: seconds * 1000 }, { record: 'summary' }).simulation;
      const short = run(60),
        long = run(600);
      expect(long.rt.ops.startedWhileReusing).toBeGreaterThan(9 * short.rt.ops.startedWhileReusing);
      expect(long.rt.calls.collections).toBeGreaterThan(5 * Math.max(1, short.rt.calls.collections));
      expect(long.rt.calls.capacity).toBe(short.rt.calls.capacity);
      expect(long.rt.ops.capacity).toBe(short.rt.ops.capacity);
    },
  );

  it.each(['slow-instance', 'discovery'])(
    'bounds the call table by what is in flight with balancers, ejections, registries and lookups: %s',
    (name) => {
      const base = example(name);
      const run = (seconds: number) => simulate({ ...base, duration: seconds * 1000 }, { record: 'summary' }).simulation;
      const short = run(60),
        long = run(600);
      expect(long.rt.calls.collections).toBeGreaterThan(5);
      expect(long.rt.calls.capacity).toBe(short.rt.calls.capacity);
    },
  );

  it("keeps a late attempt's chain back to its first when its operation is over: a gateway routes it by its first attempt's path", () => {
    // A's and B's calls to the gateway time out (5 ms) before most arrive (10 ms on average): an
    // operation's three attempts often end, and it with them, while the last is still on the way. The
    // gateway finds an attempt's path through the chain of attempts before it: a reused row there
    // (another caller's call) would route it by another path.
    const scenario = parseScenario({
      version: 1,
      seed: 5,
      duration: '3s',
      nodes: [
        { id: 'load', kind: 'client', target: 'a', workload: { pattern: 'poisson', rate: 300 } },
        { id: 'load2', kind: 'client', target: 'b', workload: { pattern: 'poisson', rate: 300 } },
        { id: 'a', kind: 'service', workers: 64, serviceTime: 1, calls: [{ to: 'gw', path: '/x' }] },
        { id: 'b', kind: 'service', workers: 64, serviceTime: 1, calls: [{ to: 'gw', path: '/y' }] },
        {
          id: 'gw',
          kind: 'gateway',
          workers: 64,
          serviceTime: 1,
          routes: [
            { prefix: '/x', to: 'x' },
            { prefix: '/y', to: 'y' },
          ],
        },
        { id: 'x', kind: 'service', workers: 64, serviceTime: 1 },
        { id: 'y', kind: 'service', workers: 64, serviceTime: 1 },
      ],
      links: [
        { from: 'load', to: 'a' },
        { from: 'load2', to: 'b' },
        ...['a', 'b'].map((from) => ({
          from,
          to: 'gw',
          latency: { dist: 'exponential' as const, mean: 10 },
          timeout: 5,
          retry: { maxAttempts: 3, backoff: 'none' as const },
        })),
        { from: 'gw', to: 'x' },
        { from: 'gw', to: 'y' },
      ],
    });
    const full = simulate(scenario).report;
    expect(full.nodes.x.arrivals).toBeGreaterThan(1500);
    const summary = simulate(scenario, { record: 'summary', summaryCallRows: 16 });
    expect(summary.simulation.rt.calls.collections).toBeGreaterThan(5);
    expect(summary.report).toEqual(withoutFullOnly(full));
  });

  it('grows the table when most rows are in flight, and reports the same', () => {
    // 2,000 req/s into a service far too slow for them, no timeouts: the line holds most calls ever made.
    const scenario = parseScenario({
      version: 1,
      seed: 3,
      duration: '5s',
      nodes: [
        { id: 'load', kind: 'client', target: 'slow', workload: { pattern: 'poisson', rate: 2000 } },
        { id: 'slow', kind: 'service', workers: 2, serviceTime: { dist: 'exponential', mean: '10ms' } },
      ],
      links: [{ from: 'load', to: 'slow' }],
    });
    const summary = simulate(scenario, { record: 'summary' });
    expect(summary.simulation.rt.calls.capacity).toBeGreaterThan(8192);
    expect(summary.report).toEqual(withoutFullOnly(simulate(scenario).report));
  });

  it("refuses a record mode it does not know, and a summary log's hash", () => {
    expect(() => simulate(example('mm1'), { record: 'rows' as 'full' })).toThrow(/record must be 'full' or 'summary'/);
    const log = new TraceLog(new Float64Array(1), false, false);
    for (let i = 0; i < 3 * CHUNK_ROWS + 5; i++) log.recordNow(1, 0, i, 0);
    expect(log.length).toBe(3 * CHUNK_ROWS + 5);
    expect(log.byteSize).toBe(CHUNK_ROWS * 20);
    expect(() => log.hash()).toThrow(/keeps no rows/);
  });
});
