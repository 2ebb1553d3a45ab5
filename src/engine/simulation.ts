/**
 * A simulation in progress: built from a validated scenario, advanced with `runUntil`, read
 * at any point. Running to t1 and then to t2 gives exactly the same trace as running to t2 at
 * once: the engine never looks at where a chunk ends.
 */
import { PROTOCOL_PROFILES, linkId, payloadDelay, type Scenario } from '../model/index.ts';
import { RandomSource } from './core/random.ts';
import { expectedCalls, reservedCalls } from './capacity.ts';
import { compileSampler } from './core/sampler.ts';
import { onClientNext, startClient } from './features/client/client.ts';
import { onReplyArrive, onTimeout } from './kernel/calls.ts';
import { MachineHost } from './core/machineHost.ts';
import { SERVICE_MODE_NAMES, ServiceMode, serviceMachine } from './kernel/serviceMachine.ts';
import { onRequestArrive, onWorkDone, setRateLimit, setShedding } from './features/service/service.ts';
import { buildQueue, dispatchAll } from './features/queue/queueBroker.ts';
import { buildTopic } from './features/topic/topicBroker.ts';
import { onPollDue } from './features/asyncHttp/asyncHttp.ts';
import { assignInitially, onStreamTimer, streamMembersChanged } from './features/stream/eventStream.ts';
import { buildStream, type StreamRuntime } from './features/stream/streamState.ts';
import { ALGORITHM_NAMES, buildBalancer, mostReplicas, onEjectionEnd } from './features/balancer/balancer.ts';
import { onProbeDue, startHealthChecks } from './features/healthCheck/healthCheck.ts';
import { asGateway, buildGateway, type GatewayRuntime } from './features/gateway/gateway.ts';
import { buildPool } from './features/pool/connectionPool.ts';
import { onPushDue } from './features/answerStream/answerStream.ts';
import {
  bootstrapRegistries,
  buildRegistry,
  instanceUp,
  onDiscoveryRefresh,
  onHeartbeatDue,
  onRegistryTimer,
  registryBack,
  wireRegistries,
  type RegistryRuntime,
} from './features/registry/registry.ts';
import { installFeatures, requestArrived } from './dispatch.ts';
import { Role } from './kernel/callRoles.ts';
import { FaultSchedule } from './faults/faults.ts';
import { ChangeSchedule } from './changes/changes.ts';
import { CallWiring } from './wiring.ts';
import { markLiveCalls, mayReuseCallRows } from './kernel/callReuse.ts';
import { Bulkhead } from './policies/bulkhead.ts';
import { CircuitBreaker } from './policies/circuitBreaker.ts';
import { onBulkheadTimeout, onDeadline, onRetry } from './features/resilience/operations.ts';
import {
  Ev,
  Priority,
  Runtime,
  type ClientRuntime,
  type LinkRuntime,
  type QueueRuntime,
  type ServiceRuntime,
  type TopicRuntime,
} from './kernel/runtime.ts';
import { TraceType } from './trace/eventTypes.ts';
import { packBreakerChange } from './trace/rows.ts';
import { LatencyRecorder } from './trace/latency.ts';
import { SeriesRecorder } from './trace/series.ts';
import { SUMMARY_CALL_ROWS, TRACED_REUSE_CALL_ROWS, sampleIntervalFor, type SimulationOptions } from './simulationOptions.ts';

export type { SimulationOptions };

export class Simulation {
  readonly rt: Runtime;
  readonly seed: number;
  readonly series: SeriesRecorder;
  readonly faults: FaultSchedule;
  readonly changes: ChangeSchedule;
  private readonly nodeIndex = new Map<string, number>();
  private readonly linkIndex = new Map<string, number>();
  private eventsProcessed = 0;
  private released = false;

