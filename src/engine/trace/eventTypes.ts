/**
 * What the trace records. Each record is (time, type, node, a, b); what `a` and `b` mean
 * depends on the type, as documented here. Codes are part of the trace format and its hash:
 * append new ones, never renumber.
 */
export const TraceType = {
  /** A caller sent a request. node = caller, a = call, b = link. */
  SEND: 1,
  /** A request reached the callee. node = callee, a = call. */
  ARRIVE: 2,
  /** No worker was free; the request waits in line. node = callee, a = call, b = line length after. */
  QUEUE: 3,
  /** A worker started on the request. node = callee, a = call. */
  START: 4,
  /** The worker finished its own work (calls, if any, follow). node = callee, a = call, b = 1 if it failed. */
  WORK_DONE: 5,
  /** The callee sent its reply. node = callee, a = call, b = reply status (see ReplyStatus). */
  REPLY: 6,
  /** The reply reached a caller still waiting. node = caller, a = call, b = reply status. */
  RECEIVE: 7,
  /** The caller gave up waiting. node = caller, a = call. */
  TIMEOUT: 8,
  /** A message or a request in progress was lost. node = where, a = call, b = DropReason. */
  DROP: 9,
  /** The callee refused the request. node = callee, a = call, b = RejectReason. */
  REJECT: 10,
  /** A reply came after the caller had given up: wasted work. node = caller, a = call, b = reply status. */
  LATE_REPLY: 11,
  /** A component changed mode. node = component, a = from (ServiceMode), b = to (ServiceMode). */
  STATE: 12,
  /** A scheduled fault began. node = the node it hits (or -1 for a link), a = fault index, b = link index or -1. */
  FAULT_START: 13,
  /** A fault ended. Same fields as FAULT_START. */
  FAULT_END: 14,
  /** A call whose caller crashed is no longer waited for. node = caller, a = call. */
  ABANDON: 15,
  /** A scheduled change of settings took effect. node = the node changed (or -1 for a link), a = change index, b = link index or -1. */
  CHANGE: 16,
  // Resilient calls (engine/policies): a call with a retry, deadline, fallback, breaker or bulkhead
  // is an operation of one or more attempts; each attempt is a call of its own.
  /** A failed attempt will be retried. node = caller, a = the failed attempt, b = the wait before the retry, µs. */
  RETRY: 17,
  /** An attempt was refused by the caller's own guard, never sent. node = caller, a = attempt, b = NotPermittedReason. */
  NOT_PERMITTED: 18,
  /** A circuit breaker changed state. node = caller, a = link, b = from × 16 + to (BreakerState). A BREAKER_WINDOW row follows. */
  BREAKER: 19,
  /** The window of the breaker whose change the row before records, just before it. node = calls, a = failed, b = slow. */
  BREAKER_WINDOW: 20,
  /** An attempt waits for a place in its dependency's bulkhead. node = caller, a = attempt, b = waiting after. */
  BULKHEAD_WAIT: 21,
  /** A failed call was answered by its fallback. node = caller, a = the call's first attempt, b = FallbackKind. */
  FALLBACK: 22,
  /** A resilient call ended, attempts and fallback included. node = caller, a = its first attempt, b = CallStatus. */
  OP_END: 23,
  /** A resilient call began; its first attempt follows. node = caller, a = the first attempt, b = link. */
  OP_START: 24,
  // Queues (features/queue/queueBroker.ts): a publish is a call to the queue, which confirms it once
  // stored; each delivery is a call from the queue to a consumer, whose reply is the ack or nack.
  /** The queue stored a published message and confirms it. node = queue, a = the publish call, b = ready messages after. */
  STORE: 25,
  /** The queue delivered a message to a consumer. node = queue, a = the delivery call, b = the message's delivery count. */
  DELIVER: 26,
  /** A consumer acknowledged a delivery: the message is done. node = queue, a = the delivery call. */
  ACK: 27,
  /**
   * A delivery was not acknowledged (nack, visibility timeout, refusal): the message is ready again. node = queue, a = the delivery call, b
   * = CallStatus of the delivery.
   */
  REQUEUE: 28,
  /**
   * A message was delivered as often as allowed without an ack: it goes to the dead-letter queue. node = queue, a = the last delivery call.
   */
  DEAD_LETTER: 29,
  /** A full queue dropped its oldest ready message for a new one. node = queue, a = the dropped message's publish call. */
  DROP_HEAD: 30,
  /**
   * An idempotent consumer had processed this message before: it acknowledges at once, without the work. node = consumer, a = the delivery
   * call.
   */
  DEDUPED: 31,
  /**
   * A topic confirmed a publish and sends a copy to each subscription (the copies' SEND rows follow). node = topic, a = the publish call, b
   * = copies.
   */
  FAN_OUT: 32,
  // Async HTTP (features/asyncHttp/asyncHttp.ts): a job is a call answered at once with a 202, then polled.
  /** The callee took a job and sent its 202 (the job's reply message). node = callee, a = the job's call. */
  ACCEPT: 33,
  /** The caller received the 202 and will poll. node = caller, a = the job's call. */
  ACCEPTED: 34,
  /** The callee answered a poll at once. node = callee, a = the poll's call, b = the job's CallStatus (PENDING: not yet). */
  POLL: 35,
  /** A poll brought the job's outcome: the job is over for its caller. node = caller, a = the job's call, b = CallStatus. */
  JOB_DONE: 36,
  // Event streams (features/stream/eventStream.ts): a partitioned log; consumer groups commit offsets.
  /**
   * The stream appended a publish to a partition's log and confirms it. node = stream, a = the publish call, b = its key (partition = key
   * mod partitions; the offset is the partition's length before).
   */
  STREAM_APPEND: 37,
  /**
   * A group's owner of a partition got its next message. node = stream, a = the delivery call, b = the message's number in the stream (in
   * append order).
   */
  STREAM_DELIVER: 38,
  /**
   * A delivery succeeded: its group committed the offset after it. node = stream, a = the delivery call, b = the group's committed offset
   * in the partition now.
   */
  STREAM_COMMIT: 39,
  /**
   * A delivery failed (error, timeout, refusal, or its commit reached a stream that was down): the same message goes again. node = stream,
   * a = the delivery call, b = CallStatus.
   */
  STREAM_RETRY: 40,
  /** A message failed as often as allowed: its group skips it. node = stream, a = the last delivery call, b = the committed offset now. */
  STREAM_SKIP: 41,
  /**
   * A rebalance took a delivery's partition from its member: its outcome no longer counts. node = stream, a = the delivery call, b =
   * partition.
   */
  STREAM_REVOKE: 42,
  /**
   * A group's rebalance began (b = −1; its partitions are revoked) or ended (b = live members, assigned round robin). node = stream, a =
   * group.
   */
  STREAM_REBALANCE: 43,
  /** Retention removed messages from a partition's head. node = stream, a = partition, b = messages removed. */
  STREAM_EXPIRE: 44,
  /**
   * A group had not read messages retention removed: its offset skips past them. node = stream, a = group × 65536 + partition, b = its
   * committed offset now.
   */
  STREAM_LOST: 45,
  /**
   * A change moved a group's offset in a partition (a replay when back, a skip when forward). node = stream, a = group × 65536 + partition,
   * b = its committed offset now.
   */
  STREAM_SEEK: 46,
  /** A caller's load balancer sent a call to one of its callee's instances. node = caller, a = the call, b = the instance's node index. */
  ROUTE: 47,
  /** A caller ejected an instance that kept failing (outlier ejection). node = caller, a = link, b = the instance's node index. */
  EJECT: 48,
  /** The ejection is over: the instance is back in the caller's rotation. node = caller, a = link, b = the instance's node index. */
  EJECT_END: 49,
  /**
   * A registry answered a call at once. node = registry, a = the call, b = what it was (RegistryCall: 1 heartbeat, 2 deregistration, 3
   * lookup).
   */
  REGISTRY_ANSWER: 50,
  /**
   * A registry entry changed state. node = registry, a = the instance's node, b = EntryState (0 registered, 1 healthy, 2 expired, 3
   * deregistered).
   */
  REGISTRY_ENTRY: 51,
  /**
   * A caller's discovery cache gained / lost an instance (an answered lookup). node = caller, a = the balanced link, b = the instance's
   * node.
   */
  CACHE_ADD: 52,
  CACHE_REMOVE: 53,
  /**
   * A caller knew no instance to send a call to: it fails at once (a REJECTED reply, reason NO_INSTANCE). node = caller, a = the call, b =
   * link.
   */
  NO_INSTANCE: 54,
  /** An instance answered a health probe (features/healthCheck/healthCheck.ts). node = instance, a = the probe call, b = 0. */
  PROBE_ANSWER: 55,
  /** A caller's health checks marked an instance unhealthy (no calls) / healthy again. node = caller, a = link, b = the instance's node. */
  MARKED_UNHEALTHY: 56,
  MARKED_HEALTHY: 57,
  /** A gateway logged a request. node = gateway, a = the call, b = the route it takes (≥ 0), or −RejectReason if refused at the door. */
  GATEWAY: 58,
  /**
   * A call found its HTTP/1.1 pool's connections busy and waits (features/pool/connectionPool.ts). node = caller, a = the call, b = calls
   * waiting now.
   */
  CONN_WAIT: 59,
  /** A waiting call got a connection and is sent. node = caller, a = the call, b = link. */
  CONN_ACQUIRE: 60,
  /**
   * The callee sent a message of a streamed answer (features/answerStream/answerStream.ts). node = callee, a = the call, b = the message's
   * number (1 = the reply itself).
   */
  PUSH: 61,
  /** A streamed answer's message reached the caller, more to come. node = caller, a = the call, b = messages received so far. */
  PUSH_RECEIVED: 62,
  /** The callee crashed with the stream open: it is reset (an error reply goes back). node = callee, a = the call. */
  PUSH_RESET: 63,
  /**
   * A gRPC server stream's hold on its callee's worker (features/answerStream/answerStream.ts): b = 1 taken with its
   * first message (the worker stays with the stream), b = 0 given back after its last message or
   * at its reset. node = callee, a = the call.
   */
  PUSH_WORKER: 64,
} as const;
export type TraceTypeCode = (typeof TraceType)[keyof typeof TraceType];

