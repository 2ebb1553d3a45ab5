/**
 * Resilient calls. A call site with policies (a retry, a deadline, a fallback, or a breaker or
 * bulkhead on its link) makes an *operation* of one or more attempts, each a call of its own (its
 * own dot, span and timeout), in resilience4j's order fallback ∘ retry ∘ breaker ∘ timeout ∘
 * bulkhead:
 *
 * 1. The breaker may refuse the attempt at once (NOT_PERMITTED, nothing is sent).
 * 2. The attempt's timeout starts; it covers a wait for the bulkhead, which may also refuse it.
 * 3. The attempt is sent; it ends as any call does (reply, refusal, timeout).
 * 4. The breaker records the outcome (and its duration); the bulkhead gives the place back.
 * 5. A failure the retry policy covers is retried after a wait (backoff and jitter), while
 *    attempts, the retry budget and the deadline allow; else the fallback answers, if any.
 *
 * An overall deadline ends the operation whatever it is doing (the attempt out is given up). The
 * operation's end is one OP_END row; its caller (a client, or a request at a service) hears of it
 * once, as of a plain call.
 */
import { addCall, sendRequest } from '../../kernel/calls.ts';
import { ADMITTED, FALLBACK_CALL, HOLDS_PLACE } from '../../kernel/callFlags.ts';
import { Ev, Priority, type LinkRuntime, type Runtime } from '../../kernel/runtime.ts';
import { CallStatus, FallbackKind, NotPermittedReason, RejectReason, TraceType } from '../../trace/eventTypes.ts';
import { retryDelay } from '../../policies/backoff.ts';
import { RetryOn } from '../../policies/callPolicy.ts';
import { OpFlag } from '../../policies/opTable.ts';
import { Bulkhead } from '../../policies/bulkhead.ts';
import { handlers } from '../../kernel/handlers.ts';

/** Call flags (beside the call table's own bits 0 and 1). */

/**
 * Starts an operation from `caller` (on behalf of request `parent`, or −1 for a client's own
 * request) to `callee` over `link`, under policy `policy`; returns its first attempt's call id.
 */
export function startOperation(
  rt: Runtime,
  parent: number,
  caller: number,
  callee: number,
  link: number,
  timeoutLane: number,
  policy: number,
  user = -1,
): number {
  const ops = rt.ops;
  const pol = rt.policies[policy];
  const op = ops.add(parent, caller, callee, link, policy, timeoutLane);
  ops.user[op] = user;
  ops.startedAt[op] = rt.now;
  ops.deadlineAt[op] = rt.now + pol.deadline;
  pol.retry?.budget?.deposit(rt.now);
  if (pol.deadline < Infinity) rt.schedule(ops.deadlineAt[op], Priority.MESSAGE, Ev.OP_DEADLINE, 0, op);
  return attempt(rt, op);
}

/** Makes the operation's next attempt; returns its call id. */
function attempt(rt: Runtime, op: number): number {
  const ops = rt.ops,
    calls = rt.calls;
  const previous = ops.current[op];
  const lane = ops.timeoutLane[op];
  const c = addCall(rt, ops.parent[op], ops.caller[op], ops.callee[op], ops.link[op], lane >= 0 || ops.deadlineAt[op] < Infinity);
  calls.op[c] = op;
  calls.previous[c] = previous;
  calls.user[c] = ops.user[op];
  if (previous >= 0) calls.root[c] = calls.root[previous];
  else {
    ops.first[op] = c;
    rt.trace.recordNow(TraceType.OP_START, ops.caller[op], c, ops.link[op]);
  }
  // The attempt's start; its SEND row comes later if it waits for the bulkhead.
  calls.sentAt[c] = rt.now;
  propagateDeadline(rt, op, c);
  ops.current[op] = c;
  ops.attempts[op]++;
  const link = rt.links[ops.link[op]];
  if (link.breaker) {
    if (!link.breaker.tryAcquire(rt.now)) {
      notPermitted(rt, c, NotPermittedReason.BREAKER_OPEN);
      return c;
    }
    calls.flags[c] |= ADMITTED;
  }
  if (lane >= 0) rt.timeouts.set(lane, c);
  const bulkhead = link.bulkhead;
  if (bulkhead && !bulkhead.tryEnter()) {
    if (!bulkhead.canWait) {
      notPermitted(rt, c, NotPermittedReason.BULKHEAD_FULL);
      return c;
    }
    rt.trace.recordNow(TraceType.BULKHEAD_WAIT, ops.caller[op], c, bulkhead.wait(c));
    if (bulkhead.maxWait < Infinity) rt.schedule(rt.now + bulkhead.maxWait, Priority.MESSAGE, Ev.BULKHEAD_TIMEOUT, 0, c);
    return c;
  }
  if (bulkhead) calls.flags[c] |= HOLDS_PLACE;
  send(rt, link, c);
  return c;
}