  constructor(
    readonly scenario: Scenario,
    options: SimulationOptions = {},
  ) {
    const summary = options.record === 'summary';
    if (options.record !== undefined && !summary && options.record !== 'full')
      throw new RangeError(`record must be 'full' or 'summary' (got ${String(options.record)})`);
    const small = summary || options.reuseCallRows === true;
    const firstRows = options.summaryCallRows ?? (summary ? SUMMARY_CALL_ROWS : TRACED_REUSE_CALL_ROWS);
    this.rt = new Runtime(small ? Math.max(16, firstRows) : reservedCalls(scenario), expectedCalls(scenario), !summary);
    this.seed = (options.seed ?? scenario.seed) >>> 0;
    const random = new RandomSource(this.seed);
    const rt = this.rt;
    scenario.nodes.forEach((node, i) => {
      this.nodeIndex.set(node.id, i);
      rt.nodeIds.push(node.id);
    });
    // A service's instances after the first come after the scenario's nodes, as "id#2", "id#3", …
    const extraInstances: { primary: number; instance: number }[] = [];
    // As many as it will ever have: scaling up during the run starts instances built stopped.
    const most = mostReplicas(scenario);
    scenario.nodes.forEach((node, i) => {
      const n = most.get(node.id) ?? 1;
      if (node.kind !== 'service' || n <= 1) return;
      const nodes = [i];
      for (let k = 2; k <= n; k++) {
        nodes.push(rt.nodeIds.length);
        extraInstances.push({ primary: i, instance: k });
        rt.nodeIds.push(`${node.id}#${k}`);
      }
      rt.instancesOf[i] = Int32Array.from(nodes);
    });
    scenario.links.forEach((link, i) => {
      const id = linkId(link);
      this.linkIndex.set(id, i);
      rt.links.push(this.buildLink(i, id, link, random));
    });
    const wiring = new CallWiring(rt, scenario, this.nodeIndex, random);
    scenario.nodes.forEach((node, i) => {
      if (node.kind === 'service') rt.services[i] = this.buildService(i, node, random, wiring, i, 1);
      else if (node.kind === 'queue') rt.queues[i] = buildQueue(rt, i, node, scenario);
      else if (node.kind === 'topic') rt.topics[i] = buildTopic(rt, i, node, scenario, wiring);
      else if (node.kind === 'stream') rt.streams[i] = buildStream(rt, i, node, scenario, random);
      else if (node.kind === 'registry') rt.registries[i] = buildRegistry(rt, i, node.id, node.ttl, node.heartbeatInterval);
      else if (node.kind === 'gateway' || node.kind === 'loadBalancer') {
        // A gateway is a service at heart (workers, line, work, faults) with a door of its own; a
        // load balancer, a gateway with one route to its service, no checks, and little work.
        const gateway = node.kind === 'gateway' ? node : asGateway(node);
        const asService = {
          ...gateway,
          kind: 'service' as const,
          errorRate: 0,
          startupTime: 0,
          calls: [],
          replicas: 1,
          rateLimit: undefined,
          shedding: undefined,
        };
        const svc = this.buildService(i, asService, random, wiring, i, 1, buildGateway(gateway, node.kind));
        (svc.gateway as GatewayRuntime).plans = wiring.routePlans(i);
        rt.services[i] = svc;
      } else rt.clients[i] = this.buildClient(i, node, random, wiring);
    });
    extraInstances.forEach(({ primary, instance }, k) => {
      const node = scenario.nodes[primary] as Extract<Scenario['nodes'][number], { kind: 'service' }>;
      const svc = this.buildService(scenario.nodes.length + k, node, random, wiring, primary, instance);
      rt.services[scenario.nodes.length + k] = svc;
      // Not deployed yet: a change will scale it in.
      if (instance > node.replicas) {
        svc.machine.send({ type: 'STOP' });
        svc.mode = ServiceMode.STOPPED;
        svc.accepting = false;
      }
    });
    const registries = scenario.nodes.some((n) => n.kind === 'registry');
    if (registries) wireRegistries(rt, scenario, this.nodeIndex, wiring);
    // The hot path tests the queues' length first: empty without brokers, one slot per node with any.
    rt.queues.length = scenario.nodes.some((n) => n.kind === 'queue' || n.kind === 'topic' || n.kind === 'stream')
      ? scenario.nodes.length
      : 0;
    const eventOnly = scenario.links.some((l) => l.content === 'event');
    const streams = scenario.nodes.some((n) => n.kind === 'stream');
    installFeatures(rt, scenario);
    if (streams) for (const s of rt.streams) if (s) assignInitially(rt, s);
    if (eventOnly) {
      scenario.links.forEach((l, i) => rt.linkByEnds.set(rt.links[i].from * rt.nodeIds.length + rt.links[i].to, i));
      rt.fetchLanes = Int32Array.from(scenario.links, (_, i) => wiring.linkLane(i));
    }
    this.faults = new FaultSchedule(rt, scenario.faults, this.nodeIndex, this.linkIndex, (svc) => this.syncMode(svc));
    this.series = new SeriesRecorder(rt, sampleIntervalFor(scenario.duration, options.sampleInterval));
    this.changes = new ChangeSchedule(
      rt,
      scenario.changes,
      this.nodeIndex,
      this.linkIndex,
      this.faults,
      wiring,
      scenario.duration,
      (l, config) => this.buildBreaker(l, config),
      (svc) => this.syncMode(svc),
      scenario.links,
    );
    this.faults.scheduleAll();
    this.changes.scheduleAll();
    if (small && mayReuseCallRows(rt)) {
      // A traced run's rows name calls by id (the table's slots are reused): the trace stays a full run's.
      const traced = summary ? undefined : { beforeCollect: () => rt.trace.settle() };
      if (traced) rt.trace.translateCalls(() => rt.calls.id);
      rt.calls.reuseRows((live) => markLiveCalls(rt, live), traced);
      rt.ops.reuseRows();
    }
    if (registries) bootstrapRegistries(rt);
    if (rt.links.some((l) => l.balancer?.health !== undefined)) startHealthChecks(rt);
    for (const client of rt.clients) if (client) startClient(rt, client);
  }