/**
 * 1 for the row types whose `a` is a call's id (every other field, and `a` of the other types,
 * names no call). A run that reuses call rows writes a row's table slot there and its log turns
 * it into the call's id before anyone reads the row (TraceLog `translateCalls`), so the trace is
 * the same as a run that never reuses rows.
 */
export const CALL_IN_A: Uint8Array = (() => {
  const t = TraceType;
  const marked = new Uint8Array(256);
  for (const code of [
    t.SEND,
    t.ARRIVE,
    t.QUEUE,
    t.START,
    t.WORK_DONE,
    t.REPLY,
    t.RECEIVE,
    t.TIMEOUT,
    t.DROP,
    t.REJECT,
    t.LATE_REPLY,
    t.ABANDON,
    t.RETRY,
    t.NOT_PERMITTED,
    t.BULKHEAD_WAIT,
    t.FALLBACK,
    t.OP_END,
    t.OP_START,
    t.STORE,
    t.DELIVER,
    t.ACK,
    t.REQUEUE,
    t.DEAD_LETTER,
    t.DROP_HEAD,
    t.DEDUPED,
    t.FAN_OUT,
    t.ACCEPT,
    t.ACCEPTED,
    t.POLL,
    t.JOB_DONE,
    t.STREAM_APPEND,
    t.STREAM_DELIVER,
    t.STREAM_COMMIT,
    t.STREAM_RETRY,
    t.STREAM_SKIP,
    t.STREAM_REVOKE,
    t.ROUTE,
    t.REGISTRY_ANSWER,
    t.NO_INSTANCE,
    t.PROBE_ANSWER,
    t.GATEWAY,
    t.CONN_WAIT,
    t.CONN_ACQUIRE,
    t.PUSH,
    t.PUSH_RECEIVED,
    t.PUSH_RESET,
    t.PUSH_WORKER,
  ])
    marked[code] = 1;
  return marked;
})();

