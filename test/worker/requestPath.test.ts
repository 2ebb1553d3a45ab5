/**
 * Following one request (engine/replay/requestPath.ts), checked against the trace and the
 * replay's own counts: every call belongs to exactly one request, each hop's flights are the rows'
 * times, a client's retries belong to the request of their first attempt, and the requests' ends
 * add up to the client totals the replay shows at any playhead (generated scenarios too).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import type { RequestPath } from '../../src/engine/replay/requestPath.ts';
import { CallStatus, TraceType } from '../../src/engine/trace/eventTypes.ts';
import { RunSession } from '../../src/worker/runSession.ts';
import type { Scenario } from '../../src/model/index.ts';
import { scenarioArbitrary } from '../support/arbitraries/index.ts';
import { parse } from '../support/scenarioHelpers.ts';
import { scenario as fixture } from '../support/scenarios.ts';

function replayOf(scenario: Scenario, maxEvents: number): TraceReplay {
  const session = new RunSession(scenario);
  const replay = new TraceReplay(session.topology);
  for (let until = 0, guard = 0; !replay.done && guard < 100_000; guard++) {
    const batch = session.advance(until, maxEvents);
    replay.ingest(batch);
    if (batch.horizon >= until) until += scenario.duration / 5;
  }
  return replay;
}

/** Every request of the run, by its id. */
function requests(replay: TraceReplay): Map<number, RequestPath> {
  const paths = new Map<number, RequestPath>();
  for (let c = 0; c < replay.callsKnown; c++) if (replay.requests.requestOf(c) === c) paths.set(c, replay.requests.pathOf(c));
  return paths;
}

/** The client totals the requests' ends give at t. */
function endsBy(paths: Map<number, RequestPath>, t: number) {
  const totals = { completed: 0, timedOut: 0, rejected: 0, dropped: 0, failed: 0 };
  for (const p of paths.values()) {
    if (!(p.endedAt <= t)) continue;
    switch (p.outcome) {
      case CallStatus.OK:
        totals.completed++;
        break;
      case CallStatus.TIMEOUT:
        totals.timedOut++;
        break;
      case CallStatus.REJECTED:
      case CallStatus.NOT_PERMITTED:
        totals.rejected++;
        break;
      case CallStatus.DROPPED:
        totals.dropped++;
        break;
      case CallStatus.ABANDONED:
        break;
      default:
        totals.failed++;
    }
  }
  return totals;
}

function expectEndsMatchTotals(replay: TraceReplay, paths: Map<number, RequestPath>, times: readonly number[]): void {
  for (const t of times) {
    const { completed, timedOut, rejected, dropped, failed } = replay.stateAt(t).totals;
    expect({ t, ...endsBy(paths, t) }).toEqual({ t, completed, timedOut, rejected, dropped, failed });
  }
}

const retrying = fixture({
  duration: 3000,
  seed: 5,
  nodes: [
    { id: 'c', kind: 'client', target: 'a', timeout: '300ms', workload: { pattern: 'poisson', rate: 40 } },
    { id: 'a', kind: 'service', workers: 4, serviceTime: 5, calls: [{ to: 'b' }] },
    { id: 'b', kind: 'service', workers: 2, serviceTime: 8, errorRate: 0.3 },
  ],
  links: [
    { from: 'c', to: 'a', retry: { maxAttempts: 3, backoff: 'constant', base: 20, jitter: 'none', retryOn: ['error', 'timeout'] } },
    { from: 'a', to: 'b', retry: { maxAttempts: 2, backoff: 'constant', base: 10, jitter: 'none', retryOn: ['error'] } },
  ],
  faults: [{ kind: 'crash', target: 'b', at: '1s', duration: '400ms' }],
});

describe('RequestReplay', () => {
  it("puts every call in exactly one request, with its hops' flights as the trace has them", () => {
    const replay = replayOf(retrying, 700);
    const paths = requests(replay);
    const owner = new Int32Array(replay.callsKnown).fill(-1);
    for (const [request, path] of paths) {
      expect(path.request).toBe(request);
      expect(path.hops[0].call).toBe(request);
      for (const hop of path.hops) {
        expect(owner[hop.call]).toBe(-1);
        owner[hop.call] = request;
        expect(hop.link).toBe(replay.call(hop.call).link);
      }
    }
    expect(owner.every((o) => o >= 0)).toBe(true);
    // Each hop's request left at its SEND row and arrived at its ARRIVE row.
    const byCall = new Map([...paths.values()].flatMap((p) => p.hops.map((h) => [h.call, h] as const)));
    const trace = replay.trace;
    let checked = 0;
    for (let row = 0; row < trace.length; row++) {
      const type = trace.type(row),
        hop = byCall.get(trace.a(row));
      if (type === TraceType.SEND) {
        expect(hop?.sent).toBe(trace.time(row));
        checked++;
      }
      if (type === TraceType.ARRIVE) expect(hop?.arrived).toBe(trace.time(row));
      if (type === TraceType.RECEIVE) expect(hop?.received).toBe(trace.time(row));
    }
    expect(checked).toBe(replay.callsKnown);
  });

  it("counts a client's retries in the request of their first attempt, numbered", () => {
    const replay = replayOf(retrying, 700);
    const paths = requests(replay);
    const link = replay.call(0).link; // c → a
    const retried = [...paths.values()].filter((p) => p.hops.some((h) => h.link === link && h.attempt > 1));
    expect(retried.length).toBeGreaterThan(0);
    for (const p of retried) {
      const attempts = p.hops.filter((h) => h.link === link).map((h) => h.attempt);
      expect(attempts).toEqual(attempts.map((_, i) => i + 1));
    }
  });

  it('ends requests where the client counts them: their ends add up to the totals at any playhead', () => {
    const replay = replayOf(retrying, 700);
    expectEndsMatchTotals(replay, requests(replay), [0, 500, 1000, 1234.5, 1600, 2999, 3000]);
  });

  it("finds a client's next request from a playhead: the first it sends at or after it, else its last", () => {
    const replay = replayOf(retrying, 700);
    const paths = [...requests(replay).values()];
    const client = replay.call(0).caller;
    for (const t of [0, 10, 777.7, 1500, 2999]) {
      const next = replay.requests.nextFrom(client, t);
      const expected = paths
        .filter((p) => replay.call(p.request).sentAt >= t)
        .sort((a, b) => replay.call(a.request).sentAt - replay.call(b.request).sentAt)[0];
      expect(replay.call(next).sentAt).toBe(replay.call(expected.request).sentAt);
      expect(replay.requests.requestOf(next)).toBe(next);
    }
    // Past the last request: the last one.
    expect(replay.requests.nextFrom(client, 1e9)).toBe(Math.max(...paths.map((p) => p.request)));
    expect(replay.requests.nextFrom(replay.call(0).callee, 0)).toBe(-1); // a service sends no client requests
  });

  it('the same for generated scenarios with faults', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary({ randomness: 'any' }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 5 }),
        (doc, fractions) => {
          const scenario = parse(doc);
          const replay = replayOf(scenario, 2000);
          expectEndsMatchTotals(
            replay,
            requests(replay),
            [...fractions, 1].map((f) => f * scenario.duration),
          );
        },
      ),
      { seed: 20, numRuns: 40 },
    );
  });
});
