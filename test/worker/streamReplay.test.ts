/**
 * What the playground shows of an event stream at the playhead, against the engine itself: for
 * generated stream scenarios (replicated members among them) with crashes, outages and retention, the replay's counts at any time
 * t (messages in the logs, deliveries in flight, published, committed, skipped, expired, refused,
 * mode) and its consumers' counts equal the engine's after running to t.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.ts';
import { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { RunSession } from '../../src/worker/runSession.ts';
import { streamScenarioArbitrary } from '../support/arbitraries/streams.ts';
import { parse } from '../support/scenarioHelpers.ts';

describe('TraceReplay of event streams', () => {
  it("has every stream's and consumer's counts at any time as the engine had them", () => {
    let instancesSeen = 0;
    fc.assert(
      fc.property(
        streamScenarioArbitrary,
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
              const st = sim.rt.streams[i],
                s = sim.rt.services[i];
              let retained = 0;
              if (st) for (let p = 0; p < st.partitions; p++) retained += st.end[p] - st.start[p];
              const expected = st
                ? {
                    line: retained,
                    busy: st.inFlightCount,
                    arrivals: st.published,
                    ok: st.committedCount,
                    errors: st.skipped,
                    dropped: st.expired,
                    rejected: st.rejected,
                    mode: st.mode,
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
            });
          }
        },
      ),
      { numRuns: 50, seed: 13 },
    );
    expect(instancesSeen).toBeGreaterThan(20);
  });
});