export const TRACE_TYPE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(TraceType).map(([name, code]) => [code, name.toLowerCase()]),
);

/** How a call ended, as seen by its caller (and the status carried by a reply). */
export const CallStatus = {
  PENDING: 0,
  OK: 1,
  ERROR: 2,
  TIMEOUT: 3,
  REJECTED: 4,
  /** Lost with no timeout to notice: the caller waits forever. */
  DROPPED: 5,
  /** The caller crashed while waiting. */
  ABANDONED: 6,
  /** The caller's own circuit breaker or bulkhead refused it: never sent. */
  NOT_PERMITTED: 7,
} as const;
export type CallStatusCode = (typeof CallStatus)[keyof typeof CallStatus];
export const CALL_STATUS_NAMES = ['pending', 'ok', 'error', 'timeout', 'rejected', 'dropped', 'abandoned', 'not permitted'] as const;

/** Why the caller's own guard refused an attempt. */
export const NotPermittedReason = { BREAKER_OPEN: 1, BULKHEAD_FULL: 2, BULKHEAD_WAITED_TOO_LONG: 3 } as const;
export const NOT_PERMITTED_REASON_NAMES: Readonly<Record<number, string>> = {
  1: 'breaker open',
  2: 'bulkhead full',
  3: 'waited too long for the bulkhead',
};

