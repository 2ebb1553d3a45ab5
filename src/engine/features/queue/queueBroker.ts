/**
 * A message queue (RabbitMQ/SQS-like), point to point with competing consumers and at-least-once
 * delivery. Everything crosses the network as calls, so links, loss, partitions, timeouts and
 * the trace treat it like any other traffic:
 *
 * - a **publish** is a call from a producer (a client, or a service's plan step) to the queue:
 *   the queue stores the message and replies at once (its confirm), so the producer moves on
 *   without waiting for any consumer. A queue that is down, or full with `rejectPublish`, refuses
 *   it; a full `dropHead` queue drops its oldest ready message instead;
 * - a **delivery** is a call from the queue to one consumer (round robin over the consumers that
 *   are up and have prefetch left; each instance of a replicated consumer is a competing consumer
 *   of its own, with the link's prefetch), timed out by the visibility timeout. The consumer handles it
 *   like any request (its workers, line and call plan); its reply is the ack (OK) or the nack
 *   (an error). A nack, a refusal or the visibility timeout makes the message ready again, at
 *   the front; after `maxDeliveries` deliveries it is dead-lettered. A consumer that crashes
 *   loses what it held, and the visibility timeout brings it back: a message whose work was
 *   done but whose ack never came is processed twice (the reply is then a late one).
 *
 * A consumer that succeeds has had the message's *effect* (its work, its calls); a second success
 * for one message is a duplicate effect. An idempotent consumer (`dedupe` on its link) remembers
 * the ids it processed and acknowledges a repeat at once, without the work; its instances share
 * that memory (it lives in the service's store), so a repeat is caught whichever instance gets it.
 *
 * A queue that is down (a crash fault: a broker outage) refuses publishes and delivers nothing;
 * its stored messages survive (durable), and an ack reaching it while down is lost, so the message
 * is delivered again once it is back.
 */
import type { Scenario } from '../../../model/index.ts';
import { MachineHost } from '../../core/machineHost.ts';
import { SERVICE_MODE_NAMES, ServiceMode, serviceMachine } from '../../kernel/serviceMachine.ts';
import { SeenIds } from '../../kernel/messageTable.ts';
import { Ev, Priority, type QueueRuntime, type Runtime } from '../../kernel/runtime.ts';
import { Phase } from '../../trace/callTable.ts';
import { CallStatus, RejectReason, TraceType } from '../../trace/eventTypes.ts';
import { startCall } from '../../kernel/calls.ts';
import { ackRepeatAtOnce, confirmAtOnce, refuseAtOnce } from '../../kernel/answers.ts';
import { FETCH_CALL } from '../../kernel/callFlags.ts';

/**
 * Delivery c of queue `from` reached its consumer: an idempotent consumer that has processed its
 * message acknowledges the repeat at once (true); otherwise it is the consumer's request (false).
 */
export function repeatDelivery(rt: Runtime, from: QueueRuntime, c: number): boolean {
  const seen = from.seen[from.consumerLinks.indexOf(rt.calls.link[c])];
  const m = rt.messages.byDelivery.get(c) as number;
  if (seen === undefined || !seen.has(m) || !ackRepeatAtOnce(rt, c)) return false;
  from.deduplicated++;
  return true;
}

/**
 * A consumer replied OK to delivery c of queue q: the message's work is done (once more). An
 * idempotent consumer commits an effect once per message id it remembers, like a unique key on
 * the id: a repeat that got past the check on arrival (its first delivery was still at work) does
 * the work but has no second effect.
 */
export function deliveryProcessed(rt: Runtime, q: QueueRuntime, c: number): void {
  const messages = rt.messages;
  const m = messages.byDelivery.get(c) as number;
  const seen = q.seen[q.consumerLinks.indexOf(rt.calls.link[c])];
  if (seen !== undefined && seen.has(m)) {
    q.deduplicated++;
    return;
  }
  messages.effects[m]++;
  q.effects++;
  seen?.add(m);
}

/** A publish reached queue `q`: store and confirm it, or refuse it. */
export function onPublishArrive(rt: Runtime, q: QueueRuntime, c: number): void {
  const calls = rt.calls;
  calls.arrivedAt[c] = rt.now;
  q.published++;
  rt.trace.recordNow(TraceType.ARRIVE, q.node, c, 0);
  if (!q.accepting) return refuse(rt, q, c, RejectReason.UNAVAILABLE);
  if (rt.now >= calls.deadline[c]) return refuse(rt, q, c, RejectReason.DEADLINE_PASSED);
  if (q.readyLength >= q.maxLength) {
    if (!q.dropHead || q.readyLength === 0) return refuse(rt, q, c, RejectReason.QUEUE_FULL);
    const oldest = takeFront(q);
    q.dropped++;
    rt.trace.recordNow(TraceType.DROP_HEAD, q.node, rt.messages.publish[oldest], q.readyLength);
  }
  pushBack(q, rt.messages.add(c, eventPublisher(rt, c)));
  if (q.readyLength > q.maxDepth) q.maxDepth = q.readyLength;
  confirmAtOnce(rt, q.node, c, TraceType.STORE, q.readyLength);
  dispatch(rt, q);
}

