/** The call table's up-front size: close to what a run uses, never more than the cap. */
import { describe, expect, it } from 'vitest';
import { MAX_RESERVED_CALLS, reservedCalls } from '../../src/engine/capacity.ts';
import { simulate } from '../../src/engine/index.ts';
import { example, scenario } from '../support/scenarios.ts';

describe('reservedCalls', () => {
  it('estimates the calls of the reference run (fan-out included) within 20 %, so the table never doubles', () => {
    const reference = example('reference');
    const { simulation } = simulate(reference);
    const used = simulation.rt.calls.length;
    const reserved = reservedCalls(reference);
    expect(reserved / used).toBeGreaterThan(1);
    expect(reserved / used).toBeLessThan(1.2);
  });

  it('is capped for long scenarios and survives call cycles', () => {
    const s = scenario({
      duration: '1000h',
      nodes: [
        { id: 'c', kind: 'client', target: 'a', workload: { pattern: 'poisson', rate: 1000 } },
        { id: 'a', kind: 'service', calls: [{ to: 'b' }] },
        { id: 'b', kind: 'service', calls: [{ to: 'a' }] },
      ],
      links: [{ from: 'c', to: 'a' }, { from: 'a', to: 'b' }, { from: 'b', to: 'a' }],
    });
    expect(reservedCalls(s)).toBe(MAX_RESERVED_CALLS);
  });
});
