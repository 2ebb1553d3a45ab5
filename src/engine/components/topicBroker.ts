/**
 * A publish/subscribe topic (SNS/fanout-like). A publish is a call to the topic, which confirms
 * it at once and sends one copy to each subscription: a queue it links to, with that queue's
 * semantics from there on (components/queueBroker.ts). Each copy is a call from the topic to the
 * queue over its link, so the link's network and policies apply: with a retry on it, a copy
 * refused by a queue that is down is sent again, as SNS retries its deliveries to SQS; without
 * one, the copy is lost for that subscription (the link's report counts it as rejected).
 *
 * A topic that is down (a crash fault) refuses publishes.
 */
import type { Runtime, TopicRuntime } from '../runtime.ts';
import { Phase } from '../trace/callTable.ts';
import { CallStatus, RejectReason, TraceType } from '../trace/eventTypes.ts';
import { startOperation } from '../policies/operations.ts';
import { startCall } from './calls.ts';
import { transmit } from './link.ts';

/** A publish reached topic `t`: confirm it and send a copy to every subscription, or refuse it. */
export function onTopicPublish(rt: Runtime, t: TopicRuntime, c: number): void {
  const calls = rt.calls;
  calls.arrivedAt[c] = rt.now;
  t.published++;
  rt.trace.recordNow(TraceType.ARRIVE, t.node, c, 0);
  if (!t.accepting || rt.now >= calls.deadline[c]) {
    t.rejected++;
    calls.phase[c] = Phase.REJECTED;
    calls.reply[c] = CallStatus.REJECTED;
    calls.reason[c] = t.accepting ? RejectReason.DEADLINE_PASSED : RejectReason.UNAVAILABLE;
    calls.repliedAt[c] = rt.now;
    rt.trace.recordNow(TraceType.REJECT, t.node, c, calls.reason[c]);
    transmit(rt, rt.links[calls.link[c]], c, false);
    return;
  }
  const n = t.subscriptions.length;
  calls.phase[c] = Phase.REPLIED;
  calls.reply[c] = CallStatus.OK;
  calls.startedAt[c] = rt.now;
  calls.repliedAt[c] = rt.now;
  rt.trace.recordNow(TraceType.FAN_OUT, t.node, c, n);
  transmit(rt, rt.links[calls.link[c]], c, false);
  // The copies are the publish's children: the same trace, one span per subscription.
  for (let i = 0; i < n; i++) {
    const link = rt.links[t.subscriptions[i]];
    t.copies++;
    if (t.policies[i] >= 0) startOperation(rt, c, t.node, link.to, link.index, t.lanes[i], t.policies[i]);
    else startCall(rt, c, t.node, link.to, link.index, t.lanes[i]);
  }
}
