/**
 * The state of a run in progress: the clock, the event queue, the trace, the call table, and
 * one plain runtime record per component. Components are modules of functions over this
 * state (not classes with virtual methods), which keeps the per-message path monomorphic.
 */
import type { Workload, Protocol } from '../../model/index.ts';
import { EventQueue } from '../core/eventQueue.ts';
import type { RandomStream } from '../core/random.ts';
import type { Sampler } from '../core/sampler.ts';
import { CallTable } from '../trace/callTable.ts';
import { LatencyRecorder } from '../trace/latency.ts';
import { TraceLog } from '../trace/traceLog.ts';
import { TimerLanes } from '../core/timerLanes.ts';
import { CallStatus } from '../trace/eventTypes.ts';
import type { MachineHost } from '../core/machineHost.ts';
import type { CircuitBreaker } from '../policies/circuitBreaker.ts';
import type { Bulkhead } from '../policies/bulkhead.ts';
import type { CallPolicyRuntime } from '../policies/callPolicy.ts';
import { OpTable } from '../policies/opTable.ts';
import type { StreamRuntime } from './streamRecords.ts';
import type { QueueRuntime, TopicRuntime } from './brokerRuntime.ts';
export type { QueueRuntime, TopicRuntime } from './brokerRuntime.ts';
export { MessageTable, SeenIds } from './messageTable.ts';
import { MessageTable } from './messageTable.ts';
import type { Balancer, ConnectionPool, GatewayRuntime, PlanStep, Registration, RegistryRuntime } from './records.ts';

/** Engine event kinds (the low 8 bits of a queue entry's word; the rest is a target index). */
export const Ev = {
  CLIENT_NEXT: 1,
  REQUEST_ARRIVE: 2,
  REPLY_ARRIVE: 3,
  WORK_DONE: 4,
  TIMEOUT: 5,
  FAULT_START: 6,
  FAULT_END: 7,
  MACHINE_TIMER: 8,
  CHANGE: 9,
  /** A resilient call's wait before a retry is over (arg = operation). */
  RETRY: 10,
  /** A resilient call's deadline (arg = operation). */
  OP_DEADLINE: 11,
  /** An attempt waited for its bulkhead as long as it may (arg = call). */
  BULKHEAD_TIMEOUT: 12,
  /** A circuit breaker's timer (target = link, arg = the machine's timer token). */
  BREAKER_TIMER: 13,
  /** Time to poll an accepted job's status (arg = the job's call; see features/asyncHttp/asyncHttp.ts). */
  POLL: 14,
  /** An event stream's timer (target = stream; arg 0: retention, g + 1: the end of group g's rebalance). */
  STREAM_TIMER: 15,
  /**
   * A caller's ejection of an instance may be over (target = link, arg = the caller's balancer index × instances + the instance's position;
   * see features/balancer/balancer.ts).
   */
  EJECTION_END: 16,
  /** An instance's heartbeat to its registry is due (target = instance, arg = its loop's generation; features/registry/registry.ts). */
  HEARTBEAT: 17,
  /** A registry entry's lease may have run out (target = registry, arg = the instance's node). */
  REGISTRY_TIMER: 18,
  /** A discovering caller instance looks its service up again (target = the balanced link, arg = its balancer's index). */
  DISCOVERY_REFRESH: 19,
  /**
   * A balanced link's health probe of one instance by one caller instance is due (target = link, arg = the balancer's index × instances +
   * the instance's position; features/healthCheck/healthCheck.ts).
   */
  PROBE: 20,
  /** The next message of a streamed answer is due (target = link, arg = the call; features/answerStream/answerStream.ts). */
  PUSH: 21,
} as const;

/** Same-time ordering: mode changes (faults, machine timers) before messages. */
export const Priority = { CONTROL: 0, MESSAGE: 1 } as const;

export type { PlanStep } from './records.ts';

