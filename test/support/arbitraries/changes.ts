/**
 * Changes during a run in generated scenarios: the arbitrary that draws them, the step that aims
 * client changes at clients that have a rate, and their encoding. Values stay inside the ranges
 * the rest of the generator uses, so a change never asks for a run the budget did not allow for
 * (client rates are part of the budget: see `peakRate` in ./index.ts).
 */
import fc from 'fast-check';
import type { Distribution } from '../../../src/model/index.ts';
import {
  distributionArb,
  maybe,
  msArb,
  probabilityArb,
  rateLimitArb,
  sheddingArb,
  timeoutArb,
  workloadArb,
  type RateLimitBlueprint,
  type SheddingBlueprint,
  type Blueprint,
  type CallBlueprint,
  type ChangeBlueprint,
  type ChangeInput,
  type DistributionInput,
  type DurationInput,
  type PlanRewrite,
  type StepBlueprint,
  type WorkloadBlueprint,
} from './blueprint.ts';
import type { Randomness } from './options.ts';

export function changeArb(duration: number, maxRate: number, randomness: Randomness): fc.Arbitrary<ChangeBlueprint> {
  const head = { pick: fc.nat(), at: msArb(0, duration - 1) };
  const service = fc
    .record({
      ...head,
      kind: fc.constant('service' as const),
      workers: maybe(fc.integer({ min: 1, max: 8 })),
      queueCapacity: maybe(fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 20 }))),
      serviceTime: maybe(distributionArb(30, randomness)),
      errorRate: maybe(probabilityArb(randomness, 0.3)),
      startupTime: maybe(msArb(0, 200), 0.2),
      plan: maybe(fc.constantFrom<PlanRewrite>('reverse', 'parallel', 'sequence', 'dropFirst', 'timeouts'), 0.3),
      rateLimit: maybe(fc.oneof(fc.constant(null), rateLimitArb), 0.15),
      shedding: maybe(fc.oneof(fc.constant(null), sheddingArb), 0.15),
      timeout: timeoutArb,
    })
    .map((c): ChangeBlueprint => {
      const { timeout, ...rest } = c;
      const changed = { ...rest, ...(c.plan === 'timeouts' ? { timeout } : {}) };
      // The schema wants at least one setting; a pool resize is the change with the most to check.
      const none =
        c.workers === undefined &&
        c.queueCapacity === undefined &&
        c.serviceTime === undefined &&
        c.errorRate === undefined &&
        c.startupTime === undefined &&
        c.plan === undefined &&
        c.rateLimit === undefined &&
        c.shedding === undefined;
      return none ? { ...changed, workers: 1 + (c.pick % 8) } : changed;
    });
  const timeout = maybe(fc.oneof(fc.constant(null), timeoutArb), 0.3);
  const client = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        ...head,
        kind: fc.constant('client' as const),
        rate: fc.integer({ min: 10, max: maxRate * 10 }).map((x) => x / 10),
        timeout,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        ...head,
        kind: fc.constant('client' as const),
        workload: workloadArb(maxRate, duration, randomness),
        timeout,
      }),
    },
  );
  const link = fc
    .record({
      ...head,
      kind: fc.constant('link' as const),
      latency: maybe(distributionArb(20, randomness), 0.6),
      loss: maybe(probabilityArb(randomness, 0.3), 0.6),
      protocol: maybe(fc.constantFrom('http' as const, 'grpc' as const), 0.3),
      timeout: maybe(fc.oneof(fc.constant(null), timeoutArb), 0.3),
    })
    .map((c): ChangeBlueprint =>
      c.latency === undefined && c.loss === undefined && c.protocol === undefined && c.timeout === undefined ? { ...c, loss: 0 } : c,
    );
  return fc.oneof({ arbitrary: service, weight: 2 }, client, link);
}

/**
 * Sorts the changes by time and aims each client change at a client (`pick` becomes its index):
 * a new workload at any client, a rate at one whose workload in force then is constant or poisson
 * (the only ones with a rate), dropped when there is none.
 */
export function placeChanges(bp: Blueprint): Blueprint {
  const pattern = bp.clients.map((c) => c.workload.pattern);
  const changes = [...bp.changes]
    .sort((a, b) => a.at - b.at)
    .flatMap((ch): ChangeBlueprint[] => {
      if (ch.kind !== 'client') return [ch];
      if (ch.workload) {
        if (pattern.length === 0) return [];
        const j = ch.pick % pattern.length;
        pattern[j] = ch.workload.pattern;
        return [{ ...ch, pick: j }];
      }
      const open = pattern.flatMap((p, j) => (p === 'constant' || p === 'poisson' ? [j] : []));
      return open.length === 0 ? [] : [{ ...ch, pick: open[ch.pick % open.length] }];
    });
  return { ...bp, changes };
}