  /** Simulated time now (ms). */
  get now(): number {
    return this.rt.now;
  }

  /** Events processed so far. */
  get events(): number {
    return this.eventsProcessed;
  }

  /** Time of the next pending event (Infinity when nothing is left to happen). */
  get nextEventTime(): number {
    return this.rt.queue.peekTime();
  }

  nodeIndexOf(id: string): number | undefined {
    return this.nodeIndex.get(id);
  }

  linkIndexOf(id: string): number | undefined {
    return this.linkIndex.get(id);
  }

  /**
   * Hands this run's trace and call table to the runs that come after it (trace/spareMemory.ts):
   * for a run that nothing will read again, like the one a re-simulation replaces. Its trace and
   * call table are empty afterwards, and it cannot run further.
   */
  release(): void {
    this.released = true;
    this.rt.trace.release();
    this.rt.calls.release();
  }

  /**
   * Processes every event at or before `until` (ms) and leaves the clock at `until`.
   * Optionally stops early after `maxEvents` events (the clock then stays at the last event),
   * so a caller can slice a long run into bounded pieces of work.
   */
  runUntil(until: number, maxEvents = Infinity): void {
    if (this.released) throw new Error('runUntil: this run was released (Simulation.release): its memory went to later runs');
    if (Number.isNaN(until)) throw new RangeError('runUntil: until must be a time in ms, not NaN');
    if (!(maxEvents >= 0)) throw new RangeError(`runUntil: maxEvents must be 0 or more (got ${maxEvents})`);
    const rt = this.rt;
    const queue = rt.queue;
    const series = this.series;
    // Count events up to the budget rather than the budget down: a loop variable that may hold
    // Infinity would be a heap number, boxed afresh on every iteration.
    const budget = maxEvents;
    let done = 0;
    // An empty queue peeks Infinity: with `until = Infinity` compare against the largest finite
    // time instead, so the loop still ends when nothing is left.
    const last = until === Infinity ? Number.MAX_VALUE : until;
    let nextSample = series.nextSampleTime;
    while (queue.peekTime() <= last) {
      if (done >= budget) break;
      done++;
      const time = queue.pop();
      if (time >= nextSample) {
        series.sampleUpTo(time);
        nextSample = series.nextSampleTime;
      }
      rt.now = time;
      const word = queue.word;
      const arg = queue.arg;
      switch (word & 255) {
        case Ev.REQUEST_ARRIVE:
          // A call's role says which feature takes it (dispatch.ts); a plain scenario's are all services' requests.
          if (!rt.routed) onRequestArrive(rt, arg);
          else {
            const role = rt.calls.role[arg];
            if (role === Role.REQUEST) onRequestArrive(rt, arg);
            else requestArrived(rt, arg, role);
          }
          break;
        case Ev.WORK_DONE:
          onWorkDone(rt, arg);
          break;
        case Ev.REPLY_ARRIVE:
          onReplyArrive(rt, arg);
          break;
        case Ev.CLIENT_NEXT:
          onClientNext(rt, rt.clients[word >>> 8] as ClientRuntime, arg);
          break;
        case Ev.TIMEOUT:
          onTimeout(rt, rt.timeouts.fire(word >>> 8));
          break;
        case Ev.FAULT_START:
          this.faults.onStart(arg);
          break;
        case Ev.FAULT_END:
          this.faults.onEnd(arg);
          break;
        case Ev.MACHINE_TIMER:
          this.onMachineTimer(word >>> 8, arg);
          break;
        case Ev.CHANGE:
          this.changes.onChange(arg);
          break;
        case Ev.RETRY:
          onRetry(rt, arg);
          break;
        case Ev.OP_DEADLINE:
          onDeadline(rt, arg);
          break;
        case Ev.BULKHEAD_TIMEOUT:
          onBulkheadTimeout(rt, arg);
          break;
        case Ev.BREAKER_TIMER:
          rt.links[word >>> 8].breaker?.fire(rt.now, arg);
          break;
        case Ev.POLL:
          onPollDue(rt, arg);
          break;
        case Ev.STREAM_TIMER:
          onStreamTimer(rt, rt.streams[word >>> 8] as StreamRuntime, arg);
          break;
        case Ev.EJECTION_END:
          onEjectionEnd(rt, rt.links[word >>> 8], arg);
          break;
        case Ev.HEARTBEAT:
          onHeartbeatDue(rt, word >>> 8, arg);
          break;
        case Ev.REGISTRY_TIMER:
          onRegistryTimer(rt, rt.registries[word >>> 8] as RegistryRuntime, arg);
          break;
        case Ev.DISCOVERY_REFRESH:
          onDiscoveryRefresh(rt, rt.links[word >>> 8], arg);
          break;
        case Ev.PROBE:
          onProbeDue(rt, rt.links[word >>> 8], arg);
          break;
        case Ev.PUSH:
          onPushDue(rt, rt.links[word >>> 8], arg);
          break;
        default:
          throw new Error(`unknown engine event ${word & 255}`);
      }
    }
    this.eventsProcessed += done;
    if (done >= budget && queue.peekTime() <= last) return; // stopped early: the clock stays at the last event
    if (until > rt.now && until !== Infinity) {
      series.sampleUpTo(until);
      rt.now = until;
    }
  }

