/**
 * A long run's replay forgets calls along with its rows (traceReplay.ts `forgetCalls`, fed by the
 * worker's `oldestCall`): the calls it holds stay about as many as its window names however long
 * the run, and every message it shows in its window is of a call it still knows, with the same
 * call details (ends, link, hops, attempt) as a replay that forgets nothing; a request followed
 * from it has the same path as there.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/model/index.ts';
import { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { messagesBuffer } from '../../src/engine/replay/messageIndex.ts';
import { RunSession } from '../../src/worker/runSession.ts';
import { example } from '../support/scenarios.ts';

const WINDOW = 12_000;

/** Streams `scenario` into a replay as the page does; `held` gets the calls held after each batch. */
function play(scenario: Scenario, windowRows: number | undefined, reuseCallRows: boolean, held: number[] = []): TraceReplay {
  const session = new RunSession(scenario, 5, { reuseCallRows, callRows: 1024 });
  const replay = new TraceReplay(session.topology, { windowRows });
  for (let t = 400; !replay.done; t += 400) {
    replay.ingest(session.advance(t, 4000));
    held.push(replay.callsHeld);
  }
  return replay;
}

describe.each([
  ['reference', 2],
  ['checkout', 6],
  ['slow-instance', 2],
  ['gateway', 2],
] as const)('a windowed replay of %s (duration ×%d) from a worker that reuses call rows', (name, longer) => {
  const scenario = { ...example(name), duration: example(name).duration * longer };
  const held: number[] = [];
  const windowed = play(scenario, WINDOW, true, held);
  const full = play(scenario, undefined, false);

  it('holds as many calls late in the run as early on, and forgot most of them', () => {
    expect(windowed.callsKnown).toBe(full.callsKnown);
    expect(full.callsHeld).toBe(full.callsKnown);
    expect(windowed.callsHeld).toBeLessThan(windowed.callsKnown / 4);
    const half = held.length >> 1;
    const early = Math.max(...held.slice(half >> 1, half)),
      late = Math.max(...held.slice(half));
    expect(late).toBeLessThan(1.5 * early);
  });

  it('knows the call of every message it shows in its window, with the same details as a replay that forgets nothing (property)', () => {
    const buffer = messagesBuffer();
    let seen = 0;
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (fraction) => {
        const t = windowed.retainedFrom + fraction * (scenario.duration - windowed.retainedFrom);
        windowed.messagesAt(t, buffer);
        for (let i = 0; i < buffer.count; i++) {
          const c = buffer.call[i];
          expect(windowed.knows(c)).toBe(true);
          expect(windowed.call(c)).toEqual(full.call(c));
          seen++;
        }
      }),
      { seed: 3, numRuns: 150 },
    );
    expect(seen).toBeGreaterThan(5);
  });

  it('follows the request of every message it shows as a replay that forgets nothing does, or says it is forgotten (property)', () => {
    const buffer = messagesBuffer();
    let followed = 0;
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (fraction) => {
        const t = windowed.retainedFrom + fraction * (scenario.duration - windowed.retainedFrom);
        windowed.messagesAt(t, buffer);
        for (let i = 0; i < buffer.count; i++) {
          const request = windowed.requests.requestOf(buffer.call[i]);
          // A request whose first call was forgotten cannot be followed (−1), never a wrong one.
          if (request < 0) continue;
          expect(request).toBe(full.requests.requestOf(buffer.call[i]));
          const mine = windowed.requests.pathOf(request),
            all = full.requests.pathOf(request);
          expect({
            ...mine,
            hops: mine.hops.map(({ call, parent, link, attempt, status }) => ({ call, parent, link, attempt, status })),
          }).toEqual({
            ...all,
            hops: all.hops.map(({ call, parent, link, attempt, status }) => ({ call, parent, link, attempt, status })),
          });
          // A flight whose message the window forgot reads NaN (pathOf's contract), never another time.
          mine.hops.forEach((hop, h) =>
            (['sent', 'arrived', 'replied', 'received'] as const).forEach((k) => {
              if (!Number.isNaN(hop[k])) expect(hop[k]).toBe(all.hops[h][k]);
            }),
          );
          followed++;
        }
      }),
      { seed: 5, numRuns: 60 },
    );
    expect(followed).toBeGreaterThan(5);
  });
});

it('a replay fed by a worker that does not reuse rows (no oldestCall) forgets no call', () => {
  const scenario = { ...example('reference'), duration: example('reference').duration };
  const replay = play(scenario, WINDOW, false);
  expect(replay.callsHeld).toBe(replay.callsKnown);
});
