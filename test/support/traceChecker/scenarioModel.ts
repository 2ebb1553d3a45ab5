/**
 * The scenario as the trace checker sees it: nodes and links by index, numbered in document order
 * as the engine numbers them, read from the scenario document and never from the engine's own
 * structures (so the checker does not inherit the engine's mistakes). Each service and client also
 * carries the state the replay keeps for it. Settings a change may edit (see changeRows.ts) are
 * mutable and hold the value in force at the current row.
 */
import {
  PROTOCOL_PROFILES,
  callsOf,
  linkId,
  type CallStep,
  type Change,
  type Distribution,
  type Fault,
  type Link,
  type Scenario,
  type Workload,
} from '../../../src/model/index.ts';
import { ServiceMode, type Simulation } from '../../../src/engine/index.ts';
import { newLatencyTally, type LatencyTally } from './replayState.ts';

/** The smallest and largest value a distribution can draw (Infinity: unbounded). */
export function bounds(d: Distribution): readonly [number, number] {
  switch (d.dist) {
    case 'constant':
      return [d.value, d.value];
    case 'uniform':
      return [d.min, d.max];
    case 'exponential':
      return [0, Infinity];
    case 'normal':
      return d.stddev === 0 ? [Math.max(0, d.mean), Math.max(0, d.mean)] : [0, Infinity];
    case 'lognormal':
      return d.stddev === 0 ? [d.mean, d.mean] : [0, Infinity];
    case 'pareto':
      return [d.scale, Infinity];
  }
}

/** x in [lo, hi], allowing for floating-point rounding. */
export function within(x: number, lo: number, hi: number): boolean {
  const tol = (v: number) => 1e-6 + 1e-9 * Math.abs(v);
  return x >= lo - tol(lo) && (hi === Infinity || x <= hi + tol(hi));
}

/** One sub-call of a step in a service's plan. */
export interface PlanEntry {
  readonly callee: number;
  readonly link: number;
  readonly timeout: number | undefined;
}

/** A link: its end nodes by index and what the scenario says about its messages. */
export interface LinkModel {
  readonly id: string;
  readonly from: number;
  readonly to: number;
  /** The protocol's fixed cost per message, ms. */
  overhead: number;
  /** Range of the latency distribution, before any latency fault. */
  latency: readonly [number, number];
  loss: number;
  timeout: Link['timeout'];
}

/** A service: its configuration, and its state and counters as the replay rebuilds them. */
export interface ServiceReplay {
  readonly id: string;
  workers: number;
  /** Queue capacity (Infinity: unbounded). */
  capacity: number;
  /** Range of the service time, before any slow fault. */
  work: readonly [number, number];
  errorRate: number;
  /** The delay of the next (re)start (a change may set it). */
  startupTime: number;
  /** The delay of the (re)start under way, as it was when it began. */
  startingFor: number;
  /** Inbound rate limiter: tokens per ms (0: none), bucket size, tokens as of `tokensAt`. */
  limitRate: number;
  limitBurst: number;
  tokens: number;
  tokensAt: number;
  /** Load shedding bounds (Infinity: none). */
  shedLine: number;
  maxQueueTime: number;
  /** The call plan as written (timeouts unresolved), and compiled: each entry of a step is one sub-call. */
  calls: readonly CallStep[];
  plan: PlanEntry[][];
  mode: number;
  /** When the service entered its current mode. */
  enteredAt: number;
  /** Requests waiting for a worker, first in first. */
  readonly line: number[];
  /** Requests holding a worker. */
  readonly busy: Set<number>;
  /** Time of the latest crash fault start / end on this service. */
  crashAt: number;
  crashEndAt: number;
  /** The last call dropped by the current crash (crash drops come in call order). */
  lastCrashDrop: number;
  arrivals: number;
  ok: number;
  errors: number;
  rejected: number;
  dropped: number;
  maxLine: number;
  /** Time integrals of busy workers, of the line length and of the pool size. */
  busyArea: number;
  lineArea: number;
  poolArea: number;
  /** The most busy workers per worker in the pool over any stretch of time (over 1 only after a pool shrank). */
  peakLoad: number;
  /** Total and count of waits in the line, over requests that started. */
  waitSum: number;
  started: number;
  readonly latency: LatencyTally;
}

/** A client: its configuration, and the requests the replay has seen it send. */
export interface ClientReplay {
  readonly id: string;
  /** Where it sends, over which link, with which timeout (its own, else the link's); changes may set them. */
  target: number;
  link: number;
  timeout: number | undefined;
  ownTimeout: number | undefined;
  /** The workload in force (a change may replace it: the new one starts at the change). */
  workload: Workload;
  /** Constant and poisson: the rate in force (a change may set it). */
  rate: number;
  /**
   * Constant and bursts: the schedule counts ticks from `origin` (at `rate`, or every `every`),
   * and `originCount` requests came before it. A rate change moves the origin to the tick already
   * due, as the engine documents; a new workload moves it to its start.
   */
  origin: number;
  originCount: number;
  /** The window [start, stop) in which the client sends. */
  start: number;
  stop: number;
  /** Closed loop: range of the think time. */
  think: readonly [number, number] | undefined;
  /** The client's requests (root calls), in the order sent. */
  readonly roots: number[];
  /** Closed loop: each user's latest request (of the workload in force). */
  lastOfUser: Map<number, number>;
}