  private onMachineTimer(node: number, token: number): void {
    const component = (this.rt.services[node] ??
      this.rt.queues[node] ??
      this.rt.topics[node] ??
      this.rt.streams[node] ??
      this.rt.registries[node]) as ServiceRuntime | QueueRuntime | TopicRuntime | StreamRuntime | RegistryRuntime;
    component.machine.fire(token);
    this.syncMode(component);
  }

  /**
   * Mirrors the machine's state onto the plain fields the hot path reads, and records changes. A
   * queue or a consumer coming back (or going) changes where queues may deliver.
   */
  syncMode(component: ServiceRuntime | QueueRuntime | TopicRuntime | StreamRuntime | RegistryRuntime): void {
    const mode = SERVICE_MODE_NAMES.indexOf(component.machine.state as (typeof SERVICE_MODE_NAMES)[number]);
    if (mode === component.mode) return;
    this.rt.trace.recordNow(TraceType.STATE, component.node, component.mode, mode);
    component.mode = mode;
    const wasAccepting = component.accepting;
    component.accepting = mode === ServiceMode.HEALTHY || mode === ServiceMode.DEGRADED;
    // With registries: an instance that comes up registers; a registry that is back expires the leases that lapsed.
    if (this.rt.registries.length !== 0 && component.accepting && !wasAccepting) {
      const registry = this.rt.registries[component.node];
      if (registry) registryBack(this.rt, registry);
      else if (this.rt.services[component.node] === component) instanceUp(this.rt, component as ServiceRuntime);
    }
    if (this.rt.queues.length !== 0) dispatchAll(this.rt);
    if (this.rt.streams.length !== 0) streamMembersChanged(this.rt);
  }

