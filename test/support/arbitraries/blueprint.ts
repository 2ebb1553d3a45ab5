/**
 * The parts of a generated scenario as plain numbers (a "blueprint"), and the fast-check
 * arbitraries that draw them; ./index.ts fits them to a budget and encodes the document.
 */
import fc from 'fast-check';
import { type Distribution, type ScenarioInput } from '../../../src/model/index.ts';
import type { Options, Randomness } from './options.ts';

// ---------------------------------------------------------------- input types (as in a file)

export type NodeInput = ScenarioInput['nodes'][number];
export type ClientInput = Extract<NodeInput, { kind: 'client' }>;
export type ServiceInput = Extract<NodeInput, { kind: 'service' }>;
export type LinkInput = NonNullable<ScenarioInput['links']>[number];
export type FaultInput = NonNullable<ScenarioInput['faults']>[number];
export type ChangeInput = NonNullable<ScenarioInput['changes']>[number];
export type DistributionInput = NonNullable<ServiceInput['serviceTime']>;
export type DurationInput = number | string;

// ---------------------------------------------------------------- blueprints (plain numbers)

export interface CallBlueprint {
  readonly to: number;
  readonly timeout?: number;
}
export interface StepBlueprint {
  readonly calls: readonly CallBlueprint[];
  readonly parallel: boolean;
}

export interface LinkBlueprint {
  readonly namedId: boolean;
  readonly protocol?: 'http' | 'grpc';
  readonly latency?: Distribution;
  readonly loss?: number;
  readonly timeout?: number;
}

export interface RateLimitBlueprint {
  readonly rate: number;
  readonly burst?: number;
}
export interface SheddingBlueprint {
  readonly maxLine?: number;
  readonly maxQueueTime?: number;
}

/** An inbound rate limiter: often tight enough to refuse now and then. */
export const rateLimitArb: fc.Arbitrary<RateLimitBlueprint> = fc.record({
  rate: fc.integer({ min: 1, max: 2000 }).map((x) => x / 10),
  burst: maybe(fc.integer({ min: 1, max: 10 }), 0.7),
});
export const sheddingArb: fc.Arbitrary<SheddingBlueprint> = fc.record({
  maxLine: maybe(fc.integer({ min: 0, max: 10 }), 0.6),
  maxQueueTime: maybe(msArb(0, 200), 0.6),
});

export interface ServiceBlueprint {
  readonly workers?: number;
  readonly queueCapacity?: number | null;
  readonly serviceTime?: Distribution;
  readonly errorRate?: number;
  readonly startupTime?: number;
  readonly rateLimit?: RateLimitBlueprint;
  readonly shedding?: SheddingBlueprint;
  readonly steps: readonly StepBlueprint[];
  /** Settings of the link to each later service j > i, indexed by j - i - 1. */
  readonly links: readonly LinkBlueprint[];
}

export type WorkloadBlueprint =
  | { pattern: 'constant' | 'poisson'; rate: number }
  | { pattern: 'bursts'; every: number; size: number }
  | { pattern: 'ramp'; from: number; to: number; over: number }
  | { pattern: 'closed'; users: number; thinkTime: Distribution };

export interface ClientBlueprint {
  readonly target: number;
  readonly workload: WorkloadBlueprint;
  readonly start?: number;
  readonly stop?: number;
  readonly timeout?: number;
  readonly link: LinkBlueprint;
}

export interface FaultBlueprint {
  readonly kind: FaultInput['kind'];
  /** Picks the target service / link / node pair (taken modulo what exists). */
  readonly pick: number;
  readonly pick2: number;
  readonly at: number;
  readonly duration?: number;
  readonly factor: number;
  readonly rate: number;
  readonly add: number;
  readonly oneWay?: boolean;
}

/**
 * A setting changed during the run. `pick` chooses the target: a service (modulo the services), a
 * client (its index, once ./changes.ts has resolved it to a constant or poisson client) or a link
 * (modulo the links). Only the fields of `kind` are used; at least one of them is present.
 */
export interface ChangeBlueprint {
  readonly kind: 'service' | 'client' | 'link';
  readonly pick: number;
  readonly at: number;
  readonly workers?: number;
  readonly queueCapacity?: number | null;
  readonly serviceTime?: Distribution;
  readonly errorRate?: number;
  readonly rate?: number;
  /** Client: a new workload (then no rate: ./changes.ts aims rate changes at open-loop clients). */
  readonly workload?: WorkloadBlueprint;
  /** Service: the startup time of its next restart. */
  readonly startupTime?: number;
  /** Service: a new call plan made from its own (so every callee stays linked and the fan-out within budget). */
  readonly plan?: PlanRewrite;
  /** Service: a new rate limiter / load shedding (null: none). */
  readonly rateLimit?: RateLimitBlueprint | null;
  readonly shedding?: SheddingBlueprint | null;
  /** Service (plan 'timeouts'), client, link: a timeout to set; null removes it. */
  readonly timeout?: number | null;
  readonly latency?: Distribution;
  readonly loss?: number;
  readonly protocol?: 'http' | 'grpc';
}

