/**
 * Property tests of the engine over generated scenarios (see test/support/arbitraries.ts).
 *
 * 1. Determinism: same scenario + same seed ⇒ the same trace hash (and the same report) across
 *    separate runs and whether the run goes in one piece or in chunks; a different seed ⇒ a
 *    different hash, for scenarios that draw random numbers.
 * 2. Conservation and consistency: every client request ends at most once, in the way the call
 *    table says, and the counters in the report agree with the trace. This is checked by
 *    `checkRun` (test/support/traceChecker/), which replays the trace row by row against its own
 *    small model of the engine's rules (independent of the engine's counters) and compares the
 *    result with the call table and the report.
 *
 * Every `fc.assert` has a fixed seed so CI is reproducible; a failure prints the scenario.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callsOf, validateScenario } from '../../src/model/index.ts';
import { buildReport, simulate } from '../../src/engine/index.ts';
import { DropReason, RejectReason } from '../../src/engine/trace/eventTypes.ts';
import { maybe, scenarioArbitrary, type Randomness } from '../support/arbitraries/index.ts';
import { hasGuaranteedRandomness, parse, runChunked } from '../support/scenarioHelpers.ts';
import { checkRootOutcomes, checkRun, type RunStats } from '../support/traceChecker/index.ts';

// ---------------------------------------------------------------- the generator itself

describe('scenario generator (test/support/arbitraries.ts)', () => {
  it.each(['guaranteed', 'any', 'none'] as const)('generates only valid documents (randomness: %s)', (randomness: Randomness) => {
    fc.assert(
      fc.property(scenarioArbitrary({ randomness }), (doc) => {
        const result = validateScenario(doc);
        expect(result.ok ? [] : result.problems).toEqual([]);
        expect(result.warnings).toEqual([]);
        // Plain JSON: what a file would hold.
        expect(validateScenario(JSON.parse(JSON.stringify(doc)))).toEqual(result);
      }),
      { seed: 101, numRuns: 300 },
    );
  });

  it('covers every feature the properties rely on', () => {
    const seen = new Map<string, number>();
    const see = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    for (const doc of fc.sample(scenarioArbitrary({ randomness: 'any' }), { seed: 102, numRuns: 300 })) {
      const s = parse(doc);
      const services = s.nodes.filter((n) => n.kind === 'service');
      see(`services:${services.length}`);
      for (const n of s.nodes) {
        if (n.kind === 'client') {
          see(`workload:${n.workload.pattern}`);
          see(n.timeout === undefined ? 'client without timeout' : 'client timeout');
          continue;
        }
        if (n.kind !== 'service') continue;
        see(n.queueCapacity === null ? 'unbounded queue' : 'bounded queue');
        for (const step of n.calls) {
          see('parallel' in step ? 'parallel step' : 'sequential step');
          for (const c of callsOf(step)) see(c.timeout === undefined ? 'call without timeout' : 'call timeout');
        }
      }
      for (const f of s.faults) {
        see(`fault:${f.kind}`);
        if (f.kind === 'crash') see(f.duration === undefined ? 'crash until the end' : 'crash with duration');
        if (f.kind === 'partition') see(f.oneWay ? 'partition one way' : 'partition both ways');
      }
      see(s.changes.length === 0 ? 'no changes' : 'changes');
      for (const ch of s.changes) {
        if (ch.kind === 'service') {
          for (const key of Object.keys(ch.set)) see(`change:service:${key}`);
          const before = services.find((n) => n.id === ch.target)?.workers ?? 0;
          if (ch.set.workers !== undefined)
            see(ch.set.workers > before ? 'change:pool grows' : ch.set.workers < before ? 'change:pool shrinks' : 'change:pool same');
        } else if (ch.kind === 'client') {
          const client = s.nodes.find((n) => n.id === ch.target);
          see(`change:client:${client?.kind === 'client' ? client.workload.pattern : 'none'}`);
        } else for (const key of Object.keys(ch.set)) see(`change:link:${key}`);
      }
      if (JSON.stringify(doc).includes('ms"')) see('duration as text');
    }
    const required = [
      'services:2',
      'services:6',
      'workload:constant',
      'workload:poisson',
      'workload:bursts',
      'workload:ramp',
      'workload:closed',
      'client timeout',
      'client without timeout',
      'bounded queue',
      'unbounded queue',
      'parallel step',
      'sequential step',
      'call timeout',
      'call without timeout',
      'fault:crash',
      'fault:slow',
      'fault:errors',
      'fault:latency',
      'fault:loss',
      'fault:partition',
      'crash until the end',
      'crash with duration',
      'partition one way',
      'partition both ways',
      'duration as text',
      'no changes',
      'changes',
      'change:service:workers',
      'change:service:queueCapacity',
      'change:service:serviceTime',
      'change:service:errorRate',
      'change:pool grows',
      'change:pool shrinks',
      'change:client:constant',
      'change:client:poisson',
      'change:link:latency',
      'change:link:loss',
    ];
    expect(required.filter((r) => !seen.has(r))).toEqual([]);
  });
});

// ---------------------------------------------------------------- 1. determinism

/** Cut points as fractions of the duration; about half are rounded to whole ms, where periodic events fall. */
const cutsArb = fc.array(
  fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    whole: fc.boolean(),
    maxEvents: maybe(fc.integer({ min: 1, max: 300 }), 0.3),
  }),
  { maxLength: 6 },
);

