/**
 * The caller's side of a synchronous call: send the request, start the timeout, take the reply
 * (or notice a late one), and hand the outcome to whoever made the call (a client or a service
 * working on a request of its own).
 */
import type { LinkRuntime, Runtime } from './runtime.ts';
import { Phase } from '../trace/callTable.ts';
import { CallStatus, TraceType } from '../trace/eventTypes.ts';
import { transmit } from './link.ts';
import { handlers } from './handlers.ts';

/**
 * Creates a call from `caller` to `callee` over `link` and sends its request; `timeoutLane` -1:
 * no timeout. Over a balanced link the balancer picks the instance, unless `balance` is false
 * (a health probe goes to the instance it names).
 */
export function startCall(
  rt: Runtime,
  parent: number,
  caller: number,
  callee: number,
  linkIndex: number,
  timeoutLane: number,
  balance = true,
): number {
  const hasTimeout = timeoutLane >= 0;
  const c = addCall(rt, parent, caller, callee, linkIndex, hasTimeout);
  rt.calls.sentAt[c] = rt.now;
  const link = rt.links[linkIndex];
  link.calls++;
  rt.trace.recordNow(TraceType.SEND, caller, c, linkIndex);
  if (hasTimeout) rt.timeouts.set(timeoutLane, c);
  if (balance) sendRequest(rt, link, c);
  else transmit(rt, link, c, true);
  return c;
}

/**
 * Adds a call to the call table with its role (kernel/callRoles.ts): the one way calls are made,
 * so every call's role follows from the nodes it joins until a feature says otherwise.
 */
export function addCall(rt: Runtime, parent: number, caller: number, callee: number, linkIndex: number, hasTimeout: boolean): number {
  const c = rt.calls.add(parent, caller, callee, linkIndex, hasTimeout);
  // Only nodes of routed features give roles (dispatch.ts installFeatures): a plain scenario's calls stay REQUEST (0, set by add).
  if (rt.routed) {
    const role = baseRole(rt, caller, callee);
    if (role !== 0) rt.calls.role[c] = role;
  }
  return c;
}

/**
 * The role a call from `caller` to `callee` has by the nodes alone: its callee's, else its caller's (a broker's delivery), else REQUEST.
 */
export function baseRole(rt: Runtime, caller: number, callee: number): number {
  const to = rt.roleTo[callee];
  return to !== 0 ? to : rt.roleFrom[caller];
}

/**
 * Sends call c's request over `link`: over HTTP/1.1 with a pool it may first wait for a free
 * connection (connectionPool.ts sends it when it gets one); else at once.
 */
export function sendRequest(rt: Runtime, link: LinkRuntime, c: number): void {
  // The pool is HTTP/1.1's: a change may have switched the link to another protocol.
  if (link.pool !== undefined && link.protocol === 'http' && !handlers.acquire(rt, link, c)) return;
  dispatchRequest(rt, link, c);
}

/** Sends call c's request now: its balancer picks the instance (if the link has one), then it crosses the network. */
export function dispatchRequest(rt: Runtime, link: LinkRuntime, c: number): void {
  if (link.balancer !== undefined && !handlers.routeCall(rt, link, c)) return;
  transmit(rt, link, c, true);
}

/** A reply reached the caller. */
export function onReplyArrive(rt: Runtime, c: number): void {
  const calls = rt.calls;
  const link = rt.links[calls.link[c]];
  // A job's 202 on a polling link: the caller starts polling, the call goes on.
  if (rt.polling && link.polling !== undefined && handlers.jobReplyArrived(rt, c)) return;
  const status = calls.reply[c];
  if (calls.status[c] !== CallStatus.PENDING) {
    // The caller gave up (or is gone): the callee's effort was for nothing. Its connection is free now.
    if (rt.pooled && link.pool !== undefined) handlers.release(rt, link, c);
    link.lateReplies++;
    if (calls.phase[c] === Phase.REPLIED) link.wastedWork += calls.repliedAt[c] - calls.startedAt[c];
    // A consumer's ack after the visibility timeout: the message went out again, so its work is done twice. Its delivery is over on both
    // sides.
    if (rt.queues.length !== 0) {
      const q = rt.queues[calls.caller[c]];
      if (q) {
        if (status === CallStatus.OK) q.lateAcks++;
        rt.messages.consumerDoneWith(c, true);
      }
    }
    rt.trace.recordNow(TraceType.LATE_REPLY, calls.caller[c], c, status);
    return;
  }
  // A streamed answer: the call goes on until its last message.
  if (rt.answerStreams && status === CallStatus.OK && link.stream !== undefined && handlers.pushReceived(rt, link, c)) return;
  calls.status[c] = status;
  calls.endedAt[c] = rt.now;
  rt.trace.recordNow(TraceType.RECEIVE, calls.caller[c], c, status);
  if (status === CallStatus.OK) {
    link.ok++;
    link.latency.recordSince(rt.clock, calls.sentAt, c);
  } else if (status === CallStatus.REJECTED) link.rejected++;
  else link.errors++;
  finishCall(rt, c);
}

/** The caller's deadline for call c passed. Stale timeouts (the call already ended) do nothing. */
export function onTimeout(rt: Runtime, c: number): void {
  const calls = rt.calls;
  if (calls.status[c] !== CallStatus.PENDING) return;
  calls.status[c] = CallStatus.TIMEOUT;
  calls.endedAt[c] = rt.now;
  rt.links[calls.link[c]].timeouts++;
  rt.trace.recordNow(TraceType.TIMEOUT, calls.caller[c], c, 0);
  finishCall(rt, c);
}

/** Hands call c's outcome (its status, set) to whoever made it: a client, a service, an operation, a broker. */
export function finishCall(rt: Runtime, c: number): void {
  const calls = rt.calls;
  // A poll, a probe, a registry call, a broker's delivery: its feature's (dispatch.ts; a plain scenario pays one field test).
  if (rt.routed && handlers.callEnded(rt, c)) return;
  // An attempt of a resilient call: its operation decides what happens next (see features/resilience/operations.ts).
  if (calls.op[c] >= 0) {
    handlers.attemptEnded(rt, c);
    return;
  }
  const parent = calls.parent[c];
  if (parent < 0) handlers.clientCallEnded(rt, c);
  else handlers.subCallEnded(rt, parent, calls.status[c]);
}
