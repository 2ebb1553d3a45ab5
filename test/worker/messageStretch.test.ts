/**
 * The overlay's time stretch, as the message index answers it: with a minimum flight, a message
 * shorter than that is shown for that long from its start, its progress stretched to match; longer
 * messages, unfinished ones, and the index's own times are untouched.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessageIndex, messagesBuffer, type MessagesInFlight } from '../../src/engine/replay/messageIndex.ts';

/** The messages in flight at t, by call, as [progress, lost]. */
function shown(index: MessageIndex, t: number, minFlight: number): Map<number, number> {
  const out: MessagesInFlight = messagesBuffer(1024);
  index.at(t, out, minFlight);
  const byCall = new Map<number, number>();
  for (let i = 0; i < out.count; i++) byCall.set(out.call[i], out.progress[i]);
  return byCall;
}

describe('MessageIndex.at with a minimum flight', () => {
  it('shows a 1 ms hop for the whole minimum, moving evenly, and leaves longer and unfinished messages as they are', () => {
    const index = new MessageIndex();
    index.finish(index.begin(10, 1, 0, false, 0), 11, false); // 1 ms
    index.finish(index.begin(10, 2, 0, true, 1), 110, false); // 100 ms
    index.begin(12, 3, 0, false, 0); // still in flight
    index.compact();

    expect(shown(index, 30, 0).has(1)).toBe(false); // arrived at 11
    expect(shown(index, 30, 35).get(1)).toBeCloseTo(20 / 35, 12);
    expect(shown(index, 10, 35).get(1)).toBe(0);
    expect(shown(index, 44.9, 35).has(1)).toBe(true);
    expect(shown(index, 45, 35).has(1)).toBe(false);
    expect(shown(index, 60, 35).get(2)).toBeCloseTo(0.5, 12);
    expect(shown(index, 60, 35).get(3)).toBe(0.5);
    expect(shown(index, 60, 0).get(2)).toBeCloseTo(0.5, 12);
    // Which of them have in fact arrived (held on screen by the stretch only).
    const out = messagesBuffer(8);
    index.at(30, out, 35);
    expect(Array.from({ length: out.count }, (_, i) => [out.call[i], out.held[i]]).sort()).toEqual([
      [1, 1],
      [2, 0],
      [3, 0],
    ]);
  });

  it('for any messages and minimum: shows a superset of the unstretched ones, each for max(its flight, the minimum), never ahead of its real progress', () => {
    const message = fc.record({ start: fc.integer({ min: 0, max: 1000 }), flight: fc.integer({ min: 0, max: 200 }), lost: fc.boolean() });
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.integer({ min: 0, max: 1400 }), { minLength: 1, maxLength: 10 }),
        (messages, minFlight, times) => {
          const sorted = [...messages].sort((a, b) => a.start - b.start);
          const index = new MessageIndex();
          const ends: number[] = [];
          sorted.forEach((m, call) => {
            index.finish(index.begin(m.start, call, 0, false, 0), m.start + m.flight, m.lost);
            ends.push(m.start + m.flight + (m.lost ? 5 : 0)); // LOST_MESSAGE_VISIBLE_MS
          });
          index.compact();
          for (const t of times) {
            const plain = shown(index, t, 0),
              stretched = shown(index, t, minFlight);
            for (const call of plain.keys()) expect(stretched.has(call)).toBe(true);
            sorted.forEach((m, call) => {
              const end = Math.max(ends[call], m.start + minFlight);
              expect(stretched.has(call)).toBe(m.start <= t && t < end);
              if (stretched.has(call)) expect(stretched.get(call)!).toBeLessThanOrEqual((plain.get(call) ?? 1) + 1e-12);
            });
          }
        },
      ),
      { seed: 20, numRuns: 200 },
    );
  });
});
