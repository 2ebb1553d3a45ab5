/**
 * What the playground shows of a queue at the playhead, against the engine itself: for generated
 * queue scenarios (replicated consumers among them) with crashes and outages, the replay's counts at any time t (ready, in flight,
 * published, acked, dead-lettered, dropped, refused, mode) and the age of its oldest ready
 * message equal the engine's after running to t.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.ts';
import { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { RunSession } from '../../src/worker/runSession.ts';
import { queueScenarioArbitrary } from '../support/arbitraries/queues.ts';
import { parse, replayInBatches } from '../support/scenarioHelpers.ts';

describe('TraceReplay of queues', () => {
  it("has every queue's and consumer's counts at any time as the engine had them", () => {
    let agesSeen = 0,
      instancesSeen = 0;
    fc.assert(
      fc.property(
        queueScenarioArbitrary,
        fc.integer({ min: 50, max: 2000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 4 }),
        (doc, maxEvents, fractions) => {
          const scenario = parse(doc);
          const session = new RunSession(scenario);
          const replay = new TraceReplay(session.topology);
          let until = 0;
          for (let guard = 0; !replay.done && guard < 100_000; guard++) {
            const batch = session.advance(until, maxEvents);
            replay.ingest(batch);
            if (batch.horizon >= until) until += scenario.duration / 5;
          }
          for (const f of fractions) {
            const t = Math.floor(f * scenario.duration);
            const sim = new Simulation(scenario);
            sim.runUntil(t);
            const state = replay.stateAt(t);
            // Every engine node: the scenario's, and the further instances of replicated consumers.
            sim.rt.nodeIds.forEach((id, i) => {
              const node = { id };
              if (i >= scenario.nodes.length) instancesSeen++;
              const q = sim.rt.queues[i],
                s = sim.rt.services[i];
              const expected = q
                ? {
                    line: q.readyLength,
                    busy: q.inFlight,
                    arrivals: q.published,
                    ok: q.acked,
                    errors: q.deadLettered,
                    dropped: q.dropped,
                    rejected: q.rejected,
                    mode: q.mode,
                  }
                : s
                  ? {
                      line: s.lineLength,
                      busy: s.busy,
                      arrivals: s.arrivals,
                      ok: s.ok,
                      errors: s.errors,
                      rejected: s.rejected,
                      dropped: s.dropped,
                      mode: s.mode,
                    }
                  : {};
              expect({ node: node.id, t, ...state.nodes[i] }).toMatchObject({ node: node.id, t, ...expected });
              if (q) {
                const oldest = q.readyLength > 0 ? t - sim.rt.calls.arrivedAt[sim.rt.messages.publish[q.ready[q.readyHead]]] : 0;
                expect({ node: node.id, t, oldest: replay.queues.oldestAgeAt(i, t) }).toEqual({ node: node.id, t, oldest });
                if (q.readyLength > 0) agesSeen++;
              }
            });
          }
        },
      ),
      { numRuns: 60, seed: 8 },
    );
    expect(agesSeen).toBeGreaterThan(0);
    expect(instancesSeen).toBeGreaterThan(20);
  });
});

describe("TraceReplay of a queue's oldest message", () => {
  it('ages while its consumer is down, and is young again once it drains (with redeliveries to the front)', () => {
    const scenario = parse({
      version: 1,
      seed: 1,
      duration: '20s',
      nodes: [
        { id: 'web', kind: 'client', target: 'q', workload: { pattern: 'constant', rate: 20 } },
        { id: 'q', kind: 'queue', visibilityTimeout: '1s' },
        { id: 'worker', kind: 'service', workers: 2, serviceTime: 20, errorRate: 0.2 },
      ],
      links: [
        { from: 'web', to: 'q', kind: 'async' },
        { from: 'q', to: 'worker', kind: 'async' },
      ],
      faults: [{ kind: 'crash', target: 'worker', at: '5s', duration: '5s' }],
    });
    const replay = replayInBatches(scenario, 1000, 2000);
    for (let t = 0; t <= 20_000; t += 250) {
      const sim = new Simulation(scenario);
      sim.runUntil(t);
      const q = sim.rt.queues[1]!;
      const oldest = q.readyLength > 0 ? t - sim.rt.calls.arrivedAt[sim.rt.messages.publish[q.ready[q.readyHead]]] : 0;
      expect({ t, oldest: replay.queues.oldestAgeAt(1, t) }).toEqual({ t, oldest });
    }
    // Down from 5 s (and back after its 0 s startup at 10 s): the first message it missed has waited about 4.5 s at 9.5 s.
    expect(replay.queues.oldestAgeAt(1, 9500)).toBeGreaterThan(4000);
    expect(replay.queues.oldestAgeAt(1, 19_000)).toBeLessThan(200);
  });
});

describe('TraceReplay of topics', () => {
  it("has a topic's publishes, fan-outs and refusals, and its subscriptions' counts, at any time as the engine had them", () => {
    const scenario = parse({
      version: 1,
      seed: 3,
      duration: '6s',
      nodes: [
        { id: 'web', kind: 'client', target: 't', workload: { pattern: 'poisson', rate: 30 } },
        { id: 't', kind: 'topic' },
        { id: 'qa', kind: 'queue' },
        { id: 'qb', kind: 'queue', maxLength: 5, overflow: 'rejectPublish' },
        { id: 'a', kind: 'service', workers: 2, serviceTime: { dist: 'exponential', mean: 30 } },
        { id: 'b', kind: 'service', workers: 1, serviceTime: { dist: 'exponential', mean: 60 } },
      ],
      links: [
        { from: 'web', to: 't', kind: 'async' },
        { from: 't', to: 'qa', kind: 'async' },
        { from: 't', to: 'qb', kind: 'async' },
        { from: 'qa', to: 'a', kind: 'async' },
        { from: 'qb', to: 'b', kind: 'async', prefetch: 1 },
      ],
      faults: [
        { kind: 'crash', target: 't', at: '1s', duration: '500ms' },
        { kind: 'crash', target: 'a', at: '2s', duration: '1s' },
      ],
    });
    const replay = replayInBatches(scenario, 500, 300);
    let fannedOut = 0;
    for (let t = 0; t <= 6000; t += 250) {
      const sim = new Simulation(scenario);
      sim.runUntil(t);
      const state = replay.stateAt(t);
      const topic = sim.rt.topics[1]!;
      expect({ t, ...state.nodes[1] }).toMatchObject({
        t,
        arrivals: topic.published,
        rejected: topic.rejected,
        ok: topic.published - topic.rejected,
        mode: topic.mode,
      });
      for (const i of [2, 3]) {
        const q = sim.rt.queues[i]!;
        expect({ t, i, ...state.nodes[i] }).toMatchObject({
          t,
          i,
          line: q.readyLength,
          busy: q.inFlight,
          arrivals: q.published,
          ok: q.acked,
          rejected: q.rejected,
        });
      }
      fannedOut = topic.published - topic.rejected;
    }
    expect(fannedOut).toBeGreaterThan(100);
  });
});
