/**
 * A publish/subscribe topic (SNS/fanout-like). A publish is a call to the topic, which confirms
 * it at once and sends one copy to each subscription: a queue it links to, with that queue's
 * semantics from there on (features/queue/queueBroker.ts). Each copy is a call from the topic to the
 * queue over its link, so the link's network and policies apply: with a retry on it, a copy
 * refused by a queue that is down is sent again, as SNS retries its deliveries to SQS; without
 * one, the copy is lost for that subscription (the link's report counts it as rejected).
 *
 * A topic that is down (a crash fault) refuses publishes.
 */
import type { Scenario } from '../../../model/index.ts';
import { MachineHost } from '../../core/machineHost.ts';
import { SERVICE_MODE_NAMES, ServiceMode, serviceMachine } from '../../kernel/serviceMachine.ts';
import type { CallSites } from '../../kernel/records.ts';
import { Ev, Priority, type Runtime, type TopicRuntime } from '../../kernel/runtime.ts';
import { RejectReason, TraceType } from '../../trace/eventTypes.ts';
import { startCall } from '../../kernel/calls.ts';
import { confirmAtOnce, refuseAtOnce } from '../../kernel/answers.ts';
import { handlers } from '../../kernel/handlers.ts';

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
    if (t.policies[i] >= 0) handlers.startOperation(rt, c, t.node, link.to, link.index, t.lanes[i], t.policies[i], -1);
    else startCall(rt, c, t.node, link.to, link.index, t.lanes[i]);
  }
}

/** Topic `node` (at `index`) as the engine runs it, with its subscriptions (the links from it) and their policies. */
export function buildTopic(
  rt: Runtime,
  index: number,
  node: Extract<Scenario['nodes'][number], { kind: 'topic' }>,
  scenario: Scenario,
  wiring: CallSites,
): TopicRuntime {
  const subscriptions = Int32Array.from(
    scenario.links.map((l, i) => ({ l, i })).filter(({ l }) => l.from === node.id),
    ({ i }) => i,
  );
  const topic: TopicRuntime = {
    node: index,
    id: node.id,
    subscriptions,
    lanes: Int32Array.from(subscriptions, (l) => wiring.linkLane(l)),
    policies: Int32Array.from(subscriptions, (l) => wiring.topicPolicy(index, l)),
    accepting: false,
    mode: ServiceMode.STARTING,
    machine: new MachineHost(serviceMachine, { startupTime: 0 }, (delay, token) =>
      rt.schedule(rt.now + delay, Priority.CONTROL, Ev.MACHINE_TIMER, index, token),
    ),
    published: 0,
    rejected: 0,
    copies: 0,
  };
  topic.mode = SERVICE_MODE_NAMES.indexOf(topic.machine.state as (typeof SERVICE_MODE_NAMES)[number]);
  topic.accepting = topic.mode === ServiceMode.HEALTHY;
  return topic;
}