export interface ServiceRuntime {
  readonly node: number;
  readonly id: string;
  /** The scenario node it is an instance of (its own index for the first), and which instance (1, 2, …). */
  readonly primary: number;
  readonly instance: number;
  /** An API gateway's door (features/gateway/gateway.ts); undefined for a plain service. */
  readonly gateway: GatewayRuntime | undefined;
  /** Pool size (a change during the run may alter it). */
  workers: number;
  /** Waiting-line capacity (Infinity: unbounded). */
  capacity: number;
  serviceTime: Sampler;
  baseErrorRate: number;
  /** Time from a (re)start until it accepts requests (a change may set it for the next restart). */
  startupTime: number;
  /** The call plan in force (a change may replace it: each request reads it at every step). */
  plan: readonly PlanStep[];
  /** Inbound rate limiter (a token bucket): tokens per ms (0: no limiter), bucket size, tokens at `tokensAt`. */
  limitRate: number;
  limitBurst: number;
  tokens: number;
  tokensAt: number;
  /** Load shedding: refuse arrivals when this many wait; refuse a request that waited longer than `maxQueueTime` (Infinity: no bound). */
  shedLine: number;
  maxQueueTime: number;
  readonly rngWork: RandomStream;
  readonly rngErrors: RandomStream;
  /** Effective values under the faults active now. */
  slowFactor: number;
  errorRate: number;
  accepting: boolean;
  mode: number;
  machine: MachineHost;
  busy: number;
  /** FIFO waiting line as a ring buffer of call ids (its length a power of two). */
  line: Int32Array;
  lineHead: number;
  lineLength: number;
  /** Head of the intrusive list of calls holding a worker. */
  activeHead: number;
  // Metrics.
  arrivals: number;
  started: number;
  ok: number;
  errors: number;
  rejected: number;
  dropped: number;
  maxLine: number;
  waitSum: number;
  /** Time integrals (for utilisation and Little's law), up to `lastChange`. */
  busyArea: number;
  inSystemArea: number;
  lineArea: number;
  lastChange: number;
  /** Integral of the pool size up to `poolSince` (the pool changes only by scheduled changes). */
  poolArea: number;
  poolSince: number;
  readonly latency: LatencyRecorder;
}

export interface ClientRuntime {
  readonly node: number;
  readonly id: string;
  /** Its requests' path (for a gateway), and the shares of bad bearer tokens it sends, drawn from its own stream. */
  readonly path: string;
  readonly tokens: { readonly expired: number; readonly forged: number; readonly missing: number } | undefined;
  readonly tokenRng: RandomStream | undefined;
  /** The workload in force (a change may replace it: the new one starts at the change). */
  workload: Workload;
  /** The service it sends to and the link it sends over (a change may point it elsewhere). */
  target: number;
  link: number;
  /** Lane of the client's request timeout (-1: none). */
  timeoutLane: number;
  /** The policy of its requests (an index into `Runtime.policies`), or −1: plain calls. */
  policy: number;
  /** The window [start, stop) of the workload in force. */
  start: number;
  stop: number;
  readonly rng: RandomStream;
  think: Sampler | undefined;
  /** Open-loop rate, req/s (constant, poisson); a change during the run may alter it. */
  rate: number;
  /** Time the periodic schedule counts `ticks` from: the start, or the last rate change. */
  origin: number;
  /** Arrivals emitted so far by a periodic pattern (constant, bursts): exact times, no drift. */
  ticks: number;
  /**
   * Tag of the pending send events (see `clientEventArg`). A poisson rate change draws a new next
   * arrival, and a workload change starts a new schedule: both move the tag on, so events of the
   * old schedule are ignored when they fire.
   */
  arrival: number;
  /** When the workload in force began: closed-loop requests sent before it do not send again. */
  since: number;
  sent: number;
  completed: number;
  failed: number;
  timedOut: number;
  rejected: number;
  dropped: number;
  readonly latency: LatencyRecorder;
}

