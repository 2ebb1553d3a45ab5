/**
 * The packed fields of trace rows (src/engine/trace/rows.ts) are written and read in one place:
 * what a packer writes its decoders give back, for every value the engine can write, and the
 * packed numbers are the ones the trace format documents (eventTypes.ts), since they are hashed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BreakerState } from '../../src/engine/trace/eventTypes.ts';
import { breakerFrom, breakerTo, groupOfPacked, packBreakerChange, packGroupPartition, partitionOfPacked } from '../../src/engine/trace/rows.ts';

describe('packed row fields', () => {
  it('a BREAKER row\'s b gives back the states it was packed from (from × 16 + to)', () => {
    const state = fc.integer({ min: 0, max: 15 });
    fc.assert(fc.property(state, state, (from, to) => {
      const b = packBreakerChange(from, to);
      expect(b).toBe(from * 16 + to);
      expect([breakerFrom(b), breakerTo(b)]).toEqual([from, to]);
    }));
    expect(packBreakerChange(BreakerState.HALF_OPEN, BreakerState.OPEN)).toBe(33);
  });

  it('a STREAM_LOST / STREAM_SEEK row\'s a gives back its group and partition (group × 65536 + partition)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 32_767 }), fc.integer({ min: 0, max: 65_535 }), (group, partition) => {
      const a = packGroupPartition(group, partition);
      expect(a).toBe(group * 65536 + partition);
      expect([groupOfPacked(a), partitionOfPacked(a)]).toEqual([group, partition]);
    }));
  });
});
