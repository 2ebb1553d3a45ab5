/** The call table's up-front size: close to what a run uses, never more than the cap. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_RESERVED_CALLS, expectedCalls, reservedCalls } from '../../src/engine/capacity.ts';
import { callsOf, type Scenario } from '../../src/model/index.ts';
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

/** A scenario as `expectedCalls` reads it: a poisson client for 10 s and services calling `calls[i]` (by index, in order). */
function callGraph(calls: readonly (readonly number[])[]): Scenario {
  const nodes = [
    { id: 'c', kind: 'client', target: 's0', workload: { pattern: 'poisson', rate: 10 } },
    ...calls.map((to, i) => ({ id: `s${i}`, kind: 'service', calls: to.map((t) => ({ to: `s${t}` })) })),
  ];
  return { duration: 10_000, nodes } as unknown as Scenario;
}

/** expectedCalls as it was written before it walked iteratively (recursion), to compare with. */
function recursiveExpectedCalls(scenario: Scenario): number {
  const services = new Map(scenario.nodes.flatMap((n) => (n.kind === 'service' ? [[n.id, n] as const] : [])));
  const perRequest = new Map<string, number>();
  const callsPerRequest = (id: string, visiting: Set<string>): number => {
    const known = perRequest.get(id);
    if (known !== undefined) return known;
    const service = services.get(id);
    if (!service || visiting.has(id)) return 1;
    visiting.add(id);
    let total = 1;
    for (const step of service.calls) for (const call of callsOf(step)) total += callsPerRequest(call.to, visiting);
    visiting.delete(id);
    perRequest.set(id, total);
    return total;
  };
  return Math.ceil(100 * callsPerRequest('s0', new Set()) * 1.05);
}

describe('expectedCalls over the call graph', () => {
  it('gives what the recursive walk gave, on any graph (cycles, repeats, calls to nodes that are not there)', () => {
    const graph = fc.integer({ min: 1, max: 8 }).chain((n) => fc.array(fc.array(fc.integer({ min: 0, max: n }), { maxLength: 4 }), { minLength: n, maxLength: n }));
    fc.assert(fc.property(graph, (calls) => {
      const scenario = callGraph(calls);
      expect(expectedCalls(scenario)).toBe(recursiveExpectedCalls(scenario));
    }), { seed: 19, numRuns: 500 });
  });

  it('walks a chain of 100,000 services (deeper than the call stack) and counts every call', () => {
    const chain = Array.from({ length: 100_000 }, (_, i) => (i + 1 < 100_000 ? [i + 1] : [0]));
    // 100 requests, each calling every service once and then s0 once more (the circle closes: counted, not walked again).
    expect(expectedCalls(callGraph(chain))).toBe(Math.ceil(100 * 100_001 * 1.05));
  });
});
