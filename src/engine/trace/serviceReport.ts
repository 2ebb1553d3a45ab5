/**
 * Per-service figures of a run: throughput, utilisation, the waiting line, Little's-law figures
 * and a timeline. A service with several instances reports each instance and, as the service,
 * their totals (its mode: the most available of theirs).
 */
import type { Simulation } from '../simulation.ts';
import type { ServiceRuntime } from '../kernel/runtime.ts';
import { SERVICE_MODE_NAMES, ServiceMode, type ServiceModeName } from './eventTypes.ts';
import { LatencyRecorder, type LatencySummary } from './latency.ts';

/** What an API gateway did at its door (features/gateway/gateway.ts). */
export interface GatewayReport {
  /** Requests it logged, and per route prefix those it let through. */
  readonly requests: number;
  readonly routed: Readonly<Record<string, number>>;
  /** Refused at the door: 401 (no token, expired, forged), 429 (a client over its rate), 404 (no route). */
  readonly unauthenticated: number;
  readonly expired: number;
  readonly forged: number;
  readonly rateLimited: number;
  readonly noRoute: number;
}

export interface ServiceReport {
  readonly kind: 'service' | 'gateway' | 'loadBalancer';
  readonly mode: ServiceModeName;
  readonly arrivals: number;
  readonly ok: number;
  readonly errors: number;
  readonly rejected: number;
  /** Requests lost in crashes. */
  readonly dropped: number;
  readonly throughput: number;
  /** Share of worker-time busy, 0..1. */
  readonly utilization: number;
  /** Time-average requests present (in line + being worked on): L in Little's law. */
  readonly meanInSystem: number;
  readonly meanLine: number;
  readonly maxLine: number;
  /** Mean time from arrival to a worker taking it, ms. */
  readonly meanWait: number;
  /** Time from arrival to reply, ms: W in Little's law. */
  readonly latency: LatencySummary;
  /** The service over simulated time, one value per sampling interval. */
  readonly timeline: ServiceTimeline;
  /** A gateway's door: what it logged, routed and refused. */
  readonly gateway?: GatewayReport;
  /** A service with several instances: each one's own figures (the service's are their totals). */
  readonly instances?: readonly (ServiceReport & { readonly instance: string })[];
}

export interface ServiceTimeline {
  /** Sampling interval, ms; value i describes time i × interval. */
  readonly interval: number;
  /** Requests waiting in line at each sample time. */
  readonly line: readonly number[];
  /** Busy workers at each sample time. */
  readonly busy: readonly number[];
  /** Replies sent (ok or error) since the previous sample. */
  readonly replies: readonly number[];
  /** Requests refused since the previous sample. */
  readonly rejected: readonly number[];
}

/** Every scenario service's report, by id, into `out`. */
export function serviceReports(sim: Simulation, out: Record<string, ServiceReport>): Record<string, ServiceReport> {
  const rt = sim.rt;
  for (const s of rt.services) {
    if (!s || s.primary !== s.node) continue;
    const instances = rt.instancesOf[s.node];
    if (s.gateway?.kind === 'loadBalancer') {
      out[s.id] = { ...serviceReport(sim, s), kind: 'loadBalancer' };
      continue;
    }
    if (s.gateway) {
      out[s.id] = { ...serviceReport(sim, s), kind: 'gateway', gateway: gatewayReport(s) };
      continue;
    }
    if (instances === undefined) {
      out[s.id] = serviceReport(sim, s);
      continue;
    }
    const each = Array.from(instances, (i) => rt.service(i));
    out[s.id] = {
      ...serviceReport(sim, ...each),
      instances: each.map((x) => ({ ...serviceReport(sim, x), instance: instanceLabel(sim, x.node) })),
    };
  }
  return out;
}

function gatewayReport(s: ServiceRuntime): GatewayReport {
  const g = s.gateway as NonNullable<ServiceRuntime['gateway']>;
  const routed: Record<string, number> = Object.create(null);
  g.prefixes.forEach((prefix, i) => {
    routed[prefix] = g.routed[i];
  });
  return {
    requests: g.requests,
    routed,
    unauthenticated: g.unauthenticated,
    expired: g.expired,
    forged: g.forged,
    rateLimited: g.rateLimited,
    noRoute: g.noRoute,
  };
}

