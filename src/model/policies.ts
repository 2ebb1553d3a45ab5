/**
 * Resilience policies, as the scenario writes them. Per call (on a link, for every call over it,
 * or on one call of a service's plan, which overrides the link's): an attempt timeout and an
 * overall deadline, retries with backoff and jitter and a retry budget, and a fallback. Per link
 * (a caller's guard around one dependency): a circuit breaker and a bulkhead. Per service (its
 * inbound side): a rate limiter and load shedding. Defaults follow resilience4j where it has them
 * (the breaker's are exactly its own); the engine applies them in the order
 * fallback ∘ retry ∘ breaker ∘ timeout ∘ bulkhead (see engine/policies).
 */
import { z } from 'zod';
import { DurationSchema, PositiveDurationSchema } from './duration.ts';
import { Id, Percent, Rate, count } from './primitives.ts';

/** Outcomes of an attempt a retry may follow. */
export const RETRYABLE = ['timeout', 'error', 'rejected', 'refused', 'breakerOpen'] as const;

export const RetrySchema = z
  .strictObject({
    maxAttempts: count(100, 'attempts').default(3).meta({ description: 'Attempts in all, the first included (resilience4j: 3).' }),
    backoff: z
      .enum(['none', 'constant', 'linear', 'exponential'])
      .default('exponential')
      .meta({ description: 'How the wait before each retry grows: not at all, the same, by base each time, or times multiplier.' }),
    base: DurationSchema.default(500).meta({ description: 'The first wait (resilience4j: 500 ms).' }),
    multiplier: z
      .number()
      .min(1, { error: 'must be at least 1' })
      .max(100, { error: 'must be at most 100' })
      .default(2)
      .meta({ description: 'Exponential backoff: how much longer each wait is than the one before.' }),
    cap: PositiveDurationSchema.default(10_000).meta({ description: 'The longest wait.' }),
    jitter: z.enum(['none', 'full', 'equal', 'decorrelated']).default('none').meta({
      description:
        'Randomness in the wait (AWS, "Exponential Backoff And Jitter"): full, equal or decorrelated spread clients that failed together.',
    }),
    retryOn: z.array(z.enum(RETRYABLE)).default(['timeout', 'error', 'rejected', 'refused']).meta({
      description:
        'Which outcomes are retried: a timeout, an error reply, a rejection (line full, shed, rate limited), a refusal (service down), a refusal by its own open breaker.',
    }),
    budget: z
      .strictObject({
        percent: Percent.default(20).meta({ description: 'Retries may be at most this share of the first attempts in the window.' }),
        window: PositiveDurationSchema.default(10_000).meta({ description: 'The window the share is counted over.' }),
        minPerSecond: z
          .number()
          .min(0)
          .max(1_000_000)
          .default(10)
          .meta({ description: 'Retries always allowed per second of the window, whatever the share.' }),
      })
      .optional()
      .meta({ description: 'A retry budget (as Finagle and Envoy have): stops retries from multiplying load when everything fails.' }),
  })
  .meta({ description: 'Retry a failed attempt, after a wait.' });

export const BreakerSchema = z
  .strictObject({
    failureRateThreshold: Percent.default(50).meta({ description: "Open when this share of the window's calls failed (%)." }),
    slowCallRateThreshold: Percent.default(100).meta({ description: "Open when this share of the window's calls were slow (%)." }),
    slowCallDuration: PositiveDurationSchema.default(60_000).meta({ description: 'A call longer than this is slow.' }),
    waitInOpen: PositiveDurationSchema.default(60_000).meta({ description: 'How long it stays open before letting trial calls through.' }),
    permittedInHalfOpen: count(10_000, 'calls').default(10).meta({ description: 'Trial calls let through while half-open.' }),
    minimumNumberOfCalls: count(1_000_000, 'calls')
      .default(100)
      .meta({ description: 'Calls the window must hold before the rates count.' }),
    windowType: z.enum(['count', 'time']).default('count').meta({ description: 'The last N calls, or the calls of the last N seconds.' }),
    windowSize: count(100_000, 'calls or seconds').default(100).meta({ description: 'N: calls (count window) or seconds (time window).' }),
    automaticTransition: z
      .boolean()
      .default(false)
      .meta({ description: 'Go half-open when the wait ends, not at the first call after it.' }),
    maxWaitInHalfOpen: DurationSchema.default(0).meta({
      description: 'Longest stay half-open before opening again (0: until the trial calls decide).',
    }),
    state: z
      .enum(['closed', 'forcedOpen', 'disabled'])
      .default('closed')
      .meta({ description: 'Forced open refuses every call; disabled lets every call through.' }),
  })
  .meta({ description: "A circuit breaker with resilience4j's semantics and defaults." });

export const BulkheadSchema = z
  .strictObject({
    maxConcurrent: count(100_000, 'calls')
      .default(25)
      .meta({ description: 'Calls to this dependency in flight at once (resilience4j: 25).' }),
    maxWaiting: z
      .int()
      .min(0)
      .max(1_000_000)
      .default(0)
      .meta({ description: 'Calls that may wait for a free place; more are rejected at once.' }),
    maxWait: DurationSchema.optional().meta({ description: 'How long a call may wait for a place (default: as long as it takes).' }),
  })
  .meta({ description: 'A separate pool for calls to one dependency, so it cannot take every worker.' });

export const FallbackSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('static') }).meta({ description: 'A default answer: the call succeeds with it.' }),
    z
      .strictObject({
        kind: z.literal('cache'),
        ttl: PositiveDurationSchema.optional().meta({ description: 'How old a cached reply may be (default: any age).' }),
      })
      .meta({ description: 'The last good reply, if there is one.' }),
    z
      .strictObject({ kind: z.literal('service'), to: Id.meta({ description: 'The service to ask instead (over the link to it).' }) })
      .meta({ description: 'One call to an alternative service.' }),
  ])
  .meta({ description: 'What the caller does when the call finally fails or the breaker refuses it.' });

/** Policies of one call (on a link: of every call over it; on a call: its own, overriding the link's). */
export const CallPolicies = {
  timeout: PositiveDurationSchema.optional().meta({
    description: "Give up on an attempt after this long (default: the link's timeout, else wait forever).",
  }),
  deadline: PositiveDurationSchema.optional().meta({ description: 'Give up on the call, retries and all, this long after it began.' }),
  propagateDeadline: z
    .boolean()
    .optional()
    .meta({ description: 'Send the deadline along: the callee stops working for a caller that has given up.' }),
  retry: RetrySchema.optional(),
  fallback: FallbackSchema.optional(),
};

/** Policies that guard one dependency: only on links. */
export const LinkGuards = {
  breaker: BreakerSchema.optional(),
  bulkhead: BulkheadSchema.optional(),
};

/** A service's inbound protection. */
export const InboundPolicies = {
  rateLimit: z
    .strictObject({
      rate: Rate.meta({ description: 'Tokens added per second: the sustained rate it accepts.' }),
      burst: count(1_000_000, 'requests').default(1).meta({ description: 'Tokens the bucket holds: how many may arrive at once.' }),
    })
    .optional()
    .meta({ description: 'A token bucket on arrivals: a request without a token is rejected at once.' }),
  shedding: z
    .strictObject({
      maxLine: z.int().min(0).max(10_000_000).optional().meta({ description: 'Reject an arrival when this many already wait.' }),
      maxQueueTime: PositiveDurationSchema.optional().meta({
        description: 'Reject a request that waited longer than this when a worker gets to it.',
      }),
    })
    .optional()
    .meta({ description: 'Refuse early instead of collapsing late.' }),
};