  private buildLink(index: number, id: string, link: Scenario['links'][number], random: RandomSource): LinkRuntime {
    const to = this.nodeIndex.get(link.to) as number;
    // A balancer for a service with instances, or for one instance the caller checks or discovers.
    const balanced =
      link.loadBalancing !== undefined ||
      link.outlierEjection !== undefined ||
      link.healthCheck !== undefined ||
      link.discovery !== undefined;
    // None from a queue or stream: it hands its messages to its consumer's instances itself (competing consumers).
    const fromKind = this.scenario.nodes[this.nodeIndex.get(link.from) as number].kind;
    const instances =
      fromKind === 'queue' || fromKind === 'stream'
        ? undefined
        : (this.rt.instancesOf[to] ?? (balanced && this.scenario.nodes[to].kind === 'service' ? Int32Array.of(to) : undefined));
    const hc = link.healthCheck;
    const health = (n: number) =>
      hc && {
        interval: hc.interval,
        lane: this.rt.timeouts.laneFor(hc.timeout),
        unhealthyThreshold: hc.unhealthyThreshold,
        healthyThreshold: hc.healthyThreshold,
        failures: new Int32Array(n),
        successes: new Int32Array(n),
        probes: 0,
        markedDown: 0,
      };
    const ejection = link.outlierEjection && {
      consecutive: link.outlierEjection.consecutiveFailures,
      time: link.outlierEjection.ejectionTime,
      maxPercent: link.outlierEjection.maxEjectedPercent,
    };
    // One balancer per instance of the caller (each process balances on its own); the first draws from the link's own streams.
    const from = this.nodeIndex.get(link.from) as number;
    const callers = this.rt.instancesOf[from] ?? Int32Array.of(from);
    const balancers =
      instances &&
      Array.from(callers, (caller, i) => {
        const name = i === 0 ? `link:${id}` : `link:${id}@${this.rt.nodeIds[caller]}`;
        return buildBalancer(
          index,
          caller,
          i,
          instances,
          (this.scenario.nodes[to] as { replicas: number }).replicas,
          ALGORITHM_NAMES.indexOf(link.loadBalancing ?? 'roundRobin'),
          random.stream(`${name}/balance`),
          link.keys ?? 0,
          link.keys === undefined ? undefined : random.stream(`${name}/keys`),
          ejection,
          health(instances.length),
        );
      });
    return {
      index,
      id,
      from: this.nodeIndex.get(link.from) as number,
      to,
      balancer: balancers?.[0],
      balancers,
      protocol: link.protocol,
      latencySampler: compileSampler(link.latency),
      overhead: PROTOCOL_PROFILES[link.protocol].overheadMs,
      pool: link.connections === undefined ? undefined : buildPool(link.connections),
      stream: link.stream && { messages: link.stream.messages ?? Infinity, interval: link.stream.interval },
      requestDelay: link.payload ? payloadDelay(link.protocol, link.payload.request, link.bandwidth) : 0,
      responseDelay: link.payload ? payloadDelay(link.protocol, link.payload.response, link.bandwidth) : 0,
      baseLoss: link.loss,
      rngLatency: random.stream(`link:${id}/latency`),
      rngLoss: random.stream(`link:${id}/loss`),
      extraLatency: 0,
      loss: link.loss,
      blockedForward: false,
      blockedBackward: false,
      breaker: link.breaker && this.buildBreaker(index, link.breaker),
      bulkhead: link.bulkhead && new Bulkhead(link.bulkhead.maxConcurrent, link.bulkhead.maxWaiting, link.bulkhead.maxWait ?? Infinity),
      lastGoodAt: -Infinity,
      retries: 0,
      notPermitted: 0,
      polling: link.polling,
      polls: 0,
      eventOnly: link.content === 'event',
      messages: 0,
      lost: 0,
      calls: 0,
      ok: 0,
      errors: 0,
      timeouts: 0,
      rejected: 0,
      lateReplies: 0,
      wastedWork: 0,
      latency: new LatencyRecorder(),
    };
  }

