/**
 * Trace rows of a call's end: the callee's REPLY or REJECT, and how the caller sees it (RECEIVE,
 * LATE_REPLY, TIMEOUT, or ABANDON when the caller itself crashes). Each function checks one row
 * against the replay so far, then updates it.
 */
import { RejectReason } from '../../../src/engine/trace/eventTypes.ts';
import { accepting } from './activeFaults.ts';
import { CallStatus, ServiceMode, TraceType } from '../../../src/engine/index.ts';
import { Caller, Where, record } from './replayState.ts';
import { within } from './scenarioModel.ts';
import type { TraceReplay, TraceRow } from './traceReplay.ts';

/** REPLY: the callee answers request `a` with status `b` (OK or ERROR) and frees its worker. */
export function onReply(r: TraceReplay, { t, node, a: c, b, at }: TraceRow): void {
  const { calls } = r;
  const { where, outstanding } = r.perCall;
  const svc = r.model.services[node];
  if (!svc || !svc.busy.has(c)) {
    r.fail(`${at}: replied to a request it does not hold`);
    return;
  }
  // The status itself was checked by the expectation set when the outcome was decided.
  if (where[c] === Where.CALLING && outstanding[c] !== 0) r.fail(`${at}: replied with ${outstanding[c]} sub-calls outstanding`);
  if (where[c] !== Where.CALLING && where[c] !== Where.WORKING) r.fail(`${at}: replied from state ${where[c]}`);
  if (b === CallStatus.OK) svc.ok++;
  else if (b === CallStatus.ERROR) svc.errors++;
  else r.fail(`${at}: reply status ${b}`);
  if (calls.reply[c] !== b) r.fail(`${at}: the call table says the reply was ${calls.reply[c]}`);
  svc.busy.delete(c);
  record(svc.latency, t - calls.arrivedAt[c]);
  replySent(r, c, b, t);
}

/**
 * REJECT: the callee turns request `a` away, for reason `b`: on arrival, or (waited too long) when
 * a free worker comes to it at the head of the line.
 */
export function onReject(r: TraceReplay, { t, node, a: c, b, at }: TraceRow): void {
  const svc = r.model.services[node];
  if (svc && b === RejectReason.WAITED_TOO_LONG) {
    if (r.perCall.where[c] !== Where.QUEUED || svc.line[0] !== c) {
      r.fail(`${at}: refused ${c} for waiting too long, but it is not at the head of the line`);
      return;
    }
    if (!(t - r.calls.arrivedAt[c] > svc.maxQueueTime))
      r.fail(`${at}: refused ${c} after ${t - r.calls.arrivedAt[c]} ms in line, within ${svc.maxQueueTime}`);
    if (!accepting(svc.mode) || svc.busy.size >= svc.workers) r.fail(`${at}: refused ${c} from the line with no worker free to take it`);
    svc.line.shift();
  } else if (!svc || r.perCall.where[c] !== Where.ARRIVED) {
    r.fail(`${at}: rejected a request that did not just arrive`);
    return;
  }
  if (r.stats) r.stats.rejects[b] = (r.stats.rejects[b] ?? 0) + 1;
  svc.rejected++;
  if (r.calls.reply[c] !== CallStatus.REJECTED) r.fail(`${at}: the call table says the reply was ${r.calls.reply[c]}`);
  replySent(r, c, CallStatus.REJECTED, t);
}

/** The reply to call c leaves the callee at time t, back over the call's link. */
function replySent(r: TraceReplay, c: number, status: number, t: number): void {
  const { where, replyStatus, replyAt, replyMin, replyMax } = r.perCall;
  const { links } = r.model;
  where[c] = Where.REPLY_IN_TRANSIT;
  replyStatus[c] = status;
  replyAt[c] = t;
  const l = r.calls.link[c];
  [replyMin[c], replyMax[c]] = r.wireTime(l);
  r.counters.linkCount[l].messages++;
  r.expectMessageFate(c, links[l].to, links[l].from, l, links[l].to);
}

/**
 * RECEIVE / LATE_REPLY: the reply to call `a`, status `b`, reaches the caller after the link's
 * latency; the caller takes it (before its deadline) or, having given up, only counts it.
 */