/** The publisher of publish c (through a topic: of the topic's publish) if it sent only an event, else −1. */
function eventPublisher(rt: Runtime, c: number): number {
  if (!rt.eventOnly) return -1;
  const calls = rt.calls;
  const origin = rt.topics[calls.caller[c]] !== undefined ? calls.parent[c] : c;
  return rt.links[calls.link[origin]].eventOnly ? calls.caller[origin] : -1;
}

/** The publisher to fetch delivery c's data from, if its message is an event-only one (else −1). */
export function queueEventPublisher(rt: Runtime, c: number): number {
  const m = rt.messages.byDelivery.get(c);
  return m === undefined ? -1 : rt.messages.fetchFrom[m];
}

/**
 * Delivery c (of a queue or a stream) of an event-only message finished its consumer's own work:
 * the consumer calls `publisher` back for the data, then goes on with its plan (dispatch.ts
 * `fetchForEvent` finds the publisher, for queues here and for streams in features/stream).
 */
export function fetchEventData(rt: Runtime, c: number, publisher: number): void {
  const calls = rt.calls;
  const consumer = calls.callee[c];
  // The link joins the services, whichever instances published and consume; over it the fetch goes
  // to the instance the link's balancer picks (any of them has the data: it is in the publisher's store).
  const owner = rt.service(publisher).primary;
  const link = rt.linkByEnds.get(rt.service(consumer).primary * rt.nodeIds.length + owner) as number;
  // Step −1: when the fetch ends, the plan goes on from step 0 (see service.ts subCallEnded).
  calls.phase[c] = Phase.CALLING;
  calls.step[c] = -1;
  calls.pending[c] = 1;
  calls.firstChild[c] = calls.length;
  const fetch = startCall(rt, c, consumer, owner, link, rt.fetchLanes[link]);
  calls.flags[fetch] |= FETCH_CALL;
}

function refuse(rt: Runtime, q: QueueRuntime, c: number, reason: number): void {
  q.rejected++;
  refuseAtOnce(rt, q.node, c, reason);
}

/**
 * Delivers ready messages while some consumer is up and has prefetch left: round robin over the
 * competing consumers, every instance of a replicated consumer one of them (as each would pull
 * from the queue on its own), so a delivery goes straight to its instance, not through a balancer.
 */
export function dispatch(rt: Runtime, q: QueueRuntime): void {
  const nodes = q.slotNode,
    n = nodes.length;
  while (q.readyLength > 0 && q.accepting) {
    let chosen = -1;
    for (let k = 0; k < n; k++) {
      const i = (q.nextConsumer + k) % n;
      const consumer = rt.services[nodes[i]];
      if (q.outstanding[i] < q.prefetch[i] && consumer !== undefined && consumer.accepting) {
        chosen = i;
        break;
      }
    }
    if (chosen < 0) return;
    q.nextConsumer = (chosen + 1) % n;
    const m = takeFront(q);
    const messages = rt.messages;
    const link = rt.links[q.consumerLinks[q.slotLink[chosen]]];
    q.outstanding[chosen]++;
    q.inFlight++;
    q.delivered++;
    if (messages.deliveries[m] > 0) q.redelivered++;
    messages.deliveries[m]++;
    // The delivery belongs to the trace of the publish that brought the message.
    const delivery = startCall(rt, messages.publish[m], q.node, nodes[chosen], link.index, q.visibilityLane);
    messages.byDelivery.set(delivery, m);
    rt.trace.recordNow(TraceType.DELIVER, q.node, delivery, messages.deliveries[m]);
  }
}

/** Delivery c ended (its ack or nack arrived, or its visibility timeout passed). */
export function deliveryEnded(rt: Runtime, q: QueueRuntime, c: number): void {
  const messages = rt.messages;
  const m = messages.byDelivery.get(c) as number;
  q.outstanding[slotOf(rt, q, c)]--;
  q.inFlight--;
  const status = rt.calls.status[c];
  if (status === CallStatus.OK && q.accepting) {
    q.acked++;
    rt.trace.recordNow(TraceType.ACK, q.node, c, 0);
  } else if (messages.deliveries[m] >= q.maxDeliveries) {
    q.deadLettered++;
    rt.trace.recordNow(TraceType.DEAD_LETTER, q.node, c, 0);
  } else {
    pushFront(q, m);
    rt.trace.recordNow(TraceType.REQUEUE, q.node, c, status);
  }
  messages.queueDoneWith(c, status !== CallStatus.TIMEOUT);
  dispatch(rt, q);
}

