/**
 * Generated scenarios with resilience policies: the engine generator's scenarios (see
 * ../arbitraries) with, on some links, a retry (any backoff, any jitter, sometimes a budget), a
 * deadline, a static or cache fallback, and either a circuit breaker or a bulkhead (not both, so
 * a breaker's admissions are the link's SENDs and can be checked from the trace alone).
 */
import fc from 'fast-check';
import type { ScenarioInput } from '../../../src/model/index.ts';
import { scenarioArbitrary, type ScenarioArbitraryOptions } from '../arbitraries/index.ts';

type LinkInput = NonNullable<ScenarioInput['links']>[number];
type Policies = Partial<Pick<LinkInput, 'retry' | 'deadline' | 'fallback' | 'breaker' | 'bulkhead'>>;

const maybe = <T>(arb: fc.Arbitrary<T>, p: number) => fc.oneof({ weight: Math.round((1 - p) * 100), arbitrary: fc.constant(undefined) }, { weight: Math.round(p * 100), arbitrary: arb });

export const retryArb = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 3 }),
  backoff: fc.constantFrom('none', 'constant', 'linear', 'exponential') as fc.Arbitrary<'none' | 'constant' | 'linear' | 'exponential'>,
  base: fc.integer({ min: 1, max: 200 }),
  multiplier: fc.constantFrom(1, 1.5, 2, 3),
  cap: fc.integer({ min: 1, max: 2000 }),
  jitter: fc.constantFrom('none', 'full', 'equal', 'decorrelated') as fc.Arbitrary<'none' | 'full' | 'equal' | 'decorrelated'>,
  retryOn: fc.subarray(['timeout', 'error', 'rejected', 'refused', 'breakerOpen'] as const, { minLength: 1 }).map((a) => [...a]),
  budget: maybe(fc.record({ percent: fc.integer({ min: 1, max: 100 }), window: fc.integer({ min: 100, max: 3000 }), minPerSecond: fc.integer({ min: 0, max: 5 }) }), 0.3),
}).map(({ budget, ...r }) => (budget === undefined ? r : { ...r, budget }));

export const breakerArb = fc.record({
  failureRateThreshold: fc.integer({ min: 1, max: 100 }),
  slowCallRateThreshold: fc.integer({ min: 1, max: 100 }),
  slowCallDuration: fc.integer({ min: 1, max: 500 }),
  waitInOpen: fc.integer({ min: 1, max: 2000 }),
  permittedInHalfOpen: fc.integer({ min: 1, max: 5 }),
  minimumNumberOfCalls: fc.integer({ min: 1, max: 20 }),
  windowType: fc.constantFrom('count', 'time') as fc.Arbitrary<'count' | 'time'>,
  windowSize: fc.integer({ min: 1, max: 20 }),
  automaticTransition: fc.boolean(),
  maxWaitInHalfOpen: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 })),
  state: fc.constantFrom('closed', 'closed', 'closed', 'forcedOpen', 'disabled') as fc.Arbitrary<'closed' | 'forcedOpen' | 'disabled'>,
});

export const bulkheadArb = fc.record({
  maxConcurrent: fc.integer({ min: 1, max: 5 }),
  maxWaiting: fc.integer({ min: 0, max: 5 }),
  maxWait: maybe(fc.integer({ min: 1, max: 300 }), 0.5),
}).map(({ maxWait, ...b }) => (maxWait === undefined ? b : { ...b, maxWait }));

const policiesArb: fc.Arbitrary<Policies> = fc.record({
  retry: maybe(retryArb, 0.4),
  deadline: maybe(fc.integer({ min: 1, max: 2000 }), 0.3),
  fallback: maybe(fc.constantFrom({ kind: 'static' as const }, { kind: 'cache' as const }, { kind: 'cache' as const, ttl: 100 }), 0.25),
  guard: fc.constantFrom('none', 'breaker', 'bulkhead'),
  breaker: breakerArb,
  bulkhead: bulkheadArb,
}).map(({ guard, breaker, bulkhead, ...p }) => {
  const out: Policies = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  if (guard === 'breaker') out.breaker = breaker;
  if (guard === 'bulkhead') out.bulkhead = bulkhead;
  return out;
});

/** A generated scenario with policies on some of its links. */
export function policyScenarioArbitrary(options: ScenarioArbitraryOptions = {}): fc.Arbitrary<ScenarioInput> {
  return fc.tuple(scenarioArbitrary(options), fc.array(maybe(policiesArb, 0.7), { minLength: 40, maxLength: 40 }))
    .map(([doc, policies]) => ({ ...doc, links: (doc.links ?? []).map((l, i) => ({ ...l, ...(policies[i % policies.length] ?? {}) })) }));
}
