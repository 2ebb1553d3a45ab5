/** A trace log that forgets its old rows (a long run's bounded window): what it still answers. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TraceLog, CHUNK_ROWS } from '../../src/engine/trace/traceLog.ts';
import { dropSpareMemory, spareBytes } from '../../src/engine/trace/spareMemory.ts';

function filled(n: number, foldAsFilled = false): TraceLog {
  const log = new TraceLog(undefined, foldAsFilled);
  for (let i = 0; i < n; i++) log.record(i * 0.25, i % 11, i % 5, i, -i);
  return log;
}

describe('TraceLog.discardBefore', () => {
  it('keeps the hash of every row, the rows after the cut, and their numbers (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 * CHUNK_ROWS }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (n, cuts, asFilled) => {
          const full = filled(n);
          const log = new TraceLog(undefined, asFilled);
          let written = 0;
          for (const cut of cuts) {
            const upTo = Math.min(n, written + (cut % (2 * CHUNK_ROWS)) + 1);
            for (; written < upTo; written++) log.record(written * 0.25, written % 11, written % 5, written, -written);
            log.discardBefore(written - (cut % CHUNK_ROWS));
          }
          for (; written < n; written++) log.record(written * 0.25, written % 11, written % 5, written, -written);
          expect(log.length).toBe(n);
          expect(log.first % CHUNK_ROWS).toBe(0);
          expect(log.hash()).toBe(full.hash());
          for (let i = log.first; i < n; i += 97) expect(log.event(i)).toEqual(full.event(i));
          // Searching by time finds the same row, or the first kept one for a time before them.
          for (const t of [0, n * 0.125, n * 0.25 - 0.1, n]) expect(log.indexAt(t)).toBe(Math.max(log.first, full.indexAt(t)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('drops only whole chunks, and holds at most the window plus a chunk however long the log grows', () => {
    const log = new TraceLog();
    const window = 3 * CHUNK_ROWS;
    let held = 0;
    for (let i = 0; i < 40 * CHUNK_ROWS; i++) {
      log.record(i, 1, 0, i, 0);
      if (i % 1000 === 0) log.discardBefore(log.length - window);
      held = Math.max(held, log.byteSize);
    }
    expect(held).toBeLessThanOrEqual((window + 2 * CHUNK_ROWS) * 20);
    expect(log.first).toBeGreaterThan(30 * CHUNK_ROWS);
    log.discardBefore(CHUNK_ROWS - 1); // before the first kept row: nothing to do
    expect(log.a(log.first)).toBe(log.first);
  });

  it('hands the chunks it drops to the next log that grows', () => {
    dropSpareMemory();
    const log = filled(4 * CHUNK_ROWS + 1);
    log.discardBefore(2 * CHUNK_ROWS);
    expect(spareBytes()).toBe(2 * CHUNK_ROWS * 20);
    const other = filled(CHUNK_ROWS + 1);
    expect(spareBytes()).toBe(0);
    expect(other.event(CHUNK_ROWS)).toEqual(filled(CHUNK_ROWS + 1).event(CHUNK_ROWS));
    dropSpareMemory();
  });
});
