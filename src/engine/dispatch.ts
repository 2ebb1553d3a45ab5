/**
 * The one place that maps an engine event and a call's role to the feature that handles it.
 *
 * A call's role (kernel/callRoles.ts) says which feature takes its request as it arrives and its
 * outcome as it ends; `installFeatures` fills in the roles the nodes give their calls and hands
 * the kernel the handlers it calls into features through (kernel/handlers.ts). The event loop
 * (simulation.ts) sends each REQUEST_ARRIVE whose role is not a plain request here.
 *
 * Adding a feature: a folder under features/, its roles here (if its calls are routed), its
 * handlers in `HANDLERS`, its events in simulation.ts's switch.
 */
import type { Runtime } from './kernel/runtime.ts';
import { Role } from './kernel/callRoles.ts';
import { baseRole } from './kernel/calls.ts';
import { crashService, freeWorker, onRequestArrive, subCallEnded } from './features/service/service.ts';
import { acceptJob, jobReplyArrived, newAsyncHttpState, onPollArrive, pollEnded } from './features/asyncHttp/asyncHttp.ts';
import { clientCallEnded, clientRequestDropped, clientRequestEnded } from './features/client/client.ts';
import { abandonOperation, attemptDropped, attemptEnded, startOperation } from './features/resilience/operations.ts';
import { admit, drawToken, planOf } from './features/gateway/gateway.ts';
import { holdsWorker, newAnswerStreamState, pushReceived, resetAnswerStreams, startPushes } from './features/answerStream/answerStream.ts';
import { onProbeArrive, probeEnded } from './features/healthCheck/healthCheck.ts';
import { onRegistryArrive, registryCallEnded } from './features/registry/registry.ts';
import type { RegistryRuntime } from './kernel/records.ts';
import {
  deliveryEnded,
  deliveryProcessed as queueDeliveryProcessed,
  fetchEventData,
  onPublishArrive,
  queueEventPublisher,
  repeatDelivery,
} from './features/queue/queueBroker.ts';
import { onTopicPublish } from './features/topic/topicBroker.ts';
import {
  dedupedStreamDelivery,
  onStreamPublish,
  streamDeliveryEnded,
  streamDeliveryProcessed,
  streamEventPublisher,
} from './features/stream/eventStream.ts';
import { balancedCallEnded, balancerOf, routeCall } from './features/balancer/balancer.ts';
import { acquire, release } from './features/pool/connectionPool.ts';
import { dispatchRequest } from './kernel/calls.ts';
import type { Scenario } from '../model/index.ts';
import { installHandlers, type Handlers } from './kernel/handlers.ts';
import type { LinkRuntime, QueueRuntime, TopicRuntime } from './kernel/runtime.ts';
import type { StreamRuntime } from './kernel/streamRecords.ts';

/**
 * Fills in, once the runtime is built, which features the scenario uses where the hot path asks,
 * the roles its nodes give their calls, and the handlers the kernel calls features through.
 */
export function installFeatures(rt: Runtime, scenario: Scenario): void {
  // Each feature's per-call data (kernel/runtime.ts FeatureState: the type lists every entry).
  rt.features = { asyncHttp: newAsyncHttpState(), answerStream: newAnswerStreamState() };
  const nodes = rt.nodeIds.length;
  rt.roleTo = new Uint8Array(nodes);
  rt.roleFrom = new Uint8Array(nodes);
  for (let n = 0; n < nodes; n++) {
    if (rt.registries[n] !== undefined) rt.roleTo[n] = Role.REGISTRY;
    else if (rt.queues[n] !== undefined) {
      rt.roleTo[n] = Role.QUEUE_PUBLISH;
      rt.roleFrom[n] = Role.QUEUE_DELIVERY;
    } else if (rt.topics[n] !== undefined) rt.roleTo[n] = Role.TOPIC_PUBLISH;
    else if (rt.streams[n] !== undefined) {
      rt.roleTo[n] = Role.STREAM_PUBLISH;
      rt.roleFrom[n] = Role.STREAM_DELIVERY;
    }
  }
  rt.polling = scenario.links.some((l) => l.polling !== undefined);
  rt.eventOnly = scenario.links.some((l) => l.content === 'event');
  rt.balanced = rt.links.some((l) => l.balancer !== undefined);
  rt.pooled = rt.links.some((l) => l.pool !== undefined);
  rt.answerStreams = rt.links.some((l) => l.stream !== undefined);
  const probing = rt.links.some((l) => l.balancer?.health !== undefined);
  rt.routed =
    rt.queues.length !== 0 ||
    rt.polling ||
    rt.eventOnly ||
    rt.streams.length !== 0 ||
    rt.balanced ||
    rt.registries.length !== 0 ||
    probing ||
    rt.pooled ||
    rt.answerStreams;
  installHandlers(HANDLERS);
}

