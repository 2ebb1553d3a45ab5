/**
 * The link replay (what the playground shows of breakers, bulkheads and retries) against the
 * engine itself: for generated scenarios with resilience policies, faults and mid-run changes of
 * breakers and bulkheads, the breaker the replay rebuilds from the trace at time t (state, window,
 * rates, permits) and the bulkhead's places and line must be the engine's after running to t.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.ts';
import { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { BreakerState } from '../../src/engine/policies/breakerMachine.ts';
import { CountWindow, TimeWindow } from '../../src/engine/policies/slidingWindow.ts';
import { RunSession } from '../../src/worker/runSession.ts';
import { linkId, type Scenario, type ScenarioInput } from '../../src/model/index.ts';
import { breakerArb, bulkheadArb, policyScenarioArbitrary } from '../support/policies/policyArbitrary.ts';
import { parse } from '../support/scenarioHelpers.ts';
import { scenarioArbitrary } from '../support/arbitraries/index.ts';
import { scenario as fixture } from '../support/scenarios.ts';

function replayOf(scenario: Scenario, maxEvents: number): TraceReplay {
  const session = new RunSession(scenario);
  const replay = new TraceReplay(session.topology);
  let until = 0;
  for (let guard = 0; !replay.done && guard < 1_000_000; guard++) {
    const batch = session.advance(until, maxEvents);
    replay.ingest(batch);
    if (batch.horizon >= until) until += scenario.duration / 5;
  }
  return replay;
}

/** Mid-run changes that give links a new breaker or bulkhead, or take it away. */
const guardChangesArb = (doc: ScenarioInput) => {
  const links = (doc.links ?? []).map((l) => linkId({ id: l.id, from: l.from, to: l.to }));
  const duration = Math.floor(parse(doc).duration);
  if (links.length === 0) return fc.constant([]);
  return fc.array(
    fc.record({
      at: fc.integer({ min: 0, max: duration }),
      link: fc.constantFrom(...links),
      set: fc.oneof(
        fc.record({ breaker: fc.option(breakerArb, { nil: null }) }),
        fc.record({ bulkhead: fc.option(bulkheadArb, { nil: null }) }),
      ),
    }),
    { maxLength: 3 },
  );
};

const scenarioWithGuardChanges = policyScenarioArbitrary({ maxDuration: 4000 }).chain((doc) =>
  guardChangesArb(doc).map((extra): ScenarioInput => {
    const base = parse(doc); // times as numbers, so the changes can be merged in time order
    return { ...base, changes: [...base.changes, ...extra.map((c) => ({ kind: 'link' as const, ...c }))].sort((a, b) => a.at - b.at) };
  }),
);

function compareAt(scenario: Scenario, replay: TraceReplay, t: number): void {
  const sim = new Simulation(scenario);
  sim.runUntil(t);
  sim.rt.links.forEach((link, l) => {
    const where = { link: linkId(scenario.links[l]), t };
    const breaker = link.breaker;
    const view = replay.links.breakerAt(l, t);
    if (!breaker) {
      expect({ ...where, view }).toEqual({ ...where, view: undefined });
    } else {
      const figures = breaker.figures(t);
      const window = breaker.currentWindow;
      expect({
        ...where,
        state: view?.state,
        calls: view?.calls,
        failed: view?.failed,
        slow: view?.slow,
        failureRate: view?.failureRate,
        slowCallRate: view?.slowCallRate,
        permitsLeft: view?.permitsLeft,
      }).toEqual({
        ...where,
        state: breaker.state,
        calls: figures.calls,
        failed: figures.failed,
        slow: figures.slow,
        failureRate: figures.failureRate,
        slowCallRate: figures.slowCallRate,
        permitsLeft: figures.permitsLeft,
      });
      if (window instanceof CountWindow) expect({ ...where, cells: view?.cells }).toEqual({ ...where, cells: window.cells() });
      if (window instanceof TimeWindow) expect({ ...where, seconds: view?.seconds }).toEqual({ ...where, seconds: window.buckets(t) });
      expect(replay.links.breakerStateAt(l, t)).toBe(breaker.state);
      if (breaker.state === BreakerState.OPEN) expect(view?.reopensAt).toBe(breaker.openedAt + breaker.config.waitInOpen);
    }
    expect({ ...where, refused: replay.links.refusedAt(l, t) }).toEqual({ ...where, refused: link.notPermitted });
    const bulkhead = link.bulkhead;
    expect({ ...where, bulkhead: replay.links.bulkheadAt(l, t) }).toEqual({
      ...where,
      bulkhead: bulkhead && { inFlight: bulkhead.inFlight, waiting: bulkhead.waiting, places: bulkhead.maxConcurrent },
    });
  });
}