/** How a changed call plan is made from the service's own: reordered, regrouped, shortened or timed. */
export type PlanRewrite = 'reverse' | 'parallel' | 'sequence' | 'dropFirst' | 'timeouts';

export interface Blueprint {
  readonly seed: number;
  readonly duration: number;
  readonly name?: string;
  readonly services: readonly ServiceBlueprint[];
  readonly clients: readonly ClientBlueprint[];
  readonly faults: readonly FaultBlueprint[];
  /** In time order (./changes.ts sorts them), as the schema describes the list. */
  readonly changes: readonly ChangeBlueprint[];
  /** How each duration is written (cycled through): 0 number, 1 "…ms", 2 the largest whole unit. */
  readonly styles: readonly number[];
  /** How each constant distribution is written (cycled through): bare duration or object. */
  readonly bare: readonly boolean[];
}

// ---------------------------------------------------------------- small arbitraries

/** Milliseconds in [min, max] with up to 3 decimals (no NaN, no infinities, no exponents). */
export function msArb(min: number, max: number): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer({ min: Math.ceil(min), max: Math.floor(max) }),
    fc.integer({ min: Math.round(min * 1000), max: Math.round(max * 1000) }).map((x) => x / 1000),
  );
}

/** A probability: often exactly 0 or 1, otherwise anywhere in between. */
export function probabilityArb(randomness: Randomness, max = 1): fc.Arbitrary<number> {
  if (randomness === 'none') return fc.constantFrom(0, 1);
  return fc.oneof(
    fc.constantFrom(0, max),
    fc.integer({ min: 0, max: 1000 }).map((x) => (x / 1000) * max),
  );
}

/** A value with probability `present` (in steps of 1%), otherwise undefined (the field is left out). */
export function maybe<T>(arb: fc.Arbitrary<T>, present = 0.5): fc.Arbitrary<T | undefined> {
  const weight = Math.round(present * 100);
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 100 - weight }, { arbitrary: arb, weight });
}

/** A timeout in ms: mostly short enough to fire now and then. */
export const timeoutArb = fc.oneof(msArb(1, 50), msArb(50, 500), msArb(500, 3000));

/**
 * A distribution of durations with values around [0, scale] ms. With `minMean` the mean is at
 * least that (think times: keeps closed-loop users from sending thousands of requests a second).
 */
export function distributionArb(scale: number, randomness: Randomness, minMean = 0): fc.Arbitrary<Distribution> {
  const lo = minMean,
    hi = Math.max(minMean, scale);
  const constant = msArb(lo, hi).map((value): Distribution => ({ dist: 'constant', value }));
  const degenerate = fc.oneof(
    constant,
    msArb(lo, hi).map((v): Distribution => ({ dist: 'uniform', min: v, max: v })),
    msArb(lo, hi).map((v): Distribution => ({ dist: 'normal', mean: v, stddev: 0 })),
    msArb(Math.max(lo, 0.001), hi).map((v): Distribution => ({ dist: 'lognormal', mean: v, stddev: 0 })),
  );
  if (randomness === 'none') return degenerate;
  const random = fc.oneof(
    fc.tuple(msArb(lo, hi), msArb(0, scale)).map(([a, w]): Distribution => ({ dist: 'uniform', min: a, max: a + w })),
    msArb(Math.max(lo, 0.001), hi).map((mean): Distribution => ({ dist: 'exponential', mean })),
    fc.tuple(msArb(lo, hi), msArb(0.001, scale)).map(([mean, stddev]): Distribution => ({ dist: 'normal', mean, stddev })),
    // The schema allows a lognormal stddev of at most 100 × the mean; stay well inside it.
    fc
      .tuple(msArb(Math.max(lo, 0.001), hi), msArb(0.001, scale))
      .map(([mean, stddev]): Distribution => ({ dist: 'lognormal', mean, stddev: Math.min(stddev, 50 * mean) })),
    // Pareto's mean is shape·scale/(shape−1) ≥ scale, so scale ≥ minMean keeps the mean ≥ minMean.
    fc
      .tuple(
        msArb(Math.max(lo, 0.001), Math.max(lo, 0.001) + scale / 2),
        fc.integer({ min: 5, max: 40 }).map((x) => x / 10),
      )
      .map(([s, shape]): Distribution => ({ dist: 'pareto', scale: s, shape })),
  );
  return fc.oneof({ arbitrary: random, weight: 3 }, { arbitrary: degenerate, weight: 1 });
}

export function linkArb(randomness: Randomness): fc.Arbitrary<LinkBlueprint> {
  return fc
    .record({
      namedId: fc.boolean(),
      protocol: maybe(fc.constantFrom('http' as const, 'grpc' as const), 0.7),
      latency: maybe(distributionArb(20, randomness), 0.8),
      loss: maybe(probabilityArb(randomness, 0.3), 0.4),
      timeout: maybe(timeoutArb, 0.3),
    })
    .map((l) => ({
      ...l,
      // A deterministic scenario may only lose all messages or none.
      loss: randomness === 'none' && l.loss !== undefined ? (l.loss > 0 ? 1 : 0) : l.loss,
    }));
}