/**
 * The deadline attempt c carries to its callee: the request's own (inherited from upstream), and
 * with `propagateDeadline` also the moment this caller gives up (its deadline or the attempt's
 * timeout, whichever comes first).
 */
function propagateDeadline(rt: Runtime, op: number, c: number): void {
  const ops = rt.ops,
    calls = rt.calls;
  const parent = ops.parent[op];
  let deadline = parent >= 0 ? calls.deadline[parent] : Infinity;
  if (rt.policies[ops.policy[op]].propagate) {
    const lane = ops.timeoutLane[op];
    const givesUp = lane >= 0 ? Math.min(ops.deadlineAt[op], rt.now + rt.timeouts.delayOf(lane)) : ops.deadlineAt[op];
    if (givesUp < deadline) deadline = givesUp;
  }
  calls.deadline[c] = deadline;
}

/** Sends attempt c's request. */
function send(rt: Runtime, link: LinkRuntime, c: number): void {
  link.calls++;
  rt.trace.recordNow(TraceType.SEND, rt.calls.caller[c], c, link.index);
  // Each attempt picks its instance as it goes (a retry may land elsewhere).
  sendRequest(rt, link, c);
}

/** The caller's own guard refuses attempt c: it ends at once, unsent. */
function notPermitted(rt: Runtime, c: number, reason: number): void {
  const calls = rt.calls;
  calls.status[c] = CallStatus.NOT_PERMITTED;
  calls.reason[c] = reason;
  calls.endedAt[c] = rt.now;
  rt.links[calls.link[c]].notPermitted++;
  rt.trace.recordNow(TraceType.NOT_PERMITTED, calls.caller[c], c, reason);
  attemptEnded(rt, c);
}

/** An attempt waited for the bulkhead as long as it may. */
export function onBulkheadTimeout(rt: Runtime, c: number): void {
  const calls = rt.calls;
  if (calls.status[c] !== CallStatus.PENDING || (calls.flags[c] & HOLDS_PLACE) !== 0) return;
  if (!rt.links[calls.link[c]].bulkhead?.leaveLine(c)) return; // sent meanwhile
  notPermitted(rt, c, NotPermittedReason.BULKHEAD_WAITED_TOO_LONG);
}

/** Attempt c's place and breaker permit are done with: the bulkhead lets the next one go, the breaker records the outcome. */
function settle(rt: Runtime, c: number): void {
  const calls = rt.calls;
  const link = rt.links[calls.link[c]];
  const flags = calls.flags[c];
  if (link.bulkhead) {
    if ((flags & HOLDS_PLACE) !== 0) {
      calls.flags[c] &= ~HOLDS_PLACE;
      const next = link.bulkhead.leave();
      if (next >= 0) {
        calls.flags[next] |= HOLDS_PLACE;
        send(rt, link, next);
      }
    } else if ((flags & FALLBACK_CALL) === 0) {
      link.bulkhead.leaveLine(c);
    }
  }
  if ((flags & ADMITTED) !== 0) {
    calls.flags[c] &= ~ADMITTED;
    // (A breaker set up by a change since records the outcome; one removed since, nothing.)
    link.breaker?.onResult(rt.now, rt.now - calls.sentAt[c], calls.status[c] !== CallStatus.OK);
  }
  if (calls.status[c] === CallStatus.OK) link.lastGoodAt = rt.now;
}

