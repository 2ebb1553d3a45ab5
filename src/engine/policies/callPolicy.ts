/**
 * The policies of one call site (a client's requests, or one call of a service's plan), merged
 * from its link's and its own settings (the call's win, setting by setting) and compiled for the
 * engine. A call site whose link has no breaker or bulkhead and which has no retry, deadline or
 * fallback is plain: its calls take the engine's ordinary path, with no operation around them.
 */
import type { Scenario } from '../../model/index.ts';
import type { RandomStream } from '../core/random.ts';
import type { BackoffConfig } from './backoff.ts';
import { RetryBudget } from './retryBudget.ts';
import { FallbackKind } from '../trace/eventTypes.ts';

type LinkSettings = Scenario['links'][number];
type CallSettings = Extract<Scenario['nodes'][number], { kind: 'service' }>['calls'][number] extends infer S
  ? S extends { parallel: readonly (infer C)[] }
    ? C
    : S
  : never;

/** Outcomes a retry may follow, as bits. */
export const RetryOn = { timeout: 1, error: 2, rejected: 4, refused: 8, breakerOpen: 16 } as const;

export interface RetryRuntime {
  readonly maxAttempts: number;
  readonly backoff: BackoffConfig;
  /** RetryOn bits. */
  readonly retryOn: number;
  readonly budget: RetryBudget | undefined;
}

export interface FallbackRuntime {
  readonly kind: number;
  /** Cache: the oldest reply it may use, ms (Infinity: any). */
  readonly ttl: number;
  /** Service: who is asked instead, over which link, with that link's timeout lane (−1 otherwise). */
  readonly callee: number;
  readonly link: number;
  readonly timeoutLane: number;
}

export interface CallPolicyRuntime {
  /** Give up on the whole call this long after it began (Infinity: no deadline). */
  readonly deadline: number;
  readonly propagate: boolean;
  readonly retry: RetryRuntime | undefined;
  readonly fallback: FallbackRuntime | undefined;
  /** Draws the jitter of this call site's waits. */
  readonly rng: RandomStream;
}

/** What the policy compiler needs to know about the run. */
export interface PolicyContext {
  readonly nodeIndex: ReadonlyMap<string, number>;
  linkFor(from: string, to: string): number;
  /** The random stream of a call site (named after its caller and link, so sites draw independently). */
  stream(name: string): RandomStream;
  /** The timeout lane of a plain call over link `l` (its own timeout; −1: none). */
  linkLane(l: number): number;
}

/**
 * The compiled policy of calls from `caller` over `link` (with `call`'s own settings, if it is a
 * call of a plan), or undefined if they are plain.
 */
export function compileCallPolicy(
  ctx: PolicyContext,
  caller: string,
  link: LinkSettings,
  call: CallSettings | undefined,
  site: string,
): CallPolicyRuntime | undefined {
  const deadline = call?.deadline ?? link.deadline;
  const propagate = call?.propagateDeadline ?? link.propagateDeadline ?? false;
  const retry = call?.retry ?? link.retry;
  const fallback = call?.fallback ?? link.fallback;
  const guarded = link.breaker !== undefined || link.bulkhead !== undefined;
  if (!guarded && deadline === undefined && !propagate && retry === undefined && fallback === undefined) return undefined;
  return {
    deadline: deadline ?? Infinity,
    propagate,
    retry: retry && {
      maxAttempts: retry.maxAttempts,
      backoff: { kind: retry.backoff, base: retry.base, multiplier: retry.multiplier, cap: retry.cap, jitter: retry.jitter },
      retryOn: retry.retryOn.reduce((bits, outcome) => bits | RetryOn[outcome], 0),
      budget: retry.budget && new RetryBudget(retry.budget.percent, retry.budget.window, retry.budget.minPerSecond),
    },
    fallback: fallback && {
      kind: fallback.kind === 'static' ? FallbackKind.STATIC : fallback.kind === 'cache' ? FallbackKind.CACHE : FallbackKind.SERVICE,
      ttl: fallback.kind === 'cache' ? (fallback.ttl ?? Infinity) : Infinity,
      callee: fallback.kind === 'service' ? (ctx.nodeIndex.get(fallback.to) as number) : -1,
      link: fallback.kind === 'service' ? ctx.linkFor(caller, fallback.to) : -1,
      timeoutLane: fallback.kind === 'service' ? ctx.linkLane(ctx.linkFor(caller, fallback.to)) : -1,
    },
    rng: ctx.stream(`policy:${site}/retry`),
  };
}