/** The competing consumer that delivery c went to: its link and its instance. */
function slotOf(rt: Runtime, q: QueueRuntime, c: number): number {
  const link = rt.calls.link[c],
    node = rt.calls.callee[c];
  for (let i = 0; i < q.slotNode.length; i++) if (q.slotNode[i] === node && q.consumerLinks[q.slotLink[i]] === link) return i;
  return -1;
}

/** A queue's or a consumer's mode changed: queues may deliver again. */
export function dispatchAll(rt: Runtime): void {
  for (const q of rt.queues) if (q) dispatch(rt, q);
}

// The ring's length is a power of two, so positions wrap with a mask.
function grow(q: QueueRuntime): void {
  const ring = q.ready,
    bigger = new Int32Array(ring.length * 2);
  for (let i = 0; i < q.readyLength; i++) bigger[i] = ring[(q.readyHead + i) & (ring.length - 1)];
  q.ready = bigger;
  q.readyHead = 0;
}

function pushBack(q: QueueRuntime, m: number): void {
  if (q.readyLength === q.ready.length) grow(q);
  q.ready[(q.readyHead + q.readyLength) & (q.ready.length - 1)] = m;
  q.readyLength++;
}

function pushFront(q: QueueRuntime, m: number): void {
  if (q.readyLength === q.ready.length) grow(q);
  q.readyHead = (q.readyHead - 1) & (q.ready.length - 1);
  q.ready[q.readyHead] = m;
  q.readyLength++;
}

function takeFront(q: QueueRuntime): number {
  const m = q.ready[q.readyHead];
  q.readyHead = (q.readyHead + 1) & (q.ready.length - 1);
  q.readyLength--;
  return m;
}

/** Messages a consumer may hold unacknowledged when its link does not say (the schema's documented default). */
const DEFAULT_PREFETCH = 10;

/** Queue `node` (at `index`) as the engine runs it, with its consumers (the links from it). */
export function buildQueue(
  rt: Runtime,
  index: number,
  node: Extract<Scenario['nodes'][number], { kind: 'queue' }>,
  scenario: Scenario,
): QueueRuntime {
  const consumers = scenario.links.map((l, i) => ({ l, i })).filter(({ l }) => l.from === node.id);
  // One competing consumer per instance (all it may ever have: those not deployed are not up).
  const slots = consumers.flatMap(({ l, i }, k) => {
    const to = rt.links[i].to;
    return Array.from(rt.instancesOf[to] ?? [to], (instance) => ({ k, instance, prefetch: l.prefetch ?? DEFAULT_PREFETCH }));
  });
  const q: QueueRuntime = {
    node: index,
    id: node.id,
    visibilityLane: rt.timeouts.laneFor(node.visibilityTimeout),
    maxDeliveries: node.maxDeliveries ?? Infinity,
    maxLength: node.maxLength ?? Infinity,
    dropHead: node.overflow === 'dropHead',
    accepting: false,
    mode: ServiceMode.STARTING,
    machine: new MachineHost(serviceMachine, { startupTime: 0 }, (delay, token) =>
      rt.schedule(rt.now + delay, Priority.CONTROL, Ev.MACHINE_TIMER, index, token),
    ),
    ready: new Int32Array(16),
    readyHead: 0,
    readyLength: 0,
    consumerLinks: Int32Array.from(consumers, ({ i }) => i),
    slotLink: Int32Array.from(slots, (x) => x.k),
    slotNode: Int32Array.from(slots, (x) => x.instance),
    prefetch: Int32Array.from(slots, (x) => x.prefetch),
    outstanding: new Int32Array(slots.length),
    seen: consumers.map(({ l }) => (l.dedupe !== undefined ? new SeenIds(l.dedupe) : undefined)),
    nextConsumer: 0,
    inFlight: 0,
    published: 0,
    delivered: 0,
    redelivered: 0,
    acked: 0,
    deadLettered: 0,
    dropped: 0,
    rejected: 0,
    lateAcks: 0,
    effects: 0,
    deduplicated: 0,
    maxDepth: 0,
  };
  q.mode = SERVICE_MODE_NAMES.indexOf(q.machine.state as (typeof SERVICE_MODE_NAMES)[number]);
  q.accepting = q.mode === ServiceMode.HEALTHY;
  return q;
}
