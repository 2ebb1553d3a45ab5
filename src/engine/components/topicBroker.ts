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
import { RejectReason, TraceType } from '../trace/eventTypes.ts';
import { startOperation } from '../policies/operations.ts';
import { startCall } from './calls.ts';
import { confirmAtOnce, refuseAtOnce } from './answers.ts';

/** A publish reached topic `t`: confirm it and send a copy to every subscription, or refuse it. */
export function onTopicPublish(rt: Runtime, t: TopicRuntime, c: number): void {
  const calls = rt.calls;
  calls.arrivedAt[c] = rt.now;
  t.published++;
  rt.trace.recordNow(TraceType.ARRIVE, t.node, c, 0);
  if (!t.accepting || rt.now >= calls.deadline[c]) {
    t.rejected++;
    refuseAtOnce(rt, t.node, c, t.accepting ? RejectReason.DEADLINE_PASSED : RejectReason.UNAVAILABLE);
    return;
  }
  const n = t.subscriptions.length;
  confirmAtOnce(rt, t.node, c, TraceType.FAN_OUT, n);
  // The copies are the publish's children: the same trace, one span per subscription.
  for (let i = 0; i < n; i++) {
    const link = rt.links[t.subscriptions[i]];
    t.copies++;
    if (t.policies[i] >= 0) startOperation(rt, c, t.node, link.to, link.index, t.lanes[i], t.policies[i]);
    else startCall(rt, c, t.node, link.to, link.index, t.lanes[i]);
  }
}