export interface LinkRuntime {
  readonly index: number;
  readonly id: string;
  readonly from: number;
  readonly to: number;
  /** The protocol and its fixed cost per message, ms (a change may switch it). */
  protocol: Protocol;
  latencySampler: Sampler;
  overhead: number;
  baseLoss: number;
  readonly rngLatency: RandomStream;
  readonly rngLoss: RandomStream;
  extraLatency: number;
  loss: number;
  /** Messages in the link's direction (requests) / the other way (replies) are cut off. */
  blockedForward: boolean;
  blockedBackward: boolean;
  /** Async HTTP: the callee accepts jobs and the caller polls (features/asyncHttp/asyncHttp.ts); undefined: plain calls. */
  readonly polling: { readonly interval: number; readonly multiplier: number; readonly cap: number } | undefined;
  /** Polls its callers sent. */
  polls: number;
  /** To a broker: publishes carry only "it happened", and consumers fetch the data from the publisher. */
  readonly eventOnly: boolean;
  /**
   * To a service with several instances: how the caller picks one per call (features/balancer/balancer.ts).
   * `balancers` has one per caller instance (by its instance number − 1; one for a client or a
   * gateway), each with its own state; `balancer` is the first, for what they all share (the
   * callee's instances, the algorithm, whether it discovers or checks health).
   */
  readonly balancer: Balancer | undefined;
  readonly balancers: readonly Balancer[] | undefined;
  /** HTTP/1.1's connection pool (features/pool/connectionPool.ts); undefined: no limit. */
  readonly pool: ConnectionPool | undefined;
  /** Beyond the overhead, what a request's and a response's payload cost in encoding and on the wire, ms (0 without a payload). */
  requestDelay: number;
  responseDelay: number;
  /**
   * One request, many answers (features/answerStream/answerStream.ts): messages per answer (Infinity: pushes while the connection lives)
   * and their interval.
   */
  readonly stream: { readonly messages: number; readonly interval: number } | undefined;
  /** The caller's guards around this dependency (see engine/policies). */
  breaker: CircuitBreaker | undefined;
  bulkhead: Bulkhead | undefined;
  /** When a call over it last succeeded (for a cache fallback). */
  lastGoodAt: number;
  retries: number;
  /** Attempts its caller's breaker or bulkhead refused. */
  notPermitted: number;
  // Metrics.
  messages: number;
  lost: number;
  calls: number;
  ok: number;
  errors: number;
  timeouts: number;
  rejected: number;
  lateReplies: number;
  wastedWork: number;
  readonly latency: LatencyRecorder;
}

