/**
 * The network: a message crosses a link after the protocol's overhead (and, with a payload, its
 * encoding and its bits on the wire) plus a latency draw, or is lost (random loss, or a
 * partition). A lost message is silent: only a timeout notices.
 */
import { sample } from '../core/sampler.ts';
import { Ev, type LinkRuntime, type Runtime } from './runtime.ts';
import { DropReason, TraceType } from '../trace/eventTypes.ts';
import { messageLost } from './calls.ts';

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
  const delay = link.overhead + (forward ? link.requestDelay : link.responseDelay) + sample(link.latencySampler, link.rngLatency) + link.extraLatency;
  rt.queue.pushDefault(rt.now + delay, forward ? Ev.REQUEST_ARRIVE : Ev.REPLY_ARRIVE, c); // at Priority.MESSAGE
}

function dropMessage(rt: Runtime, link: LinkRuntime, c: number, forward: boolean, reason: number): void {
  link.lost++;
  rt.trace.recordNow(TraceType.DROP, forward ? link.from : link.to, c, reason);
  messageLost(rt, c);
}