/** Which retryable outcome (RetryOn bit) a failed attempt had. */
function outcome(rt: Runtime, c: number): number {
  switch (rt.calls.status[c]) {
    case CallStatus.TIMEOUT:
      return RetryOn.timeout;
    case CallStatus.ERROR:
      return RetryOn.error;
    case CallStatus.REJECTED:
      return rt.calls.reason[c] === RejectReason.UNAVAILABLE ? RetryOn.refused : RetryOn.rejected;
    case CallStatus.NOT_PERMITTED:
      return rt.calls.reason[c] === NotPermittedReason.BREAKER_OPEN ? RetryOn.breakerOpen : RetryOn.rejected;
    default:
      return 0;
  }
}

/** Attempt c (of an operation) ended: settle it, then succeed, retry, fall back or fail. */
export function attemptEnded(rt: Runtime, c: number): void {
  const calls = rt.calls,
    ops = rt.ops;
  const op = calls.op[c];
  settle(rt, c);
  if (ops.status[op] !== CallStatus.PENDING) return; // the deadline (or a crash) ended it already
  const status = calls.status[c];
  if (status === CallStatus.OK || (ops.flags[op] & OpFlag.FALLING_BACK) !== 0) {
    finish(rt, op, status);
    return;
  }
  const pol = rt.policies[ops.policy[op]];
  const retry = pol.retry;
  if (retry && (retry.retryOn & outcome(rt, c)) !== 0 && ops.attempts[op] < retry.maxAttempts) {
    const delay = retryDelay(retry.backoff, ops.attempts[op], ops.lastDelay[op], pol.rng);
    if (rt.now + delay < ops.deadlineAt[op] && (!retry.budget || retry.budget.tryWithdraw(rt.now))) {
      ops.lastDelay[op] = delay;
      rt.links[ops.link[op]].retries++;
      rt.trace.recordNow(TraceType.RETRY, ops.caller[op], c, Math.round(delay * 1000));
      rt.schedule(rt.now + delay, Priority.MESSAGE, Ev.RETRY, 0, op);
      return;
    }
  }
  giveUp(rt, op, status);
}

/** The wait before a retry is over. */
export function onRetry(rt: Runtime, op: number): void {
  if (rt.ops.status[op] === CallStatus.PENDING) attempt(rt, op);
}

/** The operation's deadline: whatever it is doing, it gives up now (and may fall back). */
export function onDeadline(rt: Runtime, op: number): void {
  const calls = rt.calls,
    ops = rt.ops;
  if (ops.status[op] !== CallStatus.PENDING || (ops.flags[op] & OpFlag.FALLING_BACK) !== 0) return;
  const c = ops.current[op];
  if (calls.status[c] === CallStatus.PENDING) {
    calls.status[c] = CallStatus.TIMEOUT;
    calls.endedAt[c] = rt.now;
    rt.links[calls.link[c]].timeouts++;
    rt.trace.recordNow(TraceType.TIMEOUT, calls.caller[c], c, 1);
    settle(rt, c);
  }
  giveUp(rt, op, CallStatus.TIMEOUT);
}

/** No more attempts: the fallback answers, or the operation fails with the last outcome. */
function giveUp(rt: Runtime, op: number, status: number): void {
  const ops = rt.ops,
    calls = rt.calls;
  const fallback = rt.policies[ops.policy[op]].fallback;
  const link = rt.links[ops.link[op]];
  if (fallback?.kind === FallbackKind.STATIC || (fallback?.kind === FallbackKind.CACHE && rt.now - link.lastGoodAt <= fallback.ttl)) {
    rt.trace.recordNow(TraceType.FALLBACK, ops.caller[op], ops.first[op], fallback.kind);
    finish(rt, op, CallStatus.OK);
    return;
  }
  if (fallback?.kind === FallbackKind.SERVICE) {
    rt.trace.recordNow(TraceType.FALLBACK, ops.caller[op], ops.first[op], fallback.kind);
    ops.flags[op] |= OpFlag.FALLING_BACK;
    const alt = rt.links[fallback.link];
    const previous = ops.current[op];
    const lane = fallback.timeoutLane;
    const c = addCall(rt, ops.parent[op], ops.caller[op], fallback.callee, fallback.link, lane >= 0);
    calls.op[c] = op;
    calls.previous[c] = previous;
    calls.root[c] = calls.root[previous];
    calls.flags[c] |= FALLBACK_CALL;
    calls.sentAt[c] = rt.now;
    ops.current[op] = c;
    if (lane >= 0) rt.timeouts.set(lane, c);
    send(rt, alt, c);
    return;
  }
  finish(rt, op, status);
}

