/**
 * A replay that holds only a window of the latest rows (traceReplay.ts) must show, at every
 * playhead it answers for, what a replay holding every row shows; for a playhead before its
 * window, a replay re-simulated from the start (same seed: the same run) up to there must. And
 * what it holds stays bounded however long the run.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../src/model/index.ts';
import { CHECKPOINT_ROWS, TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { messagesBuffer } from '../../src/engine/replay/messageIndex.ts';
import { RunSession } from '../../src/worker/runSession.ts';

const example = (name: string) =>
  parseScenario(JSON.parse(readFileSync(new URL(`../../simulations/examples/${name}.json`, import.meta.url), 'utf8')));
const WINDOW = 12_000;
const STEP = 400;

/** Streams `scenario` into a replay (with a window of `windowRows`) as the page does, up to `until` (or its end). */
function play(scenario: Scenario, windowRows: number | undefined, until = Infinity, onBatch?: (replay: TraceReplay) => void): TraceReplay {
  const session = new RunSession(scenario, 11);
  const replay = new TraceReplay(session.topology, { windowRows });
  for (let t = STEP; !replay.done && replay.horizon < until; t += STEP) {
    replay.ingest(session.advance(Math.min(t, until), 4000));
    onBatch?.(replay);
  }
  return replay;
}

/** What the page draws at `t`: every node's counts and the latency so far, and the messages in flight. */
function shown(replay: TraceReplay, t: number) {
  const messages = messagesBuffer();
  replay.messagesAt(t, messages);
  const flying = Array.from({ length: messages.count }, (_, i) => [
    messages.call[i],
    messages.kind[i],
    messages.backward[i],
    messages.lost[i],
    messages.progress[i],
  ]);
  flying.sort((a, b) => a[0] - b[0] || a[2] - b[2]);
  return { state: replay.stateAt(t), flying };
}

// Checkout and stream played longer than they are, for a run several windows long.
describe.each([
  ['reference', 1],
  ['checkout', 3],
  ['stream', 4],
] as const)('a windowed replay of %s (duration ×%d)', (name, longer) => {
  const scenario = { ...example(name), duration: example(name).duration * longer };
  const full = play(scenario, undefined);
  const windowed = play(scenario, WINDOW);

  it('forgot most of the run and holds about the window', () => {
    expect(full.trace.length).toBeGreaterThan(5 * WINDOW);
    expect(windowed.trace.length).toBe(full.trace.length);
    expect(windowed.retainedFrom).toBeGreaterThan(scenario.duration / 2);
    expect(full.retainedFrom).toBe(-Infinity);
  });

  it('shows what a full replay shows at any playhead in its window, and a re-simulated one before it (property)', () => {
    const holds = (replay: TraceReplay, t: number) => t >= replay.retainedFrom;
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), (fraction, late) => {
        // Half the playheads in the window (the end of the run), the others anywhere.
        const t = late ? windowed.retainedFrom + fraction * (scenario.duration - windowed.retainedFrom) : fraction * scenario.duration;
        if (holds(windowed, t)) {
          expect(shown(windowed, t)).toEqual(shown(full, t));
          return;
        }
        // Before the window the windowed replay shows the counts a little earlier (a landmark), never more.
        const coarse = windowed.stateAt(t),
          exact = full.stateAt(t);
        expect(coarse.approximate).toBe(true);
        coarse.nodes.forEach((node, i) => expect(node.arrivals).toBeLessThanOrEqual(exact.nodes[i].arrivals));
        // Scrubbed back before the window: re-simulated from the start to a little past the playhead.
        const again = play(scenario, WINDOW, t + 1000);
        expect(holds(again, t)).toBe(true);
        expect(shown(again, t)).toEqual(shown(full, t));
      }),
      { numRuns: 24, seed: 19 },
    );
  });
});

describe('what a windowed replay holds', () => {
  it('stays within the window plus a checkpoint span and a batch, and its messages bounded, over a long run', () => {
    const scenario = example('reference');
    let rows = 0,
      messages = 0,
      checkpoints = 0,
      batches = 0;
    const replay = play(scenario, WINDOW, Infinity, (r) => {
      rows = Math.max(rows, r.trace.length - r.trace.first);
      messages = Math.max(messages, r.messages.held);
      checkpoints = Math.max(checkpoints, r.checkpointsHeld);
      batches++;
    });
    expect(batches).toBeGreaterThan(50);
    expect(replay.trace.first).toBeGreaterThan(5 * WINDOW);
    expect(rows).toBeLessThanOrEqual(WINDOW + CHECKPOINT_ROWS);
    expect(checkpoints).toBeLessThanOrEqual(Math.ceil((WINDOW + CHECKPOINT_ROWS) / CHECKPOINT_ROWS) + 1);
    // Messages: at most about two a row held, and far fewer than the run's.
    expect(messages).toBeLessThanOrEqual(2 * (WINDOW + CHECKPOINT_ROWS));
    expect(messages).toBeLessThan(replay.messages.length / 4);
  });
});
