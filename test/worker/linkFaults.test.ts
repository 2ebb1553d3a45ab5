/**
 * The faults on each link at any instant, as the replay rebuilds them from the trace (what the
 * canvas draws: a cut, added latency, loss), against the engine itself: for generated scenarios
 * with every kind of fault, partitions both ways and one way, the view at time t must be what the
 * engine's link had after running to t. And a hand-made case, read as a person would.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.ts';
import { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { RunSession } from '../../src/worker/runSession.ts';
import { linkId, type Scenario } from '../../src/model/index.ts';
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

describe('LinkFaultReplay', () => {
  it("rebuilds every link's cut, added latency and loss at any time as the engine had them (generated scenarios)", () => {
    let cut = 0,
      slowed = 0,
      lossy = 0;
    fc.assert(
      fc.property(
        scenarioArbitrary({ maxDuration: 4000, maxFaults: 6 }),
        fc.integer({ min: 50, max: 3000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 }),
        (doc, maxEvents, fractions) => {
          const scenario = parse(doc);
          const replay = replayOf(scenario, maxEvents);
          // The fault starts and ends themselves too: the view changes exactly there.
          const edges = scenario.faults
            .flatMap((f) => (f.duration === undefined ? [f.at] : [f.at, f.at + f.duration]))
            .filter((t) => t <= scenario.duration);
          for (const t of [...fractions.map((f) => f * scenario.duration), ...edges]) {
            const sim = new Simulation(scenario);
            sim.runUntil(t);
            sim.rt.links.forEach((link, l) => {
              const view = replay.links.faults.at(l, t);
              const where = { link: linkId(scenario.links[l]), t };
              expect({
                ...where,
                cutForward: view?.cutForward ?? false,
                cutBackward: view?.cutBackward ?? false,
                addedLatency: view?.addedLatency ?? 0,
              }).toEqual({ ...where, cutForward: link.blockedForward, cutBackward: link.blockedBackward, addedLatency: link.extraLatency });
              expect(1 - (1 - link.baseLoss) * (1 - (view?.lossRate ?? 0))).toBeCloseTo(link.loss, 12);
              if (view) expect(view.faults.length).toBeGreaterThan(0);
              if (link.blockedForward || link.blockedBackward) cut++;
              if (link.extraLatency > 0) slowed++;
              if ((view?.lossRate ?? 0) > 0) lossy++;
            });
          }
        },
      ),
      { seed: 21, numRuns: 60 },
    );
    // The generated runs exercise all three.
    expect(cut).toBeGreaterThan(10);
    expect(slowed).toBeGreaterThan(10);
    expect(lossy).toBeGreaterThan(10);
  });

  it('reads a partition and a latency spike that start together, only while each is in force', () => {
    const scenario = fixture({
      duration: 3000,
      nodes: [
        { id: 'c', kind: 'client', target: 'a', workload: { pattern: 'constant', rate: 20 } },
        { id: 'a', kind: 'service', workers: 4, serviceTime: 1, calls: [{ to: 'b' }] },
        { id: 'b', kind: 'service', workers: 4, serviceTime: 1 },
      ],
      links: [
        { from: 'c', to: 'a' },
        { from: 'a', to: 'b' },
      ],
      faults: [
        { kind: 'partition', between: ['b', 'a'], oneWay: true, at: 1000, duration: 500 },
        { kind: 'latency', link: 'c->a', add: 200, at: 1000, duration: 1000 },
        { kind: 'loss', link: 'c->a', rate: 0.5, at: 1500, duration: 1000 },
      ],
    });
    const replay = replayOf(scenario, 500);
    const faults = replay.links.faults;
    expect(faults.any).toBe(true);
    expect(faults.at(1, 999)).toBeUndefined();
    // b → a is cut one way: a's requests to b go on, b's replies to a are lost.
    expect(faults.at(1, 1000)).toMatchObject({ cutForward: false, cutBackward: true, addedLatency: 0, faults: [0] });
    expect(faults.at(0, 1000)).toMatchObject({ cutForward: false, cutBackward: false, addedLatency: 200, lossRate: 0, faults: [1] });
    expect(faults.at(1, 1500)).toBeUndefined();
    expect(faults.at(0, 1700)).toMatchObject({ addedLatency: 200, lossRate: 0.5, faults: [1, 2] });
    expect(faults.at(0, 2200)).toMatchObject({ addedLatency: 0, lossRate: 0.5, faults: [2] });
    expect(faults.at(0, 2600)).toBeUndefined();
  });
});