/**
 * Each feature's own state kept by call, one entry per feature that has any. The kernel names no
 * feature's data: each feature declares its entry by module augmentation next to its code
 * (`declare module '../../kernel/runtime.ts' { interface FeatureState { … } }`), and dispatch.ts
 * `installFeatures` creates them all (the type makes it list every entry).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by each feature's module augmentation
export interface FeatureState {}

/** Everything a running simulation holds. */
export class Runtime {
  /**
   * The simulated time now (ms), in one cell the trace log reads too, so that recording a row
   * passes no time (see `TraceLog.recordNow`).
   */
  readonly clock = new Float64Array(1);
  readonly queue = new EventQueue(4096, Priority.MESSAGE);
  /**
   * A full run's hash is always wanted (the report carries it), so chunks are hashed as they fill;
   * a summary-only run's log keeps no rows (see `TraceLog`).
   */
  readonly trace: TraceLog;
  readonly calls: CallTable;
  /** Indexed by node index; undefined where the node is of the other kind. */
  readonly services: (ServiceRuntime | undefined)[] = [];
  readonly clients: (ClientRuntime | undefined)[] = [];
  /** Indexed by node index too; both empty when the scenario has no queue nor topic (the hot path checks the queues' length first). */
  readonly queues: (QueueRuntime | undefined)[] = [];
  readonly topics: (TopicRuntime | undefined)[] = [];
  /** Event streams (features/stream/eventStream.ts), by node index; empty without any. */
  readonly streams: (StreamRuntime | undefined)[] = [];
  readonly messages = new MessageTable();
  /**
   * Whether some call may end somewhere other than at its client or its service's plan (a poll, a
   * probe, a registry call, a broker's delivery, a balanced or pooled link's call): false keeps
   * the hot path direct, one field test per call's end (see dispatch.ts).
   */
  routed = false;
  /** Which features the scenario uses where the hot path must ask (set once by dispatch.ts `installFeatures`). */
  polling = false;
  eventOnly = false;
  balanced = false;
  pooled = false;
  answerStreams = false;
  /**
   * The role (kernel/callRoles.ts) a call to node n takes (`roleTo[n]`, 0: none) or else a call from
   * it (`roleFrom[n]`); filled by dispatch.ts `installFeatures`, read as each call starts (`baseRole`).
   */
  roleTo = new Uint8Array(0);
  roleFrom = new Uint8Array(0);
  /** Per scenario service with several instances: their node indices (the first is its own); undefined for one. */
  readonly instancesOf: (Int32Array | undefined)[] = [];
  /** Service registries (features/registry/registry.ts), by node index; empty without any. */
  readonly registries: (RegistryRuntime | undefined)[] = [];
  /** Per instance node that registers: its registration. */
  readonly registrations: (Registration | undefined)[] = [];
  /** Calls to registries in flight (what each is), and a lookup's balanced link and the registry's answer. */
  readonly registryCalls = new Map<number, number>();
  readonly lookupFor = new Map<number, number>();
  readonly lookupAnswers = new Map<number, Uint8Array>();
  /** Health probes in flight: the instance position each probes. */
  readonly probeCalls = new Map<number, number>();
  /** A client request's bearer token (by its root call), when its client draws some; a request's route at its gateway. */
  readonly requestTokens = new Map<number, number>();
  readonly gatewayRoute = new Map<number, number>();
  /** A service's call to a gateway with a path of its own (by the call's first attempt). */
  readonly callPath = new Map<number, string>();
  /** The link from node a to node b, by a × nodes + b (for a consumer's call back to an event's publisher). */
  readonly linkByEnds = new Map<number, number>();
  /** Per link: the timeout lane of a consumer's fetch over it (its timeout when the run began). */
  fetchLanes = new Int32Array(0);
  /**
   * Each feature's own per-call data, by feature (see `FeatureState`): set once by dispatch.ts
   * `installFeatures`, before the first event.
   */
  features = {} as FeatureState;
  readonly links: LinkRuntime[] = [];
  /** The compiled policies of the call sites that have any (see policies/callPolicy.ts). */
  readonly policies: CallPolicyRuntime[] = [];
  readonly ops = new OpTable();
  readonly nodeIds: string[] = [];
  /** Call timeouts, one FIFO lane per distinct timeout value; a timeout is stale once its call ended. */
  readonly timeouts = new TimerLanes(
    this.clock,
    this.queue,
    Ev.TIMEOUT,
    Priority.MESSAGE,
    (c) => this.calls.status[c] !== CallStatus.PENDING,
  );

  /**
   * @param reservedCalls rows to allocate in the call table up front (see capacity.ts)
   * @param expectedCalls rows the whole run is expected to need (0: unknown)
   * @param keepsTrace false for a summary-only run, whose trace keeps no rows
   */
  constructor(reservedCalls = 1 << 12, expectedCalls = 0, keepsTrace = true) {
    this.calls = new CallTable(reservedCalls, expectedCalls);
    this.trace = new TraceLog(this.clock, keepsTrace, keepsTrace);
  }

  /** Simulated time now (ms). */
  get now(): number {
    return this.clock[0];
  }

  set now(time: number) {
    this.clock[0] = time;
  }

  schedule(time: number, priority: number, kind: number, target: number, arg: number): void {
    this.queue.push(time, priority, kind | (target << 8), arg);
  }

  service(node: number): ServiceRuntime {
    return this.services[node] as ServiceRuntime;
  }
}