export interface ChangeEncoding {
  readonly dur: (ms: number) => DurationInput;
  readonly dist: (d: Distribution) => DistributionInput;
  readonly serviceId: (i: number) => string;
  readonly clientId: (j: number) => string;
  readonly services: number;
  readonly linkIds: readonly string[];
  /** Service i's own plan steps (what a plan rewrite starts from). */
  readonly steps: (i: number) => readonly StepBlueprint[];
  /** A call as written in the document. */
  readonly call: (c: CallBlueprint) => { to: string; timeout?: DurationInput };
  /** Inbound policies as written in the document. */
  readonly rateLimit: (l: RateLimitBlueprint) => { rate: number; burst?: number };
  readonly shedding: (l: SheddingBlueprint) => { maxLine?: number; maxQueueTime?: DurationInput };
  /** A workload as written in the document. */
  readonly workload: (w: WorkloadBlueprint) => NonNullable<Extract<ChangeInput, { kind: 'client' }>['set']['workload']>;
}

type CallStepInput = NonNullable<Extract<ChangeInput, { kind: 'service' }>['set']['calls']>[number];

/** The plan a rewrite makes of `steps`: only calls the service already makes, so no more of them. */
function rewritePlan(
  steps: readonly StepBlueprint[],
  how: PlanRewrite,
  timeout: number | null | undefined,
  e: ChangeEncoding,
): CallStepInput[] {
  const encode = (step: StepBlueprint): CallStepInput =>
    step.parallel || step.calls.length > 1 ? { parallel: step.calls.map(e.call) } : e.call(step.calls[0]);
  const all = steps.flatMap((s) => s.calls);
  switch (how) {
    case 'reverse':
      return [...steps].reverse().map(encode);
    case 'parallel':
      return all.length === 0 ? [] : [{ parallel: all.map(e.call) }];
    case 'sequence':
      return all.map((c) => e.call(c));
    case 'dropFirst':
      return steps.slice(1).map(encode);
    case 'timeouts':
      return steps.map((s) => encode({ ...s, calls: s.calls.map((c) => ({ to: c.to, ...(timeout == null ? {} : { timeout }) })) }));
  }
}

export function encodeChanges(changes: readonly ChangeBlueprint[], e: ChangeEncoding): ChangeInput[] {
  return changes.map((ch): ChangeInput => {
    const at = e.dur(ch.at);
    switch (ch.kind) {
      case 'service': {
        const set: Extract<ChangeInput, { kind: 'service' }>['set'] = {};
        if (ch.workers !== undefined) set.workers = ch.workers;
        if (ch.queueCapacity !== undefined) set.queueCapacity = ch.queueCapacity;
        if (ch.serviceTime !== undefined) set.serviceTime = e.dist(ch.serviceTime);
        if (ch.errorRate !== undefined) set.errorRate = ch.errorRate;
        if (ch.startupTime !== undefined) set.startupTime = e.dur(ch.startupTime);
        if (ch.plan !== undefined) set.calls = rewritePlan(e.steps(ch.pick % e.services), ch.plan, ch.timeout, e);
        if (ch.rateLimit !== undefined) set.rateLimit = ch.rateLimit && e.rateLimit(ch.rateLimit);
        if (ch.shedding !== undefined) set.shedding = ch.shedding && e.shedding(ch.shedding);
        return { kind: 'service', target: e.serviceId(ch.pick % e.services), at, set };
      }
      case 'client': {
        const set: Extract<ChangeInput, { kind: 'client' }>['set'] = ch.workload
          ? { workload: e.workload(ch.workload) }
          : { rate: ch.rate };
        if (ch.timeout !== undefined) set.timeout = ch.timeout === null ? null : e.dur(ch.timeout);
        return { kind: 'client', target: e.clientId(ch.pick), at, set };
      }
      case 'link': {
        const set: Extract<ChangeInput, { kind: 'link' }>['set'] = {};
        if (ch.latency !== undefined) set.latency = e.dist(ch.latency);
        if (ch.loss !== undefined) set.loss = ch.loss;
        if (ch.protocol !== undefined) set.protocol = ch.protocol;
        if (ch.timeout !== undefined) set.timeout = ch.timeout === null ? null : e.dur(ch.timeout);
        return { kind: 'link', link: e.linkIds[ch.pick % e.linkIds.length], at, set };
      }
    }
  });
}