/** The scenario by index. `services[i]` / `clients[i]` is undefined where node i is of the other kind. */
export interface ScenarioModel {
  readonly nodeIndex: ReadonlyMap<string, number>;
  readonly linkIndex: ReadonlyMap<string, number>;
  /** The link from node index a to node index b, keyed `${a}>${b}`. */
  readonly linkBetween: ReadonlyMap<string, number>;
  readonly duration: number;
  readonly links: readonly LinkModel[];
  readonly services: readonly (ServiceReplay | undefined)[];
  readonly clients: readonly (ClientReplay | undefined)[];
  readonly faults: readonly Fault[];
  readonly changes: readonly Change[];
}

/** Indexes the scenario; reports to `fail` any node the simulation numbers differently. */
export function buildScenarioModel(scenario: Scenario, sim: Simulation, fail: (message: string) => void): ScenarioModel {
  const { nodeIds } = sim.rt;
  const nodeIndex = new Map(scenario.nodes.map((n, i) => [n.id, i]));
  const linkIndex = new Map(scenario.links.map((l, i) => [linkId(l), i]));
  scenario.nodes.forEach((n, i) => {
    if (sim.nodeIndexOf(n.id) !== i || nodeIds[i] !== n.id) fail(`node ${n.id} is not node ${i}`);
  });
  const links: LinkModel[] = scenario.links.map((l) => ({
    id: linkId(l),
    from: nodeIndex.get(l.from) as number,
    to: nodeIndex.get(l.to) as number,
    overhead: PROTOCOL_PROFILES[l.protocol].overheadMs,
    latency: bounds(l.latency),
    loss: l.loss,
    timeout: l.timeout,
  }));
  const linkBetween = new Map(links.map((l, i) => [`${l.from}>${l.to}`, i]));
  const services = scenario.nodes.map((n): ServiceReplay | undefined => {
    if (n.kind !== 'service') return undefined;
    return {
      id: n.id,
      workers: n.workers,
      capacity: n.queueCapacity ?? Infinity,
      work: bounds(n.serviceTime),
      errorRate: n.errorRate,
      startupTime: n.startupTime,
      startingFor: n.startupTime,
      calls: n.calls,
      plan: [],
      limitRate: n.rateLimit ? n.rateLimit.rate / 1000 : 0,
      limitBurst: n.rateLimit?.burst ?? 0,
      tokens: n.rateLimit?.burst ?? 0,
      tokensAt: 0,
      shedLine: n.shedding?.maxLine ?? Infinity,
      maxQueueTime: n.shedding?.maxQueueTime ?? Infinity,
      mode: n.startupTime === 0 ? ServiceMode.HEALTHY : ServiceMode.STARTING,
      enteredAt: 0,
      line: [],
      busy: new Set<number>(),
      crashAt: NaN,
      crashEndAt: NaN,
      lastCrashDrop: -1,
      arrivals: 0,
      ok: 0,
      errors: 0,
      rejected: 0,
      dropped: 0,
      maxLine: 0,
      busyArea: 0,
      lineArea: 0,
      poolArea: 0,
      peakLoad: 0,
      waitSum: 0,
      started: 0,
      latency: newLatencyTally(),
    };
  });
  const clients = scenario.nodes.map((n): ClientReplay | undefined => {
    if (n.kind !== 'client') return undefined;
    const self = nodeIndex.get(n.id) as number;
    const target = nodeIndex.get(n.target) as number;
    const link = linkBetween.get(`${self}>${target}`) as number;
    return {
      id: n.id,
      target,
      link,
      timeout: n.timeout ?? links[link].timeout,
      ownTimeout: n.timeout,
      workload: n.workload,
      rate: n.workload.pattern === 'constant' || n.workload.pattern === 'poisson' ? n.workload.rate : NaN,
      origin: n.workload.start ?? 0,
      originCount: 0,
      start: n.workload.start ?? 0,
      stop: n.workload.stop ?? scenario.duration,
      think: n.workload.pattern === 'closed' ? bounds(n.workload.thinkTime) : undefined,
      roots: [],
      lastOfUser: new Map<number, number>(),
    };
  });
  const model = {
    nodeIndex,
    linkIndex,
    linkBetween,
    duration: scenario.duration,
    links,
    services,
    clients,
    faults: scenario.faults,
    changes: scenario.changes,
  };
  services.forEach((svc, i) => {
    if (svc) svc.plan = compilePlan(model, i);
  });
  return model;
}

/** Service `s`'s plan compiled from its calls as written and the links' timeouts in force. */
export function compilePlan(model: Pick<ScenarioModel, 'nodeIndex' | 'linkBetween' | 'links' | 'services'>, s: number): PlanEntry[][] {
  return model.services[s]!.calls.map((step) =>
    callsOf(step).map((c) => {
      const callee = model.nodeIndex.get(c.to) as number;
      const link = model.linkBetween.get(`${s}>${callee}`) as number;
      return { callee, link, timeout: c.timeout ?? model.links[link].timeout };
    }),
  );
}