describe('LinkReplay', () => {
  it('rebuilds every breaker (state, window, rates, permits) and bulkhead at any time as the engine had it', () => {
    let breakersSeen = 0,
      opened = 0;
    fc.assert(
      fc.property(
        scenarioWithGuardChanges,
        fc.integer({ min: 50, max: 3000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 5 }),
        (doc, maxEvents, fractions) => {
          const scenario = parse(doc);
          const replay = replayOf(scenario, maxEvents);
          for (const f of [...fractions, 1]) compareAt(scenario, replay, f * scenario.duration);
          const sim = new Simulation(scenario);
          sim.runUntil(scenario.duration);
          breakersSeen += sim.rt.links.filter((l) => l.breaker).length;
          opened += sim.rt.links.filter((l) => (l.breaker?.transitions ?? 0) > 0).length;
        },
      ),
      { seed: 11, numRuns: 80 },
    );
    // The generated runs exercise what is compared: breakers that changed state.
    expect(breakersSeen).toBeGreaterThan(20);
    expect(opened).toBeGreaterThan(5);
  });

  it("rebuilds every service's rate-limiter tokens at any time as the engine had them (generated scenarios with limiter changes)", () => {
    let limited = 0;
    fc.assert(
      fc.property(
        scenarioArbitrary({ maxDuration: 4000 }),
        fc.integer({ min: 50, max: 3000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 5 }),
        (doc, maxEvents, fractions) => {
          const scenario = parse(doc);
          const replay = replayOf(scenario, maxEvents);
          for (const f of [...fractions, 1]) {
            const t = f * scenario.duration;
            const sim = new Simulation(scenario);
            sim.runUntil(t);
            sim.rt.services.forEach((svc, n) => {
              if (!svc) return;
              const view = replay.inbound.tokensAt(n, t);
              if (svc.limitRate === 0) {
                expect(view).toBeUndefined();
                return;
              }
              limited++;
              const tokens = t > svc.tokensAt ? Math.min(svc.limitBurst, svc.tokens + (t - svc.tokensAt) * svc.limitRate) : svc.tokens;
              expect({ node: scenario.nodes[n].id, t, burst: view?.burst }).toEqual({
                node: scenario.nodes[n].id,
                t,
                burst: svc.limitBurst,
              });
              expect(view?.tokens).toBeCloseTo(tokens, 6);
            });
          }
        },
      ),
      { seed: 12, numRuns: 80 },
    );
    expect(limited).toBeGreaterThan(20);
  });

  it('keeps the tokens a limiter had when a change replaces it (a new bucket is not full)', () => {
    const scenario = fixture({
      duration: 2000,
      nodes: [
        { id: 'c', kind: 'client', target: 's', workload: { pattern: 'constant', rate: 50 } },
        { id: 's', kind: 'service', workers: 4, serviceTime: 1, rateLimit: { rate: 10, burst: 5 } },
      ],
      links: [{ from: 'c', to: 's' }],
      changes: [{ at: 1000, kind: 'service', target: 's', set: { rateLimit: { rate: 20, burst: 50 } } }],
    });
    const replay = replayOf(scenario, 100);
    const sim = new Simulation(scenario);
    sim.runUntil(1001);
    const svc = sim.rt.services[1]!;
    const expected = Math.min(svc.limitBurst, svc.tokens + (1001 - svc.tokensAt) * svc.limitRate);
    expect(expected).toBeLessThan(5); // drained before the change, and not refilled to 50 by it
    expect(replay.inbound.tokensAt(1, 1001)?.tokens).toBeCloseTo(expected, 9);
    expect(replay.inbound.tokensAt(1, 1001)?.burst).toBe(50);
  });

  it('lists the retry waits under way, each until its retry is sent', () => {
    const scenario = fixture({
      duration: 2000,
      seed: 3,
      nodes: [
        { id: 'c', kind: 'client', target: 'a', workload: { pattern: 'constant', rate: 20 } },
        { id: 'a', kind: 'service', workers: 4, serviceTime: 5, calls: [{ to: 'b' }] },
        { id: 'b', kind: 'service', workers: 4, serviceTime: 5, errorRate: 0.5 },
      ],
      links: [
        { from: 'c', to: 'a' },
        { from: 'a', to: 'b', retry: { maxAttempts: 3, backoff: 'constant', base: 40, jitter: 'none', retryOn: ['error'] } },
      ],
    });
    const replay = replayOf(scenario, 500);
    const waits = replay.links.retryWaitsAt(1000);
    expect(waits.length).toBeGreaterThan(0);
    for (const w of waits) {
      expect(w.end - w.start).toBe(40);
      expect(w.start).toBeLessThanOrEqual(1000);
      expect(w.end).toBeGreaterThan(1000);
      expect(scenario.nodes[w.caller].id).toBe('a');
      expect(replay.call(w.call).attempt).toBeLessThan(3);
    }
    // Every retry's next attempt is numbered one more than the attempt it follows.
    const attempts = Array.from({ length: replay.callsKnown }, (_, c) => replay.call(c).attempt);
    expect(Math.max(...attempts)).toBe(3);
  });
});
