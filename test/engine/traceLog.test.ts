/** The trace log's hash: the one number two runs are compared by, so it must see everything. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TraceLog, CHUNK_ROWS } from '../../src/engine/trace/traceLog.ts';

type Row = [number, number, number, number, number];

function logOf(rows: readonly Row[], hashEvery?: number, foldAsFilled = false): TraceLog {
  const log = new TraceLog(undefined, foldAsFilled);
  rows.forEach((row, i) => {
    log.record(...row);
    if (hashEvery && i % hashEvery === 0) log.hash();
  });
  return log;
}

const rowArb = fc.tuple(
  fc.double({ min: 0, max: 1e9, noNaN: true }),
  fc.integer({ min: 0, max: 255 }),
  fc.integer({ min: -1, max: 1000 }),
  fc.integer(),
  fc.integer(),
);

describe('TraceLog.hash', () => {
  it('is the same whether asked once at the end or again and again on the way (across chunk boundaries)', () => {
    const rows: Row[] = Array.from({ length: CHUNK_ROWS * 2 + 123 }, (_, i) => [i * 0.5, i % 13, i % 7, i, -i]);
    const once = logOf(rows).hash();
    for (const every of [1, 3, 997, CHUNK_ROWS - 1]) expect(logOf(rows, every).hash()).toBe(once);
    // Folding each chunk as it fills (the engine's log) changes nothing either.
    expect(logOf(rows, undefined, true).hash()).toBe(once);
    expect(logOf(rows, 997, true).hash()).toBe(once);
  });

  it('changes when any field of any row changes, or two rows swap (property)', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 2, maxLength: 40 }), fc.nat(), fc.integer({ min: 0, max: 5 }), (rows, at, field) => {
        const i = at % rows.length;
        const changed = rows.map((r) => [...r] as Row);
        if (field < 5) {
          const value = changed[i][field];
          changed[i][field] = field === 0 ? value + 1 : (value + 1) | 0;
        } else {
          const j = (i + 1) % rows.length;
          if (rows[i].every((v, k) => v === rows[j][k])) return; // swapping equal rows changes nothing
          [changed[i], changed[j]] = [changed[j], changed[i]];
        }
        expect(logOf(changed).hash()).not.toBe(logOf(rows).hash());
      }),
      { numRuns: 500 },
    );
  });

  it('tells an empty log from one with a single all-zero row', () => {
    expect(logOf([[0, 0, 0, 0, 0]]).hash()).not.toBe(new TraceLog().hash());
  });
});
