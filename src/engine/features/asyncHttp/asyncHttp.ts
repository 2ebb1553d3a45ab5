/**
 * Async HTTP (202 Accepted + a status URL), on a link with `polling`. The request c is the job:
 *
 * - when it reaches the callee, the callee answers at once with a 202 (c's reply, carrying no
 *   outcome) and takes the job into its line and workers as any request; when the work is done
 *   (its calls included), the outcome is kept, not sent;
 * - the caller, on the 202, waits `interval` and polls: each poll is a small call of its own
 *   over the same link, answered at once by the callee (no worker) with "not yet" or the job's
 *   outcome; "not yet" means another poll after a wait (×`multiplier`, up to `cap`); a poll lost
 *   on the way is noticed after an interval and sent again;
 * - the job ends for the caller when a poll brings its outcome, or when the link's timeout (armed
 *   on c when it was sent) runs out first. A job lost in a crash of the callee is reported as
 *   failed by the next poll (its status URL knows nothing of it any more).
 *
 * A refusal (a full line, a callee that is down) is sent as an ordinary reply: there is no job
 * to poll for. Every poll is counted on the link: the price of decoupling. Over HTTP/1.1 with a
 * connection pool the 202 frees the job's connection, as a real client's does; each poll takes
 * one for its own short round trip.
 *
 * A replicated callee: the job runs on the instance the balancer sent it to; each poll goes through
 * the link's balancer too and may reach another instance, which answers from the service's shared
 * store of job statuses (a job lost in its instance's crash reads as failed there, as its lease
 * would lapse). An instance that is down refuses a poll; the caller polls again.
 */
import { Ev, Priority, type Runtime } from '../../kernel/runtime.ts';
import { Phase } from '../../trace/callTable.ts';
import { CallStatus, RejectReason, TraceType } from '../../trace/eventTypes.ts';
import { confirmAtOnce, refuseAtOnce } from '../../kernel/answers.ts';
import { finishCall, startCall } from '../../kernel/calls.ts';
import { transmit } from '../../kernel/link.ts';
import { JOB_ACCEPTED, JOB_ACKNOWLEDGED } from '../../kernel/callFlags.ts';
import { Role } from '../../kernel/callRoles.ts';
import { handlers } from '../../kernel/handlers.ts';

/** Async HTTP's state, by call: a poll's job, a poll's answer, and a job's last wait between polls. */
export interface AsyncHttpState {
  readonly pollJob: Map<number, number>;
  readonly pollAnswer: Map<number, number>;
  readonly jobPolls: Map<number, number>;
}

declare module '../../kernel/runtime.ts' {
  interface FeatureState {
    readonly asyncHttp: AsyncHttpState;
  }
}

/** An empty async HTTP state, for a new run. */
export function newAsyncHttpState(): AsyncHttpState {
  return { pollJob: new Map(), pollAnswer: new Map(), jobPolls: new Map() };
}

/** Request c of a polling link reached its callee, which takes it: the 202 goes back now. */
export function acceptJob(rt: Runtime, c: number): void {
  rt.calls.flags[c] |= JOB_ACCEPTED;
  rt.trace.recordNow(TraceType.ACCEPT, rt.calls.callee[c], c, 0);
  transmit(rt, rt.links[rt.calls.link[c]], c, false);
}

/**
 * A reply of job c reached its caller over a polling link: the 202 (the caller starts polling;
 * true), or an ordinary reply, a refusal (false: the caller takes it as any reply).
 */
export function jobReplyArrived(rt: Runtime, c: number): boolean {
  const calls = rt.calls;
  if ((calls.flags[c] & JOB_ACCEPTED) === 0 || (calls.flags[c] & JOB_ACKNOWLEDGED) !== 0) return false;
  calls.flags[c] |= JOB_ACKNOWLEDGED;
  // The 202 ends the job's request on the wire: over HTTP/1.1 its pooled connection is free now
  // (each poll is a short request of its own over the pool). Kept until the job's end, accepted
  // jobs would hold every connection and no poll could go: a deadlock.
  const link = rt.links[calls.link[c]];
  if (link.pool !== undefined) handlers.release(rt, link, c);
  if (calls.status[c] !== CallStatus.PENDING) {
    // It gave up on the job before even hearing it was accepted.
    link.lateReplies++;
    rt.trace.recordNow(TraceType.LATE_REPLY, calls.caller[c], c, CallStatus.PENDING);
    return true;
  }
  rt.trace.recordNow(TraceType.ACCEPTED, calls.caller[c], c, 0);
  schedulePoll(rt, c, true);
  return true;
}

