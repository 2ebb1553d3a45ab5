/**
 * The network: a message crosses a link after the protocol's overhead (and, with a payload, its
 * encoding and its bits on the wire) plus a latency draw, or is lost (random loss, or a
 * partition). A lost message is silent: only a timeout notices.
 */
import { sample } from '../core/sampler.ts';
import { Ev, type LinkRuntime, type Runtime } from './runtime.ts';
import { CallStatus, DropReason, TraceType } from '../trace/eventTypes.ts';
import { Phase } from '../trace/callTable.ts';
import { JOB_ACCEPTED } from './callFlags.ts';
import { handlers } from './handlers.ts';

/**
 * Sends call `c`'s request (forward = true, from the link's `from` to its `to`) or its reply
 * (forward = false) across `link`.
 */
export function transmit(rt: Runtime, link: LinkRuntime, c: number, forward: boolean): void {
  link.messages++;
  if (forward ? link.blockedForward : link.blockedBackward) {
    dropMessage(rt, link, c, forward, DropReason.PARTITION);
    return;
  }
  if (link.loss > 0 && link.rngLoss.next() < link.loss) {
    dropMessage(rt, link, c, forward, DropReason.LOSS);
    return;
  }
  const delay =
    link.overhead + (forward ? link.requestDelay : link.responseDelay) + sample(link.latencySampler, link.rngLatency) + link.extraLatency;
  rt.queue.pushDefault(rt.now + delay, forward ? Ev.REQUEST_ARRIVE : Ev.REPLY_ARRIVE, c); // at Priority.MESSAGE
}

function dropMessage(rt: Runtime, link: LinkRuntime, c: number, forward: boolean, reason: number): void {
  link.lost++;
  rt.trace.recordNow(TraceType.DROP, forward ? link.from : link.to, c, reason);
  messageLost(rt, c);
}

/**
 * A message of call c (request, reply, or the request held by a crashed callee) is gone. With a
 * timeout the caller will notice in time; without one it never will: the call is dropped and its
 * caller stays blocked.
 */
export function messageLost(rt: Runtime, c: number): void {
  const calls = rt.calls;
  // A queue's delivery: its consumer will not look its message up again.
  if (rt.queues.length !== 0 && rt.queues[calls.caller[c]] !== undefined)
    rt.messages.consumerDoneWith(c, calls.status[c] !== CallStatus.PENDING);
  if (calls.status[c] !== CallStatus.PENDING || calls.hasTimeout(c)) return;
  // An accepted job lost in its callee's crash: the caller's polls will find out.
  if ((calls.flags[c] & JOB_ACCEPTED) !== 0 && calls.phase[c] === Phase.DROPPED) return;
  calls.status[c] = CallStatus.DROPPED;
  calls.endedAt[c] = rt.now;
  if (calls.op[c] >= 0) handlers.attemptDropped(rt, c);
  else if (calls.parent[c] < 0) handlers.clientRequestDropped(rt, c);
}