describe('determinism', () => {
  it('same scenario + same seed ⇒ same trace, in one piece or in chunks; another seed ⇒ another trace', () => {
    let runs = 0;
    fc.assert(
      fc.property(
        scenarioArbitrary({ randomness: 'guaranteed' }),
        fc.nat({ max: 2 ** 32 - 1 }),
        fc.nat({ max: 2 ** 32 - 2 }),
        cutsArb,
        (doc, seed, offset, rawCuts) => {
          runs++;
          const scenario = parse(doc);
          const before = JSON.stringify(scenario);
          const one = simulate(scenario, { seed });
          // A second, separate run from a separately validated copy of the document.
          const two = simulate(parse(doc), { seed });
          expect(two.report.traceHash).toBe(one.report.traceHash);
          expect(two.report).toEqual(one.report);
          expect(JSON.stringify(scenario)).toBe(before); // the engine does not modify the scenario

          const cuts = rawCuts
            .map((c) => ({
              at: Math.min(scenario.duration, c.whole ? Math.round(c.at * scenario.duration) : c.at * scenario.duration),
              maxEvents: c.maxEvents,
            }))
            .sort((x, y) => x.at - y.at);
          const chunked = runChunked(scenario, seed, cuts);
          expect(chunked.rt.trace.hash()).toBe(one.report.traceHash);
          expect(buildReport(chunked)).toEqual(one.report);
          expect(chunked.series.times).toEqual(one.simulation.series.times);
          expect(chunked.series.services).toEqual(one.simulation.series.services);

          // Every scenario of this generator draws random numbers that show in its trace (see
          // `Randomness` 'guaranteed': a Poisson client sending from t = 0), so another seed must give
          // another trace. A scenario with no randomness at all would rightly give the same hash for
          // every seed; that case is the next test.
          expect(hasGuaranteedRandomness(scenario)).toBe(true);
          const otherSeed = (seed + 1 + offset) % 2 ** 32; // ≠ seed
          expect(simulate(scenario, { seed: otherSeed }).report.traceHash).not.toBe(one.report.traceHash);
          // The scenario's own seed is the default.
          if (seed === scenario.seed) expect(simulate(scenario).report.traceHash).toBe(one.report.traceHash);
        },
      ),
      { seed: 20240501, numRuns: 200 },
    );
    expect(runs).toBeGreaterThanOrEqual(200);
  });

  it('a scenario without randomness gives the same trace for every seed', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary({ randomness: 'none' }),
        fc.array(fc.nat({ max: 2 ** 32 - 1 }), { minLength: 2, maxLength: 3 }),
        (doc, seeds) => {
          const scenario = parse(doc);
          const hashes = seeds.map((seed) => simulate(scenario, { seed }).report.traceHash);
          expect(new Set(hashes).size).toBe(1);
        },
      ),
      { seed: 777, numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------- 2. conservation

describe('conservation', () => {
  it('every request ends at most once, as the call table says, and the report agrees with the trace', () => {
    const stats: RunStats = { rows: {}, statuses: {}, drops: {}, rejects: {} };
    let runs = 0;
    fc.assert(
      fc.property(scenarioArbitrary({ randomness: 'any' }), maybe(fc.double({ min: 0, max: 1, noNaN: true }), 0.3), (doc, stopAt) => {
        runs++;
        const scenario = parse(doc);
        // Sometimes stop part-way, so requests are still in flight at the end.
        const until = stopAt === undefined ? scenario.duration : stopAt * scenario.duration;
        const { simulation, report } = simulate(scenario, { until });
        expect(checkRootOutcomes(simulation, report)).toEqual([]);
        expect(checkRun(scenario, simulation, report, stats)).toEqual([]);
      }),
      { seed: 4242, numRuns: 300 },
    );
    expect(runs).toBeGreaterThanOrEqual(300);

    // The runs did exercise every outcome (otherwise the checks above proved little).
    const missing = [
      ...['ok', 'error', 'timeout', 'rejected', 'dropped', 'abandoned', 'pending'].filter((s) => !stats.statuses[s]),
      ...[DropReason.LOSS, DropReason.PARTITION, DropReason.CRASH].filter((r) => !stats.drops[r]).map((r) => `drop ${r}`),
      ...[RejectReason.QUEUE_FULL, RejectReason.UNAVAILABLE].filter((r) => !stats.rejects[r]).map((r) => `reject ${r}`),
      ...['late_reply', 'abandon', 'queue', 'state', 'change'].filter((t) => !stats.rows[t]),
    ];
    expect(missing).toEqual([]);
  });
});