export function serviceArb(i: number, n: number, randomness: Randomness): fc.Arbitrary<ServiceBlueprint> {
  const later = n - 1 - i;
  const call: fc.Arbitrary<CallBlueprint> =
    later === 0 ? fc.constant({ to: -1 }) : fc.record({ to: fc.integer({ min: i + 1, max: n - 1 }), timeout: maybe(timeoutArb) });
  const step = fc.oneof(
    call.map((c): StepBlueprint => ({ calls: [c], parallel: false })),
    fc.array(call, { minLength: 1, maxLength: 3 }).map((calls): StepBlueprint => ({ calls, parallel: true })),
  );
  return fc
    .record({
      workers: maybe(fc.integer({ min: 1, max: 8 }), 0.8),
      queueCapacity: maybe(fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 20 })), 0.7),
      // The default service time is exponential, so a deterministic scenario always sets one.
      serviceTime: randomness === 'none' ? distributionArb(30, randomness) : maybe(distributionArb(30, randomness), 0.85),
      errorRate: maybe(probabilityArb(randomness, 0.3), 0.4),
      startupTime: maybe(fc.oneof(fc.constant(0), msArb(0, 300)), 0.4),
      rateLimit: maybe(rateLimitArb, 0.15),
      shedding: maybe(sheddingArb, 0.15),
      steps: later === 0 ? fc.constant([]) : fc.array(step, { maxLength: 3 }),
      links: fc.array(linkArb(randomness), { minLength: later, maxLength: later }),
    })
    .map((s) => ({
      ...s,
      errorRate: randomness === 'none' && s.errorRate !== undefined ? (s.errorRate > 0 ? 1 : 0) : s.errorRate,
    }));
}

export function workloadArb(maxRate: number, duration: number, randomness: Randomness): fc.Arbitrary<WorkloadBlueprint> {
  const rate = fc.integer({ min: 10, max: maxRate * 10 }).map((x) => x / 10);
  const constant = rate.map((r): WorkloadBlueprint => ({ pattern: 'constant', rate: r }));
  const bursts = fc
    .record({ every: msArb(Math.max(5, 1000 / maxRate), 1000), size: fc.integer({ min: 1, max: 5 }) })
    .map(({ every, size }): WorkloadBlueprint => ({ pattern: 'bursts', every: Math.max(every, (size * 1000) / maxRate), size }));
  const closed = fc
    .record({ users: fc.integer({ min: 1, max: 4 }), thinkTime: distributionArb(200, randomness, 20) })
    .map((w): WorkloadBlueprint => ({ pattern: 'closed', ...w }));
  if (randomness === 'none') return fc.oneof(constant, bursts, closed);
  const poisson = rate.map((r): WorkloadBlueprint => ({ pattern: 'poisson', rate: r }));
  const ramp = fc
    .record({
      from: fc.integer({ min: 0, max: maxRate }),
      to: fc.integer({ min: 0, max: maxRate }),
      over: msArb(1, duration),
    })
    .map((w): WorkloadBlueprint => ({ pattern: 'ramp', ...w, to: w.from === 0 && w.to === 0 ? 1 : w.to }));
  return fc.oneof(constant, poisson, bursts, ramp, closed);
}

export function clientArb(services: number, duration: number, o: Options, guaranteed: boolean): fc.Arbitrary<ClientBlueprint> {
  const guaranteedLoad = fc
    .integer({ min: 20, max: Math.max(20, o.maxRate) })
    .map((rate): WorkloadBlueprint => ({ pattern: 'poisson', rate }));
  const window = guaranteed
    ? fc.constant({ start: undefined, stop: undefined })
    : fc
        .record({
          start: maybe(msArb(0, duration * 0.8), 0.3),
          stop: maybe(msArb(0, duration * 1.2), 0.3),
        })
        .map(({ start, stop }) => ({
          start,
          // `stop` must not be before `start`.
          stop: stop !== undefined && start !== undefined && stop < start ? start + (start - stop) : stop,
        }));
  return fc
    .record({
      target: fc.integer({ min: 0, max: services - 1 }),
      workload: guaranteed ? guaranteedLoad : workloadArb(o.maxRate, duration, o.randomness),
      window,
      timeout: maybe(timeoutArb),
      link: linkArb(o.randomness === 'none' ? 'none' : 'any'),
    })
    .map(({ window: w, ...c }) => ({ ...c, ...w }));
}

export function faultArb(duration: number, randomness: Randomness): fc.Arbitrary<FaultBlueprint> {
  return fc.record({
    kind: fc.constantFrom<FaultInput['kind']>('crash', 'crash', 'slow', 'errors', 'latency', 'loss', 'partition', 'partition'),
    pick: fc.nat(),
    pick2: fc.nat(),
    at: msArb(0, duration - 1),
    duration: maybe(msArb(1, duration), 0.7),
    factor: fc.integer({ min: 10, max: 100 }).map((x) => x / 10),
    rate: probabilityArb(randomness),
    add: msArb(0, 200),
    oneWay: maybe(fc.boolean(), 0.6),
  });
}
