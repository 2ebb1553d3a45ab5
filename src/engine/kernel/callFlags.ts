/**
 * The bits of the call table's per-call `flags` byte (trace/callTable.ts), all in one table:
 * each bit has one owner, the only code that sets or clears it. The byte is full: a new per-call
 * fact goes in a feature's own state (a map or a column of its own), not here. The values are
 * part of the behaviour pins (test/support/behaviourDigest.ts digests the byte): never renumber.
 */

/** A timeout watches this call (owner: the kernel, CallTable.add). */
export const WATCHED = 1;
/** A sub-call of the current plan step failed (owner: features/service). */
export const SUBCALL_FAILED = 2;
/** The attempt holds a place in its link's bulkhead (owner: features/resilience). */
export const HOLDS_PLACE = 4;
/** The attempt was let through by its link's breaker, which records how it ends (owner: features/resilience). */
export const ADMITTED = 8;
/** The call to an alternative service that a fallback makes (owner: features/resilience). */
export const FALLBACK_CALL = 16;
/** A job its callee accepted (its 202 sent): its outcome waits for the caller's polls (owner: features/asyncHttp). */
export const JOB_ACCEPTED = 32;
/** The caller got the job's 202 and polls (owner: features/asyncHttp). */
export const JOB_ACKNOWLEDGED = 64;
/** A consumer's call back to an event's publisher for the data (owner: features/queue, for queues and streams). */
export const FETCH_CALL = 128;
