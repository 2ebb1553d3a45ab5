/**
 * Properties of runs with resilience policies on generated scenarios (test/support/policies):
 * determinism (same seed, same hash, in one piece or in chunks) and the invariants that
 * policyChecks.ts reads off the trace (breakers, attempts, jitter bounds, budgets, conservation).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/index.ts';
import { validateScenario } from '../../src/model/index.ts';
import { parse, runChunked } from '../support/scenarioHelpers.ts';
import { checkPolicies } from '../support/policies/policyChecks.ts';
import { policyScenarioArbitrary } from '../support/policies/policyArbitrary.ts';
import { Simulation } from '../../src/engine/index.ts';

describe('runs with resilience policies', () => {
  it('are valid scenarios that use every policy', () => {
    const seen = new Set<string>();
    for (const doc of fc.sample(policyScenarioArbitrary(), { seed: 301, numRuns: 200 })) {
      const result = validateScenario(doc);
      expect(result.ok ? [] : result.problems).toEqual([]);
      for (const l of doc.links ?? [])
        for (const k of ['retry', 'deadline', 'fallback', 'breaker', 'bulkhead'] as const) if (l[k] !== undefined) seen.add(k);
      for (const l of doc.links ?? []) if (l.retry?.budget) seen.add('budget');
    }
    expect([...seen].sort()).toEqual(['breaker', 'budget', 'bulkhead', 'deadline', 'fallback', 'retry']);
  });

  it('keep every breaker, attempt, jitter, budget and conservation rule', () => {
    fc.assert(
      fc.property(policyScenarioArbitrary(), (doc) => {
        const s = parse(doc);
        const sim = new Simulation(s);
        sim.runUntil(s.duration);
        expect(checkPolicies(sim, s)).toEqual([]);
      }),
      { seed: 302, numRuns: 200 },
    );
  });

  it('are deterministic: the same hash twice, and in chunks', () => {
    fc.assert(
      fc.property(policyScenarioArbitrary(), fc.integer({ min: 1, max: 1e6 }), (doc, seed) => {
        const s = parse(doc);
        const whole = simulate(s, { seed }).report.traceHash;
        expect(simulate(s, { seed }).report.traceHash).toBe(whole);
        const chunked = runChunked(s, seed, [{ at: s.duration / 3 }, { at: s.duration / 2, maxEvents: 50 }]);
        expect(chunked.rt.trace.hash()).toBe(whole);
      }),
      { seed: 303, numRuns: 100 },
    );
  });
});