export function onReceive(r: TraceReplay, { t, type, node, a: c, b, at }: TraceRow): void {
  const { calls, nodeIds } = r;
  const { caller, where, replyStatus, replyAt, replyMin, replyMax, startedAt, timeoutOf, endedAt } = r.perCall;
  const { linkCount, linkLatency, wasted } = r.counters;
  if (calls.caller[c] !== node) r.fail(`${at}: received by ${nodeIds[node]}, not the caller`);
  if (where[c] !== Where.REPLY_IN_TRANSIT) {
    r.fail(`${at}: no reply was travelling (state ${where[c]})`);
    return;
  }
  if (b !== replyStatus[c]) r.fail(`${at}: status ${b} but the callee replied ${replyStatus[c]}`);
  if (!within(t - replyAt[c], replyMin[c], replyMax[c]))
    r.fail(`${at}: reply took ${t - replyAt[c]} ms, outside [${replyMin[c]}, ${replyMax[c]}]`);
  where[c] = Where.REPLY_DELIVERED;
  const l = calls.link[c];
  if (type === TraceType.LATE_REPLY) {
    if (caller[c] !== Caller.TIMED_OUT && caller[c] !== Caller.ABANDONED)
      r.fail(`${at}: a late reply but the caller still waits (state ${caller[c]})`);
    linkCount[l].late++;
    // Wasted: the callee's work for a caller that had gone (none for a rejection, never started).
    if (replyAt[c] - startedAt[c] > 0) wasted[l] += replyAt[c] - startedAt[c];
    return;
  }
  if (caller[c] !== Caller.PENDING) {
    r.fail(`${at}: received by a caller no longer waiting (state ${caller[c]})`);
    return;
  }
  if (!Number.isNaN(timeoutOf[c]) && !(t < calls.sentAt[c] + timeoutOf[c]))
    r.fail(`${at}: received at or after its deadline ${calls.sentAt[c] + timeoutOf[c]}`);
  caller[c] = Caller.RECEIVED;
  endedAt[c] = t;
  if (b === CallStatus.OK) {
    linkCount[l].ok++;
    record(linkLatency[l], t - calls.sentAt[c]);
  } else if (b === CallStatus.REJECTED) linkCount[l].rejected++;
  else linkCount[l].errors++;
  if (calls.parent[c] >= 0) r.childEnded(calls.parent[c], c, b !== CallStatus.OK, t);
}

/** TIMEOUT: the caller of call `a` gives up, exactly at its deadline; for a parent, a failed sub-call. */
export function onTimeout(r: TraceReplay, { t, node, a: c, at }: TraceRow): void {
  const { calls, nodeIds } = r;
  const { caller, timeoutOf, endedAt } = r.perCall;
  if (calls.caller[c] !== node) r.fail(`${at}: timed out at ${nodeIds[node]}, not the caller`);
  if (caller[c] !== Caller.PENDING) {
    r.fail(`${at}: timed out but the caller was not waiting (state ${caller[c]})`);
    return;
  }
  if (Number.isNaN(timeoutOf[c])) r.fail(`${at}: timed out without a timeout`);
  else if (t !== calls.sentAt[c] + timeoutOf[c])
    r.fail(`${at}: timed out at ${t}, not at sentAt + timeout = ${calls.sentAt[c] + timeoutOf[c]}`);
  caller[c] = Caller.TIMED_OUT;
  endedAt[c] = t;
  r.counters.linkCount[calls.link[c]].timeouts++;
  if (calls.parent[c] >= 0) r.childEnded(calls.parent[c], c, true, t);
}

/** ABANDON: a service crashes while request p waits on its sub-call `a`; the sub-call is given up. */
export function onAbandon(r: TraceReplay, { t, node, a: c, at }: TraceRow): void {
  const { calls } = r;
  const { caller, where, timeoutOf, endedAt } = r.perCall;
  const svc = r.model.services[node],
    p = calls.parent[c];
  if (!svc || calls.caller[c] !== node) {
    r.fail(`${at}: abandoned by a node that did not make the call`);
    return;
  }
  if (svc.crashAt !== t || svc.mode !== ServiceMode.CRASHED) r.fail(`${at}: abandoned while ${svc.id} is not crashing`);
  if (caller[c] !== Caller.PENDING) r.fail(`${at}: abandoned a call that had ended (state ${caller[c]})`);
  if (p < 0 || !svc.busy.has(p) || where[p] !== Where.CALLING) r.fail(`${at}: abandoned a call whose parent is not waiting on it`);
  if (!Number.isNaN(timeoutOf[c]) && t > calls.sentAt[c] + timeoutOf[c]) r.fail(`${at}: abandoned after its deadline`);
  caller[c] = Caller.ABANDONED;
  endedAt[c] = t;
}