/** The next poll of job c: after `interval`, or after the last wait × `multiplier` (up to `cap`). */
function schedulePoll(rt: Runtime, c: number, first: boolean): void {
  const polling = rt.links[rt.calls.link[c]].polling;
  if (!polling) return;
  // Repeated multiplication, not `**`: exact in every JavaScript engine.
  const wait = first
    ? Math.min(polling.cap, polling.interval)
    : Math.min(polling.cap, (rt.features.asyncHttp.jobPolls.get(c) ?? polling.interval) * polling.multiplier);
  rt.features.asyncHttp.jobPolls.set(c, wait);
  rt.schedule(rt.now + wait, Priority.MESSAGE, Ev.POLL, 0, c);
}

/** Time to poll job c (unless its caller gave up on it). */
export function onPollDue(rt: Runtime, c: number): void {
  const calls = rt.calls;
  if (calls.status[c] !== CallStatus.PENDING) {
    rt.features.asyncHttp.jobPolls.delete(c);
    return;
  }
  const link = rt.links[calls.link[c]];
  link.polls++;
  // The poll's timeout: a poll lost on the way is noticed after one interval.
  const lane = rt.timeouts.laneFor(link.polling?.interval ?? 1000);
  const poll = startCall(rt, c, calls.caller[c], calls.callee[c], link.index, lane);
  rt.features.asyncHttp.pollJob.set(poll, c);
  rt.calls.role[poll] = Role.POLL;
}

/**
 * Poll p reached the callee: it answers at once with the job's state. Over a link to a service with
 * replicas the poll went to the instance the balancer picked, not necessarily the one at work on
 * the job: the status lives in the service's shared store, so any instance answers, but one that is
 * down refuses it (the caller polls again after a wait, maybe reaching another).
 */
export function onPollArrive(rt: Runtime, p: number): void {
  const calls = rt.calls;
  const instance = rt.services[calls.callee[p]];
  if (instance !== undefined && !instance.accepting && rt.instancesOf[instance.primary] !== undefined) {
    instance.rejected++;
    refuseAtOnce(rt, instance.node, p, RejectReason.UNAVAILABLE);
    return;
  }
  const job = rt.features.asyncHttp.pollJob.get(p) as number;
  const phase = calls.phase[job];
  // Done (replied, or refused from the line), gone (lost in a crash), or still at it.
  const answer =
    phase === Phase.REPLIED || phase === Phase.REJECTED
      ? calls.reply[job]
      : phase === Phase.DROPPED
        ? CallStatus.ERROR
        : CallStatus.PENDING;
  rt.features.asyncHttp.pollAnswer.set(p, answer);
  calls.arrivedAt[p] = rt.now;
  confirmAtOnce(rt, calls.callee[p], p, TraceType.POLL, answer);
}

/** Poll p is over at the caller (its answer arrived, or it timed out): the job ends, or it polls again. */
export function pollEnded(rt: Runtime, p: number, job: number): void {
  const calls = rt.calls;
  rt.features.asyncHttp.pollJob.delete(p);
  const answer = rt.features.asyncHttp.pollAnswer.get(p);
  rt.features.asyncHttp.pollAnswer.delete(p);
  if (calls.status[job] !== CallStatus.PENDING) {
    rt.features.asyncHttp.jobPolls.delete(job);
    return;
  }
  if (calls.status[p] !== CallStatus.OK || answer === undefined || answer === CallStatus.PENDING) {
    schedulePoll(rt, job, false);
    return;
  }
  rt.features.asyncHttp.jobPolls.delete(job);
  calls.status[job] = answer;
  calls.endedAt[job] = rt.now;
  rt.trace.recordNow(TraceType.JOB_DONE, calls.caller[job], job, answer);
  const link = rt.links[calls.link[job]];
  if (answer === CallStatus.OK) {
    link.ok++;
    link.latency.recordSince(rt.clock, calls.sentAt, job);
  } else link.errors++;
  finishCall(rt, job);
}