/** An instance as reports name it: "api#1", "api#2", … (the engine's first instance is "api" itself). */
export function instanceLabel(sim: Simulation, node: number): string {
  const svc = sim.rt.service(node);
  return `${sim.rt.nodeIds[svc.primary]}#${svc.instance}`;
}

/** Modes from the most available to the least: a service is as up as its best instance. */
const AVAILABILITY = [
  ServiceMode.HEALTHY,
  ServiceMode.DEGRADED,
  ServiceMode.RESTARTING,
  ServiceMode.STARTING,
  ServiceMode.CRASHED,
  ServiceMode.STOPPED,
] as const;

/** The figures of one instance, or the totals of several. */
function serviceReport(sim: Simulation, ...instances: ServiceRuntime[]): ServiceReport {
  const until = sim.rt.now;
  const seconds = until / 1000;
  let arrivals = 0,
    ok = 0,
    errors = 0,
    rejected = 0,
    dropped = 0,
    maxLine = 0,
    started = 0,
    waitSum = 0;
  let busyArea = 0,
    lineArea = 0,
    inSystemArea = 0,
    poolArea = 0;
  const latency = new LatencyRecorder();
  for (const s of instances) {
    // Integrals are kept up to the last change; extend them to now without touching the run.
    const dt = until - s.lastChange;
    busyArea += s.busyArea + s.busy * dt;
    lineArea += s.lineArea + s.lineLength * dt;
    inSystemArea += s.inSystemArea + (s.busy + s.lineLength) * dt;
    poolArea += s.poolArea + s.workers * (until - s.poolSince);
    arrivals += s.arrivals;
    ok += s.ok;
    errors += s.errors;
    rejected += s.rejected;
    dropped += s.dropped;
    maxLine = Math.max(maxLine, s.maxLine);
    started += s.started;
    waitSum += s.waitSum;
    latency.merge(s.latency);
  }
  const mode = AVAILABILITY.find((m) => instances.some((s) => s.mode === m)) ?? instances[0].mode;
  return {
    kind: 'service',
    mode: SERVICE_MODE_NAMES[mode],
    arrivals,
    ok,
    errors,
    rejected,
    dropped,
    throughput: seconds > 0 ? (ok + errors) / seconds : 0,
    // Busy worker-time over available worker-time (the pool may have changed during the run).
    utilization: until > 0 ? busyArea / poolArea : 0,
    meanInSystem: until > 0 ? inSystemArea / until : 0,
    meanLine: until > 0 ? lineArea / until : 0,
    maxLine,
    meanWait: started > 0 ? waitSum / started : 0,
    latency: (instances.length === 1 ? instances[0].latency : latency).summary(),
    timeline: instances.map((s) => timelineOf(sim, s.node)).reduce(sumTimelines),
  };
}

/** Two timelines of the same sampling, added point by point. */
function sumTimelines(a: ServiceTimeline, b: ServiceTimeline): ServiceTimeline {
  const add = (x: readonly number[], y: readonly number[]) => x.map((v, i) => v + (y[i] ?? 0));
  return {
    interval: a.interval,
    line: add(a.line, b.line),
    busy: add(a.busy, b.busy),
    replies: add(a.replies, b.replies),
    rejected: add(a.rejected, b.rejected),
  };
}

function timelineOf(sim: Simulation, node: number): ServiceTimeline {
  const series = sim.series.services.get(node);
  if (!series) return { interval: sim.series.interval, line: [], busy: [], replies: [], rejected: [] };
  // Running totals to per-interval counts, in plain loops (this runs for every service of every run).
  const { ok, errors, rejected } = series;
  const n = ok.length;
  const replies: number[] = [];
  const rejectedPer: number[] = [];
  for (let i = 0; i < n; i++) {
    replies.push(ok[i] + errors[i] - (i > 0 ? ok[i - 1] + errors[i - 1] : 0));
    rejectedPer.push(rejected[i] - (i > 0 ? rejected[i - 1] : 0));
  }
  return { interval: sim.series.interval, line: series.line, busy: series.busy, replies, rejected: rejectedPer };
}
