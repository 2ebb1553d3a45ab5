/**
 * How the kernel and the features call into features without importing them: one object of
 * functions, `handlers`, that dispatch.ts fills in once (`installHandlers`) before any run; the
 * same for every run, so it holds no run's state. A feature that hands
 * work to another (a service to async HTTP's `acceptJob`, a client to resilience's
 * `startOperation`, …) calls the handler; dispatch.ts says which feature implements each. One
 * object of one shape keeps every call site monomorphic, so V8 inlines through it as through a
 * direct import.
 */
import type { ClientRuntime, LinkRuntime, PlanStep, Runtime, ServiceRuntime } from './runtime.ts';

/** What the kernel and features ask of features, grouped by the feature that answers. */
export interface Handlers {
  /**
   * Call c ended (its status set) in a scenario whose calls may be routed: true if a feature
   * took its outcome (a probe, a registry call, a poll, a broker's delivery), false if it goes
   * to its client, its service or its operation as any call's (dispatch.ts).
   */
  callEnded(rt: Runtime, c: number): boolean;
  /** A service replied OK to request c: if c is a queue's or a stream's delivery, its message's work is done (dispatch.ts). */
  deliveryProcessed(rt: Runtime, c: number): void;
  /**
   * Delivery c of an event-only message did its consumer's own work: the consumer fetches the data (true), or c carried it (false;
   * dispatch.ts).
   */
  fetchForEvent(rt: Runtime, c: number): boolean;
  // features/client
  /** Client request c (a plain call) ended. */
  clientCallEnded(rt: Runtime, c: number): void;
  /** Client request `first` (its first call) ended with `status`, all attempts told. */
  clientRequestEnded(rt: Runtime, first: number, status: number): void;
  /** Client request c was lost with no timeout to notice: its caller stays blocked. */
  clientRequestDropped(rt: Runtime, c: number): void;
  // features/service
  /** A sub-call of request `parent` ended with `status`. */
  subCallEnded(rt: Runtime, parent: number, status: number): void;
  /** A worker an answer stream held is free again. */
  freeWorker(rt: Runtime, svc: ServiceRuntime): void;
  /** Instance `svc` crashed (a fault): its line and workers are lost, its answer streams reset. */
  crashService(rt: Runtime, svc: ServiceRuntime): void;
  // features/resilience
  /** Starts a resilient call (an operation of attempts); returns its first attempt's call. */
  startOperation(
    rt: Runtime,
    parent: number,
    caller: number,
    callee: number,
    link: number,
    timeoutLane: number,
    policy: number,
    user: number,
  ): number;
  /** Attempt c of an operation ended; its operation decides what follows. */
  attemptEnded(rt: Runtime, c: number): void;
  /** Attempt c was lost with no timeout to notice. */
  attemptDropped(rt: Runtime, c: number): void;
  /** The operation whose attempt c is was abandoned by its caller. */
  abandonOperation(rt: Runtime, c: number): void;
  // features/gateway
  /** A bearer token for a client's next request (Token). */
  drawToken(client: ClientRuntime): number;
  /** Request c at gateway `svc`'s door: 0 if let in (its route set), else why it is refused (RejectReason). */
  admit(rt: Runtime, svc: ServiceRuntime, c: number): number;
  /** The call plan for request c at gateway `svc`: its route's. */
  gatewayPlan(rt: Runtime, svc: ServiceRuntime, c: number): readonly PlanStep[];
  // features/asyncHttp
  /** Request c over a polling link is taken: its 202 goes back now. */
  acceptJob(rt: Runtime, c: number): void;
  /** A reply of job c reached its caller: its 202 (true: the caller polls), or any reply (false). */
  jobReplyArrived(rt: Runtime, c: number): boolean;
  // features/balancer
  /** Picks call c's instance over `link`; false if none is known (c then ends refused). */
  routeCall(rt: Runtime, link: LinkRuntime, c: number): boolean;
  // features/pool
  /** Call c takes a free connection of `link`'s pool (true), or waits for one (false). */
  acquire(rt: Runtime, link: LinkRuntime, c: number): boolean;
  /** Call c is done with `link`'s pool: its connection goes to the next waiting call. */
  release(rt: Runtime, link: LinkRuntime, c: number): void;
  // features/answerStream
  /** Whether a streamed answer over `link` holds its callee's worker to its last message. */
  holdsWorker(link: LinkRuntime): boolean;
  /** Call c's first answer went over `link`: the rest follow. */
  startPushes(rt: Runtime, link: LinkRuntime, c: number): void;
  /** A message of call c's streamed answer reached its caller: true while more are to come. */
  pushReceived(rt: Runtime, link: LinkRuntime, c: number): boolean;
  /** Service `svc` crashed: its open answer streams end. */
  resetAnswerStreams(rt: Runtime, svc: ServiceRuntime): void;
}

function unwired(): never {
  throw new Error('engine: the runtime has no feature handlers (dispatch.ts installFeatures was not called)');
}

/** The handlers every run calls; until dispatch.ts installs them, any call into one is a bug. */
export const handlers: Handlers = {
  callEnded: unwired,
  deliveryProcessed: unwired,
  fetchForEvent: unwired,
  clientCallEnded: unwired,
  clientRequestEnded: unwired,
  clientRequestDropped: unwired,
  subCallEnded: unwired,
  freeWorker: unwired,
  crashService: unwired,
  startOperation: unwired,
  attemptEnded: unwired,
  attemptDropped: unwired,
  abandonOperation: unwired,
  drawToken: unwired,
  admit: unwired,
  gatewayPlan: unwired,
  acceptJob: unwired,
  jobReplyArrived: unwired,
  routeCall: unwired,
  acquire: unwired,
  release: unwired,
  holdsWorker: unwired,
  startPushes: unwired,
  pushReceived: unwired,
  resetAnswerStreams: unwired,
};

/** Makes `handlers` call the features' functions (dispatch.ts; the object keeps its shape, so call sites stay monomorphic). */
export function installHandlers(installed: Handlers): void {
  Object.assign(handlers, installed);
}
