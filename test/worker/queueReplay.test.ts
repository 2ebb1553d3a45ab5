/**
 * What the playground shows of a queue at the playhead, against the engine itself: for generated
 * queue scenarios with crashes and outages, the replay's counts at any time t (ready, in flight,
 * published, acked, dead-lettered, dropped, refused, mode) equal the engine's after running to t.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.ts';
import { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { RunSession } from '../../src/worker/runSession.ts';
import { queueScenarioArbitrary } from '../support/arbitraries/queues.ts';
import { parse } from '../support/scenarioHelpers.ts';

describe('TraceReplay of queues', () => {
  it('has every queue\'s and consumer\'s counts at any time as the engine had them', () => {
    fc.assert(fc.property(queueScenarioArbitrary, fc.integer({ min: 50, max: 2000 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 4 }), (doc, maxEvents, fractions) => {
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
        scenario.nodes.forEach((node, i) => {
          const q = sim.rt.queues[i], s = sim.rt.services[i];
          const expected = q
            ? { line: q.readyLength, busy: q.inFlight, arrivals: q.published, ok: q.acked, errors: q.deadLettered, dropped: q.dropped, rejected: q.rejected, mode: q.mode }
            : s ? { line: s.lineLength, busy: s.busy, arrivals: s.arrivals, ok: s.ok, errors: s.errors, rejected: s.rejected, dropped: s.dropped, mode: s.mode } : {};
          expect({ node: node.id, t, ...state.nodes[i] }).toMatchObject({ node: node.id, t, ...expected });
        });
      }
    }), { numRuns: 60, seed: 8 });
  });
});