/** Request c, of a role other than a plain request (`role`), reached its callee: its feature takes it. */
export function requestArrived(rt: Runtime, c: number, role: number): void {
  const calls = rt.calls;
  switch (role) {
    case Role.POLL:
      onPollArrive(rt, c);
      break;
    case Role.PROBE:
      onProbeArrive(rt, c);
      break;
    case Role.REGISTRY:
      onRegistryArrive(rt, rt.registries[calls.callee[c]] as RegistryRuntime, c);
      break;
    case Role.QUEUE_PUBLISH:
      onPublishArrive(rt, rt.queues[calls.callee[c]] as QueueRuntime, c);
      break;
    case Role.TOPIC_PUBLISH:
      onTopicPublish(rt, rt.topics[calls.callee[c]] as TopicRuntime, c);
      break;
    case Role.STREAM_PUBLISH:
      onStreamPublish(rt, rt.streams[calls.callee[c]] as StreamRuntime, c);
      break;
    // A delivery is the consumer's request, unless an idempotent consumer acknowledges a repeat at once.
    case Role.QUEUE_DELIVERY:
      if (!repeatDelivery(rt, rt.queues[calls.caller[c]] as QueueRuntime, c)) onRequestArrive(rt, c);
      break;
    case Role.STREAM_DELIVERY:
      if (!dedupedStreamDelivery(rt, rt.streams[calls.caller[c]] as StreamRuntime, c)) onRequestArrive(rt, c);
      break;
    default:
      onRequestArrive(rt, c);
  }
}

/**
 * Call c's end, in a scenario whose calls may be routed (`rt.routed`): true if a feature took it
 * (a probe, a registry call, a poll, a broker's delivery); a pooled call frees its connection and
 * a balanced one is counted by its balancer on the way.
 */
function callEnded(rt: Runtime, c: number): boolean {
  const calls = rt.calls;
  // A call that held a pooled connection frees it (the next waiting call goes).
  if (rt.pooled) {
    const link = rt.links[calls.link[c]];
    if (link.pool !== undefined) release(rt, link, c, dispatchRequest);
  }
  const role = calls.role[c];
  // A health probe: its link's health checks count it. It is a plain call from now on (a late request of it is any request).
  if (role === Role.PROBE) {
    calls.role[c] = baseRole(rt, calls.caller[c], calls.callee[c]);
    probeEnded(rt, c, rt.probeCalls.get(c) as number);
    return true;
  }
  // A call over a balanced link: its caller instance's balancer counts how it ended (and it goes on as any call).
  if (rt.balanced) {
    const link = rt.links[calls.link[c]];
    if (link.balancer !== undefined) balancedCallEnded(rt, balancerOf(rt, link, calls.caller[c]), c);
  }
  switch (role) {
    // A heartbeat, deregistration or lookup: the registry's business, no request of anyone's.
    case Role.REGISTRY:
      registryCallEnded(rt, c, rt.registryCalls.get(c) as number);
      return true;
    case Role.POLL:
      calls.role[c] = baseRole(rt, calls.caller[c], calls.callee[c]);
      pollEnded(rt, c, rt.features.asyncHttp.pollJob.get(c) as number);
      return true;
    // A queue's delivery: its ack, nack or visibility timeout.
    case Role.QUEUE_DELIVERY:
      deliveryEnded(rt, rt.queues[calls.caller[c]] as QueueRuntime, c);
      return true;
    // A stream's delivery: its commit or its retry.
    case Role.STREAM_DELIVERY:
      streamDeliveryEnded(rt, rt.streams[calls.caller[c]] as StreamRuntime, c);
      return true;
    default:
      return false;
  }
}

/** A service replied OK to request c: a queue's or a stream's delivery has had its message's effect. */
function deliveryProcessed(rt: Runtime, c: number): void {
  const caller = rt.calls.caller[c];
  const q = rt.queues[caller];
  if (q !== undefined) queueDeliveryProcessed(rt, q, c);
  else if (rt.streams.length !== 0) {
    const s = rt.streams[caller];
    if (s !== undefined) streamDeliveryProcessed(rt, s, c);
  }
}

/** Delivery c did its consumer's own work: if its message was an event only, the consumer fetches the data from its publisher (true). */
function fetchForEvent(rt: Runtime, c: number): boolean {
  const from = rt.calls.caller[c];
  let publisher = -1;
  if (rt.queues[from] !== undefined) publisher = queueEventPublisher(rt, c);
  else if (rt.streams[from] !== undefined) publisher = streamEventPublisher(rt, rt.streams[from], c);
  if (publisher < 0) return false;
  fetchEventData(rt, c, publisher);
  return true;
}

/** A pooled call is done with its connection: the next waiting call is sent as any call is. */
function releaseConnection(rt: Runtime, link: LinkRuntime, c: number): void {
  release(rt, link, c, dispatchRequest);
}

/**
 * The handlers the kernel and features call features through (kernel/handlers.ts): which
 * feature answers each. One object, its keys in the interface's order.
 */
const HANDLERS: Handlers = {
  callEnded,
  deliveryProcessed,
  fetchForEvent,
  clientCallEnded,
  clientRequestEnded,
  clientRequestDropped,
  subCallEnded,
  freeWorker,
  crashService,
  startOperation,
  attemptEnded,
  attemptDropped,
  abandonOperation,
  drawToken,
  admit,
  gatewayPlan: planOf,
  acceptJob,
  jobReplyArrived,
  routeCall,
  acquire,
  release: releaseConnection,
  holdsWorker,
  startPushes,
  pushReceived,
  resetAnswerStreams,
};
