/**
 * Generated scenarios with resilience policies: the engine generator's scenarios (see
 * ../arbitraries) with, on some links, a retry (any backoff, any jitter, sometimes a budget), a
 * deadline, a static or cache fallback, and either a circuit breaker or a bulkhead (not both, so
 * a breaker's admissions are the link's SENDs and can be checked from the trace alone).
 */
import fc from 'fast-check';
import type { ScenarioInput } from '../../../src/model/index.ts';
import { parseDuration } from '../../../src/model/duration.ts';
import { scenarioArbitrary, type ScenarioArbitraryOptions } from '../arbitraries/index.ts';

type LinkInput = NonNullable<ScenarioInput['links']>[number];
type Policies = Partial<Pick<LinkInput, 'retry' | 'deadline' | 'fallback' | 'breaker' | 'bulkhead'>>;

const maybe = <T>(arb: fc.Arbitrary<T>, p: number) =>
  fc.oneof({ weight: Math.round((1 - p) * 100), arbitrary: fc.constant(undefined) }, { weight: Math.round(p * 100), arbitrary: arb });

export const retryArb = fc
  .record({
    maxAttempts: fc.integer({ min: 1, max: 3 }),
    backoff: fc.constantFrom('none', 'constant', 'linear', 'exponential') as fc.Arbitrary<'none' | 'constant' | 'linear' | 'exponential'>,
    base: fc.integer({ min: 1, max: 200 }),
    multiplier: fc.constantFrom(1, 1.5, 2, 3),
    cap: fc.integer({ min: 1, max: 2000 }),
    jitter: fc.constantFrom('none', 'full', 'equal', 'decorrelated') as fc.Arbitrary<'none' | 'full' | 'equal' | 'decorrelated'>,
    retryOn: fc.subarray(['timeout', 'error', 'rejected', 'refused', 'breakerOpen'] as const, { minLength: 1 }).map((a) => [...a]),
    budget: maybe(
      fc.record({
        percent: fc.integer({ min: 1, max: 100 }),
        window: fc.integer({ min: 100, max: 3000 }),
        minPerSecond: fc.integer({ min: 0, max: 5 }),
      }),
      0.3,
    ),
  })
  .map(({ budget, ...r }) => (budget === undefined ? r : { ...r, budget }));

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

export const bulkheadArb = fc
  .record({
    maxConcurrent: fc.integer({ min: 1, max: 5 }),
    maxWaiting: fc.integer({ min: 0, max: 5 }),
    maxWait: maybe(fc.integer({ min: 1, max: 300 }), 0.5),
  })
  .map(({ maxWait, ...b }) => (maxWait === undefined ? b : { ...b, maxWait }));

const policiesArb: fc.Arbitrary<Policies> = fc
  .record({
    retry: maybe(retryArb, 0.4),
    deadline: maybe(fc.integer({ min: 1, max: 2000 }), 0.3),
    fallback: maybe(fc.constantFrom({ kind: 'static' as const }, { kind: 'cache' as const }, { kind: 'cache' as const, ttl: 100 }), 0.25),
    guard: fc.constantFrom('none', 'breaker', 'bulkhead'),
    breaker: breakerArb,
    bulkhead: bulkheadArb,
  })
  .map(({ guard, breaker, bulkhead, ...p }) => {
    const out: Policies = {};
    for (const [k, v] of Object.entries(p)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
    if (guard === 'breaker') out.breaker = breaker;
    if (guard === 'bulkhead') out.bulkhead = bulkhead;
    return out;
  });

/** A generated scenario with policies on some of its links. */
export function policyScenarioArbitrary(options: ScenarioArbitraryOptions = {}): fc.Arbitrary<ScenarioInput> {
  return fc
    .tuple(scenarioArbitrary(options), fc.array(maybe(policiesArb, 0.7), { minLength: 40, maxLength: 40 }))
    .map(([doc, policies]) => ({ ...doc, links: (doc.links ?? []).map((l, i) => ({ ...l, ...(policies[i % policies.length] ?? {}) })) }));
}

/**
 * A generated scenario with policies (`policyScenarioArbitrary`), and more: links with a deadline
 * may propagate it, a fallback may ask another service the caller has a link to, and up to three
 * changes at random times set a link's retry, deadline, fallback, breaker or bulkhead afresh (or
 * take it away), so operations and guards change while calls are in flight.
 */
export function policyChangeScenarioArbitrary(options: ScenarioArbitraryOptions = {}): fc.Arbitrary<ScenarioInput> {
  const changeArb = fc.record({
    link: fc.nat(),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    set: fc.oneof(
      retryArb.map((retry) => ({ retry })),
      fc.constant({ retry: null }),
      fc.integer({ min: 1, max: 2000 }).map((deadline) => ({ deadline, propagateDeadline: true })),
      fc.constant({ deadline: null }),
      fc.constant({ fallback: { kind: 'static' as const } }),
      fc.constant({ fallback: null }),
      breakerArb.map((breaker) => ({ breaker })),
      fc.constant({ breaker: null }),
      bulkheadArb.map((bulkhead) => ({ bulkhead })),
      fc.constant({ bulkhead: null }),
    ),
  });
  return fc
    .tuple(
      policyScenarioArbitrary(options),
      fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
      fc.array(changeArb, { maxLength: 3 }),
    )
    .map(([doc, coins, changes]) => {
      const links = (doc.links ?? []).map((l, i) => {
        const out = { ...l };
        if (out.deadline !== undefined && coins[i % coins.length]) out.propagateDeadline = true;
        // A fallback to another service this caller calls (over the link it already has to it).
        const other = (doc.links ?? []).find((o) => o.from === l.from && o.to !== l.to);
        if (out.fallback !== undefined && other && coins[(i + 1) % coins.length]) out.fallback = { kind: 'service', to: other.to };
        return out;
      });
      const duration = doc.duration === undefined ? undefined : parseDuration(doc.duration);
      if (links.length === 0 || duration === undefined || changes.length === 0) return { ...doc, links };
      const linkChanges = changes
        .map((ch) => {
          const l = links[ch.link % links.length];
          return { kind: 'link' as const, link: l.id ?? `${l.from}->${l.to}`, at: Math.floor(ch.at * duration), set: ch.set };
        })
        .sort((a, b) => a.at - b.at);
      return { ...doc, links, changes: [...(doc.changes ?? []), ...linkChanges] };
    });
}
