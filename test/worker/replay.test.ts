/**
 * The replay (what the playground shows at the playhead) against the engine itself: for generated
 * scenarios with faults, the state the replay reconstructs from trace batches at any time t must
 * equal the engine's own counters after running to t, and the messages it says are in flight must
 * be exactly the engine's calls whose request or reply is on the wire at t.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.ts';
import { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { messagesBuffer, MessageKind } from '../../src/engine/replay/messageIndex.ts';
import { LatencyRecorder } from '../../src/engine/trace/latency.ts';
import { CallStatus } from '../../src/engine/trace/eventTypes.ts';
import { RunSession } from '../../src/worker/runSession.ts';
import type { Scenario } from '../../src/model/index.ts';
import { scenarioArbitrary } from '../support/arbitraries/index.ts';
import { parse } from '../support/scenarioHelpers.ts';
import { example } from '../support/scenarios.ts';

/** Streams a whole run into a replay in batches of `maxEvents`. */
function replayOf(scenario: Scenario, maxEvents: number, stepMs: number): { replay: TraceReplay; session: RunSession } {
  const session = new RunSession(scenario);
  const replay = new TraceReplay(session.topology);
  let until = 0;
  for (let guard = 0; !replay.done && guard < 1_000_000; guard++) {
    const batch = session.advance(until, maxEvents);
    replay.ingest(batch);
    if (batch.horizon >= until) until += stepMs;
  }
  return { replay, session };
}

/** The engine's own counters after running to t. */
function engineStateAt(scenario: Scenario, t: number) {
  const sim = new Simulation(scenario);
  sim.runUntil(t);
  const latency = new LatencyRecorder();
  const nodes = scenario.nodes.map((_, i) => {
    const s = sim.rt.services[i],
      c = sim.rt.clients[i];
    if (s)
      return {
        busy: s.busy,
        line: s.lineLength,
        mode: s.mode,
        arrivals: s.arrivals,
        ok: s.ok,
        errors: s.errors,
        rejected: s.rejected,
        dropped: s.dropped,
      };
    if (c) latency.merge(c.latency);
    return c
      ? { sent: c.sent, completed: c.completed, failed: c.failed, timedOut: c.timedOut, rejected: c.rejected, dropped: c.dropped }
      : {};
  });
  return { nodes, latency: latency.summary(), sim };
}

function compare(scenario: Scenario, replay: TraceReplay, t: number): void {
  const engine = engineStateAt(scenario, t);
  const state = replay.stateAt(t);
  engine.nodes.forEach((expected, i) =>
    expect({ node: scenario.nodes[i].id, t, ...state.nodes[i] }).toMatchObject({ node: scenario.nodes[i].id, t, ...expected }),
  );
  // The engine sums per client, the replay over all clients at once: the mean may differ in its last bit.
  expect({ ...state.latency, mean: 0 }).toEqual({ ...engine.latency, mean: 0 });
  expect(state.latency.mean).toBeCloseTo(engine.latency.mean, 9);
}

describe('TraceReplay', () => {
  it("reconstructs every node's state at any time, as the engine had it (generated scenarios with faults)", () => {
    fc.assert(
      fc.property(
        scenarioArbitrary({ randomness: 'any' }),
        fc.integer({ min: 50, max: 5000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 6 }),
        (doc, maxEvents, fractions) => {
          const scenario = parse(doc);
          const { replay } = replayOf(scenario, maxEvents, scenario.duration / 7);
          for (const f of [...fractions, 1]) compare(scenario, replay, f * scenario.duration);
        },
      ),
      { seed: 7, numRuns: 60 },
    );
  });

  it('gives the same trace hash as the engine run in one piece, and the same states deep into a long run', () => {
    const scenario = example('reference');
    const { replay, session } = replayOf(scenario, 20_000, 5000);
    const one = new Simulation(scenario);
    one.runUntil(scenario.duration);
    expect(replay.trace.hash()).toBe(one.rt.trace.hash());
    expect(session.traceHash()).toBe(one.rt.trace.hash());
    // A long run: states come from checkpoints plus a few thousand rows, across crash and faults.
    for (const t of [12_345.6, 40_002, 44_000, 59_999.9]) compare(scenario, replay, t);
  });

  it('knows exactly which messages are on the wire at any time, and which way and what kind', () => {
    const scenario = example('reference'); // crash, slow and latency faults, timeouts
    const { replay } = replayOf(scenario, 50_000, 10_000);
    const engine = new Simulation(scenario);
    engine.runUntil(scenario.duration);
    const calls = engine.rt.calls;
    const out = messagesBuffer(100_000);
    for (const t of [1234.5, 20_500, 40_100.25, 44_999, 50_500]) {
      replay.messagesAt(t, out);
      const seen = new Set<string>();
      for (let k = 0; k < out.count; k++) {
        if (out.lost[k]) continue;
        seen.add(`${out.call[k]}:${out.backward[k] ? 'reply' : 'request'}`);
        const c = out.call[k];
        if (out.backward[k]) {
          expect(calls.repliedAt[c]).toBeLessThanOrEqual(t);
          if (out.kind[k] === MessageKind.LATE) expect(calls.status[c]).not.toBe(CallStatus.OK);
        }
      }
      const expected = new Set<string>();
      for (let c = 0; c < calls.length; c++) {
        // Requests: sent, not yet arrived (arrivedAt stays 0 for a request that never arrives).
        if (calls.sentAt[c] <= t && calls.arrivedAt[c] > t) expected.add(`${c}:request`);
        // Replies the caller received: on the wire from the reply until the caller's end.
        const received =
          calls.status[c] === CallStatus.OK || calls.status[c] === CallStatus.ERROR || calls.status[c] === CallStatus.REJECTED;
        if (received && calls.repliedAt[c] <= t && calls.endedAt[c] > t) expected.add(`${c}:reply`);
      }
      for (const e of expected) expect(seen, `${e} at ${t}`).toContain(e);
      expect(seen.size).toBeGreaterThan(0);
    }
  });
});
