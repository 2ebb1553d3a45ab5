/**
 * The token bucket's refill, the one expression every rate limiter uses (a service's inbound
 * limiter, a gateway's per-client one) and the replays that rebuild them from the trace, so they
 * agree to the last bit.
 */

/** A bucket's tokens at `now`: `tokens` at `since`, refilled at `ratePerMs` (tokens per ms), up to `burst`. */
export function refilled(tokens: number, since: number, now: number, ratePerMs: number, burst: number): number {
  return Math.min(burst, tokens + (now - since) * ratePerMs);
}