/** A component's modes as STATE rows record them (kernel/serviceMachine.ts). Append, never renumber. STOPPED: an instance scaled away. */
export const ServiceMode = { STARTING: 0, HEALTHY: 1, DEGRADED: 2, CRASHED: 3, RESTARTING: 4, STOPPED: 5 } as const;
export const SERVICE_MODE_NAMES = ['starting', 'healthy', 'degraded', 'crashed', 'restarting', 'stopped'] as const;
export type ServiceModeName = (typeof SERVICE_MODE_NAMES)[number];

/** Registry entry states as REGISTRY_ENTRY rows record them (features/registry/registryMachine.ts). Append, never renumber. */
export const EntryState = { REGISTERED: 0, HEALTHY: 1, EXPIRED: 2, DEREGISTERED: 3 } as const;
export const ENTRY_STATE_NAMES = ['registered', 'healthy', 'expired', 'deregistered'] as const;
export type EntryStateName = (typeof ENTRY_STATE_NAMES)[number];

/** What a call a registry answered at once was, as REGISTRY_ANSWER rows record it (features/registry/registry.ts). */
export const RegistryCall = { HEARTBEAT: 1, DEREGISTER: 2, LOOKUP: 3 } as const;

/** A circuit breaker's states as BREAKER rows record them (policies/breakerMachine.ts). Append, never renumber. */
export const BreakerState = { CLOSED: 0, OPEN: 1, HALF_OPEN: 2, FORCED_OPEN: 3, DISABLED: 4 } as const;
export const BREAKER_STATE_NAMES = ['closed', 'open', 'halfOpen', 'forcedOpen', 'disabled'] as const;
export type BreakerStateName = (typeof BREAKER_STATE_NAMES)[number];

export const FallbackKind = { STATIC: 1, CACHE: 2, SERVICE: 3 } as const;
export const FALLBACK_KIND_NAMES: Readonly<Record<number, string>> = { 1: 'static', 2: 'cache', 3: 'service' };

export const DropReason = { LOSS: 1, PARTITION: 2, CRASH: 3 } as const;
export const DROP_REASON_NAMES: Readonly<Record<number, string>> = { 1: 'loss', 2: 'partition', 3: 'crash' };

/**
 * Why a service refused a request: its line was full, it was down, its rate limiter had no token,
 * it shed load (too many waiting), the request had waited longer than the service allows, or its
 * caller had already given up on it (a propagated deadline).
 */
export const RejectReason = {
  QUEUE_FULL: 1,
  UNAVAILABLE: 2,
  RATE_LIMITED: 3,
  SHED: 4,
  WAITED_TOO_LONG: 5,
  DEADLINE_PASSED: 6,
  NO_INSTANCE: 7,
  UNAUTHENTICATED: 8,
  TOKEN_EXPIRED: 9,
  TOKEN_INVALID: 10,
  NO_ROUTE: 11,
} as const;
export const REJECT_REASON_NAMES: Readonly<Record<number, string>> = {
  1: 'queue full',
  2: 'unavailable',
  3: 'rate limited',
  4: 'load shed',
  5: 'waited too long',
  6: 'caller gave up',
  7: 'no instance known',
  8: '401 no token',
  9: '401 token expired',
  10: '401 invalid token',
  11: '404 no route',
};