/** The operation ends with `status`: one OP_END row, and its caller hears of it. */
function finish(rt: Runtime, op: number, status: number): void {
  const ops = rt.ops;
  ops.status[op] = status;
  const first = ops.first[op];
  rt.trace.recordNow(TraceType.OP_END, ops.caller[op], first, status);
  const parent = ops.parent[op];
  if (parent < 0) handlers.clientRequestEnded(rt, first, status);
  else handlers.subCallEnded(rt, parent, status);
}

/**
 * Attempt c was lost with nothing watching it (no timeout, no deadline): the caller waits for
 * ever, so the operation is over as far as anyone will know.
 */
export function attemptDropped(rt: Runtime, c: number): void {
  const ops = rt.ops;
  const op = rt.calls.op[c];
  if (ops.status[op] !== CallStatus.PENDING) return;
  ops.status[op] = CallStatus.DROPPED;
  rt.trace.recordNow(TraceType.OP_END, ops.caller[op], ops.first[op], CallStatus.DROPPED);
  if (ops.parent[op] < 0) handlers.clientRequestDropped(rt, ops.first[op]);
}

/** The caller of attempt c's operation crashed: the operation and its attempt out are abandoned. */
export function abandonOperation(rt: Runtime, c: number): void {
  const calls = rt.calls,
    ops = rt.ops;
  const op = calls.op[c];
  if (ops.status[op] !== CallStatus.PENDING) return;
  ops.status[op] = CallStatus.ABANDONED;
  const current = ops.current[op];
  if (calls.status[current] === CallStatus.PENDING) {
    calls.status[current] = CallStatus.ABANDONED;
    calls.endedAt[current] = rt.now;
    rt.trace.recordNow(TraceType.ABANDON, calls.caller[current], current, 0);
    // Its place goes to the next in line; a breaker records nothing of a call nobody waited for.
    calls.flags[current] &= ~ADMITTED;
    settle(rt, current);
  }
  rt.trace.recordNow(TraceType.OP_END, ops.caller[op], ops.first[op], CallStatus.ABANDONED);
}

/**
 * A change gives link `link` a new bulkhead (or none). Calls holding a place keep it (the new
 * bulkhead counts them); calls waiting keep waiting, in order, while the new one has room for
 * them, and go at once if it has places free (or if there is no bulkhead any more).
 */
export function replaceBulkhead(
  rt: Runtime,
  link: LinkRuntime,
  config: { maxConcurrent: number; maxWaiting: number; maxWait?: number } | null,
): void {
  const old = link.bulkhead;
  const waiting = old ? old.drainLine() : [];
  const holding = old ? old.inFlight : 0;
  link.bulkhead = config ? new Bulkhead(config.maxConcurrent, config.maxWaiting, config.maxWait ?? Infinity) : undefined;
  if (link.bulkhead) link.bulkhead.inFlight = holding;
  for (const c of waiting) {
    if (!link.bulkhead || link.bulkhead.tryEnter()) {
      if (link.bulkhead) rt.calls.flags[c] |= HOLDS_PLACE;
      send(rt, link, c);
    } else if (link.bulkhead.canWait) {
      link.bulkhead.wait(c);
    } else {
      notPermitted(rt, c, NotPermittedReason.BULKHEAD_FULL);
    }
  }
}
