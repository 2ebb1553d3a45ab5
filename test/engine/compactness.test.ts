/** "Record compactly: 10⁶ events must fit comfortably in a browser tab." Measured, not assumed. */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.ts';
import { example } from '../support/scenarios.ts';

describe('trace size', () => {
  it('holds a million trace events and their spans in well under 64 MB', () => {
    const sim = new Simulation({ ...example('reference'), duration: 300_000 });
    while (sim.rt.trace.length < 1_000_000 && sim.now < 300_000) sim.runUntil(sim.now + 1000);
    const { trace, calls } = sim.rt;
    const bytes = trace.byteSize + calls.byteSize;
    expect(trace.length).toBeGreaterThanOrEqual(1_000_000);
    expect(trace.byteSize / trace.length).toBeLessThan(22); // 20 bytes a row, plus the last chunk's slack
    expect(bytes).toBeLessThan(64 * 1024 * 1024);
  });
});