  /**
   * Link `index`'s circuit breaker: its timers are engine events, and each change of state is a
   * BREAKER row followed by a BREAKER_WINDOW row with the window's figures just before it.
   */
  private buildBreaker(index: number, config: NonNullable<Scenario['links'][number]['breaker']>): CircuitBreaker {
    const rt = this.rt;
    const { state, ...rest } = config;
    return new CircuitBreaker(
      { ...rest, initial: state },
      (delay, token) => rt.schedule(rt.now + delay, Priority.CONTROL, Ev.BREAKER_TIMER, index, token),
      (from, to, figures) => {
        rt.trace.recordNow(TraceType.BREAKER, rt.links[index].from, index, packBreakerChange(from, to));
        rt.trace.recordNow(TraceType.BREAKER_WINDOW, figures.calls, figures.failed, figures.slow);
      },
    );
  }

  /** Service `node`'s instance `instance` (1, 2, …) at node index `index`; `primary` is the node's own index. */
  private buildService(
    index: number,
    node: Extract<Scenario['nodes'][number], { kind: 'service' }>,
    random: RandomSource,
    wiring: CallWiring,
    primary: number,
    instance: number,
    gateway?: GatewayRuntime,
  ): ServiceRuntime {
    const plan = wiring.plan(primary);
    // The first instance keeps the service's own streams, so one instance draws what a service without replicas does.
    const id = this.rt.nodeIds[index];
    const svc: ServiceRuntime = {
      node: index,
      id,
      primary,
      instance,
      gateway,
      workers: node.workers,
      capacity: node.queueCapacity ?? Infinity,
      serviceTime: compileSampler(node.serviceTime),
      baseErrorRate: node.errorRate,
      startupTime: node.startupTime,
      plan,
      limitRate: 0,
      limitBurst: 0,
      tokens: 0,
      tokensAt: 0,
      shedLine: Infinity,
      maxQueueTime: Infinity,
      rngWork: random.stream(`service:${id}/work`),
      rngErrors: random.stream(`service:${id}/errors`),
      slowFactor: 1,
      errorRate: node.errorRate,
      accepting: false,
      mode: ServiceMode.STARTING,
      machine: undefined as unknown as MachineHost,
      busy: 0,
      line: new Int32Array(16),
      lineHead: 0,
      lineLength: 0,
      activeHead: -1,
      arrivals: 0,
      started: 0,
      ok: 0,
      errors: 0,
      rejected: 0,
      dropped: 0,
      maxLine: 0,
      waitSum: 0,
      busyArea: 0,
      inSystemArea: 0,
      lineArea: 0,
      lastChange: 0,
      poolArea: 0,
      poolSince: 0,
      latency: new LatencyRecorder(),
    };
    svc.machine = new MachineHost(serviceMachine, { startupTime: node.startupTime }, (delay, token) => {
      this.rt.schedule(this.rt.now + delay, Priority.CONTROL, Ev.MACHINE_TIMER, index, token);
    });
    setRateLimit(svc, node.rateLimit);
    setShedding(svc, node.shedding);
    svc.mode = SERVICE_MODE_NAMES.indexOf(svc.machine.state as (typeof SERVICE_MODE_NAMES)[number]);
    svc.accepting = svc.mode === ServiceMode.HEALTHY;
    return svc;
  }

  private buildClient(
    index: number,
    node: Extract<Scenario['nodes'][number], { kind: 'client' }>,
    random: RandomSource,
    wiring: CallWiring,
  ): ClientRuntime {
    const w = node.workload;
    const link = wiring.linkFor(node.id, node.target);
    return {
      node: index,
      id: node.id,
      workload: w,
      path: node.path ?? '/',
      tokens: node.tokens,
      tokenRng: node.tokens && random.stream(`client:${node.id}/tokens`),
      target: this.nodeIndex.get(node.target) as number,
      link,
      timeoutLane: wiring.clientLane(index, link),
      policy: wiring.clientPolicy(index, link),
      start: w.start ?? 0,
      stop: w.stop ?? this.scenario.duration,
      rng: random.stream(`client:${node.id}/arrivals`),
      think: w.pattern === 'closed' ? compileSampler(w.thinkTime) : undefined,
      rate: w.pattern === 'constant' || w.pattern === 'poisson' ? w.rate : 0,
      origin: w.start ?? 0,
      ticks: 0,
      arrival: 0,
      since: 0,
      sent: 0,
      completed: 0,
      failed: 0,
      timedOut: 0,
      rejected: 0,
      dropped: 0,
      latency: new LatencyRecorder(),
    };
  }
}
