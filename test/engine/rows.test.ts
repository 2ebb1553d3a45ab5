/**
 * The packed fields of trace rows (src/engine/trace/rows.ts) are written and read in one place:
 * what a packer writes its decoders give back, for every value the engine can write, and the
 * packed numbers are the ones the trace format documents (eventTypes.ts), since they are hashed;
 * and the typed run events (replay/runEvents.ts) say what the rows say.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countRunEvents, scanRunEvents, type RunEvent } from '../../src/engine/replay/runEvents.ts';
import { BreakerState, FallbackKind, TraceType } from '../../src/engine/trace/eventTypes.ts';
import {
  breakerFrom,
  breakerTo,
  groupOfPacked,
  packBreakerChange,
  packGroupPartition,
  partitionOfPacked,
} from '../../src/engine/trace/rows.ts';
import { example, runToEnd } from '../support/scenarios.ts';

describe('packed row fields', () => {
  it("a BREAKER row's b gives back the states it was packed from (from × 16 + to)", () => {
    const state = fc.integer({ min: 0, max: 15 });
    fc.assert(
      fc.property(state, state, (from, to) => {
        const b = packBreakerChange(from, to);
        expect(b).toBe(from * 16 + to);
        expect([breakerFrom(b), breakerTo(b)]).toEqual([from, to]);
      }),
    );
    expect(packBreakerChange(BreakerState.HALF_OPEN, BreakerState.OPEN)).toBe(33);
  });

  it("a STREAM_LOST / STREAM_SEEK row's a gives back its group and partition (group × 65536 + partition)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 32_767 }), fc.integer({ min: 0, max: 65_535 }), (group, partition) => {
        const a = packGroupPartition(group, partition);
        expect(a).toBe(group * 65536 + partition);
        expect([groupOfPacked(a), partitionOfPacked(a)]).toEqual([group, partition]);
      }),
    );
  });
});

describe('run events', () => {
  it('give each FALLBACK row of a run as a fallback event, with its caller, first attempt and kind', () => {
    const { sim } = runToEnd(example('cascade-protected'));
    const trace = sim.rt.trace;
    const rows: { time: number; caller: number; call: number; fallback: number }[] = [];
    for (let i = 0; i < trace.length; i++) {
      if (trace.type(i) !== TraceType.FALLBACK) continue;
      rows.push({ time: trace.time(i), caller: trace.node(i), call: trace.a(i), fallback: trace.b(i) });
    }
    const events: RunEvent[] = [];
    scanRunEvents(trace, 0, trace.length, (e) => {
      if (e.kind === 'fallback') events.push(e);
    });
    expect(rows.length).toBeGreaterThan(0);
    expect(events).toEqual(rows.map((r) => ({ kind: 'fallback', ...r })));
    expect(events.every((e) => e.kind === 'fallback' && Object.values(FallbackKind).includes(e.fallback as 1 | 2 | 3))).toBe(true);
    expect(countRunEvents(trace, 'fallback')).toBe(rows.length);
  });
});
