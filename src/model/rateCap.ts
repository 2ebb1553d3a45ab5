/**
 * The rate cap for workloads without a `rate` field. A constant, Poisson or ramp workload names
 * its rates, and each is capped at MAX_RATE by its schema; bursts and closed loops imply one, which
 * is capped here, so no valid file asks for more than MAX_RATE requests per second per client
 * (bursts of 100,000 every nanosecond once passed validation and ran until memory was gone).
 */
import type { z } from 'zod';
import { distributionMean, type Distribution } from './distribution.ts';
import { formatDuration } from './duration.ts';
import { MAX_RATE } from './primitives.ts';

/**
 * The shortest cycle a closed-loop user is counted with, ms: a user sends again only after a reply
 * and its think time, and a reply takes time (the fastest protocol's round trip is ~0.6 ms). With
 * no think time a user counts as up to 1000 requests a second, so 1000 users reach the cap.
 */
export const MIN_USER_CYCLE_MS = 1;

/** Requests per second a bursts workload sends: `size` every `every` ms. */
export function burstsRate(w: { readonly size: number; readonly every: number }): number {
  return (w.size * 1000) / w.every;
}

/** The most requests per second a closed loop can send: each user at most once per max(think time, 1 ms). */
export function closedRate(w: { readonly users: number; readonly thinkTime: Distribution }): number {
  return (w.users * 1000) / Math.max(MIN_USER_CYCLE_MS, distributionMean(w.thinkTime));
}

/** A rate as the messages print it: whole requests, or 1.0e17 when the digits stop meaning anything. */
function rateText(rate: number): string {
  return rate >= 1e9 ? rate.toExponential(1).replace('e+', 'e') : String(Math.round(rate));
}

/** Refinement options: judge the implied rate only once the fields themselves are valid (one problem, not two). */
export const WHEN_FIELDS_VALID = { when: (payload: { readonly issues: readonly unknown[] }) => payload.issues.length === 0 };

const CAP = `a client may send at most ${MAX_RATE} per second`;

/** For a bursts schema's `superRefine`: a problem at `every` when the bursts exceed the cap. */
export function checkBurstsRate(w: { readonly size: number; readonly every: number }, ctx: z.RefinementCtx): void {
  const rate = burstsRate(w);
  if (rate > MAX_RATE) {
    ctx.addIssue({
      code: 'custom',
      path: ['every'],
      message: `${w.size} requests every ${w.every}ms is ${rateText(rate)} requests per second; ${CAP}: make the bursts smaller or further apart`,
    });
  }
}

/** For a closed loop schema's `superRefine`: a problem at `users` when they could exceed the cap. */
export function checkClosedRate(w: { readonly users: number; readonly thinkTime: Distribution }, ctx: z.RefinementCtx): void {
  const rate = closedRate(w);
  if (rate > MAX_RATE) {
    const think = distributionMean(w.thinkTime);
    ctx.addIssue({
      code: 'custom',
      path: ['users'],
      message: `${w.users} users with a mean think time of ${formatDuration(think)} can send up to ${rateText(rate)} requests per second (each user once per think time, counted as at least ${MIN_USER_CYCLE_MS}ms); ${CAP}: fewer users or a longer think time`,
    });
  }
}
