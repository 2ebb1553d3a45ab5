/**
 * The numbers a person wants after a run, computed from the runtime's counters: per client
 * (what happened to its requests, end-to-end latency), per service (throughput, utilisation,
 * waiting line, Little's-law figures) and per link (messages, losses, timeouts, wasted work).
 */
import type { Simulation } from '../simulation.ts';
import { SERVICE_MODE_NAMES, type ServiceModeName } from './eventTypes.ts';
import { LatencyRecorder, type LatencySummary } from './latency.ts';
import type { Balancer } from '../kernel/records.ts';
import { ENTRY_STATE_NAMES } from './eventTypes.ts';
import { lagOf, type StreamRuntime } from '../kernel/streamRecords.ts';
import { instanceLabel, serviceReports, type ServiceReport } from './serviceReport.ts';

export type { ServiceReport, ServiceTimeline } from './serviceReport.ts';

export interface ClientReport {
  readonly sent: number;
  readonly completed: number;
  readonly failed: number;
  readonly timedOut: number;
  readonly rejected: number;
  readonly dropped: number;
  /** Sent but not ended when the run stopped. */
  readonly inFlight: number;
  /** Completed requests per simulated second. */
  readonly throughput: number;
  /** End-to-end latency of completed requests, ms. */
  readonly latency: LatencySummary;
}

export interface LinkReport {
  readonly from: string;
  readonly to: string;
  readonly protocol: string;
  readonly calls: number;
  readonly messages: number;
  readonly lost: number;
  readonly ok: number;
  readonly errors: number;
  readonly rejected: number;
  readonly timeouts: number;
  /** Replies that came after their caller gave up. */
  readonly lateReplies: number;
  /** Worker time the callee spent on requests whose caller had given up, ms. */
  readonly wastedWorkMs: number;
  /** Round trip of successful calls as the caller saw it, ms. */
  readonly latency: LatencySummary;
  /** Failed attempts retried over this link. */
  readonly retries: number;
  /** Async HTTP: status polls its callers sent (0 on a link without polling). */
  readonly polls: number;
  /** Attempts the caller's own breaker or bulkhead refused (never sent). */
  readonly notPermitted: number;
  /**
   * To a service with several instances: per instance, the calls the caller's balancers sent there
   * and how often they ejected it (a replicated caller's instances each balance on their own: these
   * are their totals).
   */
  readonly instances?: readonly { readonly instance: string; readonly routed: number; readonly ejections: number }[];
  /**
   * With client-side discovery: lookups sent, calls sent to an instance that was down then (a stale cache), and the instances cached now
   * (by any of the caller's instances).
   */
  readonly discovery?: { readonly lookups: number; readonly staleRoutes: number; readonly cached: readonly string[] };
  /** HTTP/1.1 with a connection pool: its size, calls that had to wait for a connection, and the longest line. */
  readonly connections?: { readonly size: number; readonly waited: number; readonly longestWait: number };
  /**
   * With active health checks: probes sent, times an instance was marked unhealthy, and those unhealthy now (to any of the caller's
   * instances).
   */
  readonly healthChecks?: { readonly probes: number; readonly markedUnhealthy: number; readonly unhealthy: readonly string[] };
  /** Its circuit breaker at the end: its state, the calls it refused, and its state changes. */
  readonly breaker?: { readonly state: string; readonly notPermitted: number; readonly transitions: number };
}

/** A queue's messages over the run (features/queue/queueBroker.ts). */
export interface QueueReport {
  readonly kind: 'queue';
  readonly mode: ServiceModeName;
  /**
   * Publishes it stored (confirmed), and apart from them those it refused (down, past their
   * deadline, or full with rejectPublish): the two make every publish that reached it.
   */
  readonly published: number;
  readonly rejected: number;
  /** Deliveries made, and of them redeliveries (a message delivered before). */
  readonly delivered: number;
  readonly redelivered: number;
  readonly acked: number;
  readonly deadLettered: number;
  /** Ready messages a full dropHead queue dropped: the only messages a queue loses. */
  readonly dropped: number;
  /** Acks that came after the visibility timeout: work done for a message delivered again (a duplicate effect). */
  readonly lateAcks: number;
  /**
   * Successful processings by its consumers; duplicate effects (a message processed again after it succeeded once); repeats an idempotent
   * consumer acknowledged without the work.
   */
  readonly effects: number;
  readonly duplicates: number;
  readonly deduplicated: number;
  /** Messages ready now, and delivered but not yet acknowledged. */
  readonly ready: number;
  readonly inFlight: number;
  readonly maxDepth: number;
}

/** A topic's publishes over the run (features/topic/topicBroker.ts). */
export interface TopicReport {
  readonly kind: 'topic';
  readonly mode: ServiceModeName;
  /** Publishes it confirmed, apart from them those it refused (down), and the copies it sent to its subscriptions. */
  readonly published: number;
  readonly rejected: number;
  readonly copies: number;
  readonly subscriptions: number;
}

/** An event stream over the run (features/stream/eventStream.ts). */
export interface StreamReport {
  readonly kind: 'stream';
  readonly mode: ServiceModeName;
  /** Publishes it appended, and apart from them those it refused (down): the two make every publish that reached it. */
  readonly published: number;
  readonly rejected: number;
  /** Deliveries made (all groups), redeliveries among them, commits, messages skipped after maxDeliveries. */
  readonly delivered: number;
  readonly redelivered: number;
  readonly committed: number;
  readonly skipped: number;
  /** Messages retention removed, and those a group had not read when they went (counted per group). */
  readonly expired: number;
  readonly expiredUnread: number;
  /** Successful processings by consumers, and those of a message its group had processed before. */
  readonly effects: number;
  readonly duplicates: number;
  /** First processings of a keyed message after its group had processed a later one of the same key (order per key broken). */
  readonly outOfOrder: number;
  /** Repeats idempotent groups skipped (acknowledged at once, or done again without a second effect). */
  readonly deduplicated: number;
  readonly rebalances: number;
  /** Messages changes moved groups' offsets back over (replayed: read again) and forward over (skipped by a seek). */
  readonly rewound: number;
  readonly skippedAhead: number;
  /** Messages in the logs now, and deliveries in flight. */
  readonly retained: number;
  readonly inFlight: number;
  /** Per partition: its first retained and end offsets, and per group its committed offset and lag (end − committed). */
  readonly partitions: readonly {
    readonly start: number;
    readonly end: number;
    readonly committed: Readonly<Record<string, number>>;
    readonly lag: Readonly<Record<string, number>>;
  }[];
}

/** A service registry over the run (features/registry/registry.ts). */
export interface RegistryReport {
  readonly kind: 'registry';
  readonly mode: ServiceModeName;
  /** Heartbeats it answered, (re-)registrations, leases that expired, clean deregistrations, lookups answered, calls refused while down. */
  readonly heartbeats: number;
  readonly registrations: number;
  readonly expirations: number;
  readonly deregistrations: number;
  readonly lookups: number;
  readonly refused: number;
  /** Its entries now: the instance, its state, its last heartbeat (ms). */
  readonly entries: readonly { readonly instance: string; readonly state: string; readonly lastHeartbeat: number }[];
}

export interface RunReport {
  readonly seed: number;
  /** Simulated time reached, ms. */
  readonly until: number;
  readonly events: number;
  /** Trace rows the run recorded (a summary-only run counts them without keeping them). */
  readonly traceEvents: number;
  /** The hash of the trace rows. Full runs only: absent from a summary-only run's report (see `SimulationOptions.record`). */
  readonly traceHash?: string;
  readonly clients: Readonly<Record<string, ClientReport>>;
  /** End-to-end latency over all clients' completed requests. */
  readonly latency: LatencySummary;
  readonly nodes: Readonly<Record<string, ServiceReport>>;
  readonly queues: Readonly<Record<string, QueueReport>>;
  readonly topics: Readonly<Record<string, TopicReport>>;
  readonly streams: Readonly<Record<string, StreamReport>>;
  /** Service registries (only when the scenario has any). */
  readonly registries?: Readonly<Record<string, RegistryReport>>;
  readonly links: Readonly<Record<string, LinkReport>>;
}

export function buildReport(sim: Simulation): RunReport {
  const rt = sim.rt;
  const until = rt.now;
  const seconds = until / 1000;
  const perSecond = (n: number) => (seconds > 0 ? n / seconds : 0);
  const clients = byId<ClientReport>();
  const all = new LatencyRecorder();
  for (const c of rt.clients) {
    if (!c) continue;
    const ended = c.completed + c.failed + c.timedOut + c.rejected + c.dropped;
    clients[c.id] = {
      sent: c.sent,
      completed: c.completed,
      failed: c.failed,
      timedOut: c.timedOut,
      rejected: c.rejected,
      dropped: c.dropped,
      inFlight: c.sent - ended,
      throughput: perSecond(c.completed),
      latency: c.latency.summary(),
    };
    all.merge(c.latency);
  }
  const nodes = serviceReports(sim, byId<ServiceReport>());
  const queues = byId<QueueReport>();
  for (const q of rt.queues) {
    if (!q) continue;
    queues[q.id] = {
      kind: 'queue',
      mode: SERVICE_MODE_NAMES[q.mode],
      published: q.published - q.rejected,
      rejected: q.rejected,
      delivered: q.delivered,
      redelivered: q.redelivered,
      acked: q.acked,
      deadLettered: q.deadLettered,
      dropped: q.dropped,
      lateAcks: q.lateAcks,
      effects: q.effects,
      duplicates: duplicatesOf(rt, q.node),
      deduplicated: q.deduplicated,
      ready: q.readyLength,
      inFlight: q.inFlight,
      maxDepth: q.maxDepth,
    };
  }
  const topics = byId<TopicReport>();
  for (const t of rt.topics) {
    if (t)
      topics[t.id] = {
        kind: 'topic',
        mode: SERVICE_MODE_NAMES[t.mode],
        published: t.published - t.rejected,
        rejected: t.rejected,
        copies: t.copies,
        subscriptions: t.subscriptions.length,
      };
  }
  const streams = byId<StreamReport>();
  for (const s of rt.streams) if (s) streams[s.id] = streamReport(s);
  const links = byId<LinkReport>();
  for (const l of rt.links) {
    links[l.id] = {
      from: rt.nodeIds[l.from],
      to: rt.nodeIds[l.to],
      protocol: l.protocol,
      calls: l.calls,
      messages: l.messages,
      lost: l.lost,
      ok: l.ok,
      errors: l.errors,
      rejected: l.rejected,
      timeouts: l.timeouts,
      lateReplies: l.lateReplies,
      wastedWorkMs: l.wastedWork,
      latency: l.latency.summary(),
      retries: l.retries,
      notPermitted: l.notPermitted,
      polls: l.polls,
      ...(l.breaker
        ? { breaker: { state: l.breaker.stateName, notPermitted: l.breaker.notPermitted, transitions: l.breaker.transitions } }
        : {}),
      ...(l.pool ? { connections: { size: l.pool.size, waited: l.pool.waited, longestWait: l.pool.longest } } : {}),
      ...(l.balancers ? balancersReport(sim, l.balancers) : {}),
    };
  }
  return {
    seed: sim.seed,
    until,
    events: sim.events,
    traceEvents: rt.trace.length,
    ...(rt.trace.keeps ? { traceHash: rt.trace.hash() } : {}),
    clients,
    latency: all.summary(),
    nodes,
    queues,
    topics,
    streams,
    links,
    ...(rt.registries.length > 0 ? { registries: registryReports(sim) } : {}),
  };
}

/** A balanced link's figures over its caller instances' balancers: counts summed, instances listed if any of them lists it. */
function balancersReport(sim: Simulation, balancers: readonly Balancer[]): Pick<LinkReport, 'instances' | 'discovery' | 'healthChecks'> {
  const first = balancers[0];
  const sum = (f: (b: Balancer) => number) => balancers.reduce((total, b) => total + f(b), 0);
  const any = (f: (b: Balancer, k: number) => boolean) =>
    Array.from(first.instances)
      .filter((_, k) => balancers.some((b) => f(b, k)))
      .map((n) => instanceLabel(sim, n));
  return {
    ...(first.discovery
      ? {
          discovery: {
            lookups: sum((b) => b.discovery?.lookups ?? 0),
            staleRoutes: sum((b) => b.discovery?.staleRoutes ?? 0),
            cached: any((b, k) => b.known[k] === 1),
          },
        }
      : {}),
    ...(first.health
      ? {
          healthChecks: {
            probes: sum((b) => b.health?.probes ?? 0),
            markedUnhealthy: sum((b) => b.health?.markedDown ?? 0),
            unhealthy: any((b, k) => b.healthy[k] === 0),
          },
        }
      : {}),
    instances: Array.from(first.instances, (node, k) => ({
      instance: instanceLabel(sim, node),
      routed: sum((b) => b.routed[k]),
      ejections: sum((b) => b.ejections[k]),
    })),
  };
}

function registryReports(sim: Simulation): Record<string, RegistryReport> {
  const out = byId<RegistryReport>();
  for (const r of sim.rt.registries) {
    if (!r) continue;
    out[r.id] = {
      kind: 'registry',
      mode: SERVICE_MODE_NAMES[r.mode],
      heartbeats: r.heartbeats,
      registrations: r.registrations,
      expirations: r.expirations,
      deregistrations: r.deregistrations,
      lookups: r.lookups,
      refused: r.refused,
      entries: [...r.entries.values()].map((e) => ({
        instance: instanceLabel(sim, e.instance),
        state: ENTRY_STATE_NAMES[e.state],
        lastHeartbeat: e.lastHeartbeat,
      })),
    };
  }
  return out;
}

function streamReport(s: StreamRuntime): StreamReport {
  let retained = 0;
  const partitions = [];
  for (let p = 0; p < s.partitions; p++) {
    retained += s.end[p] - s.start[p];
    const committed = byId<number>(),
      lag = byId<number>();
    for (const g of s.groups) {
      committed[g.name] = g.started ? g.committed[p] : s.start[p];
      lag[g.name] = lagOf(s, g, p);
    }
    partitions.push({ start: s.start[p], end: s.end[p], committed, lag });
  }
  return {
    kind: 'stream',
    mode: SERVICE_MODE_NAMES[s.mode],
    published: s.published - s.rejected,
    rejected: s.rejected,
    delivered: s.delivered,
    redelivered: s.redelivered,
    committed: s.committedCount,
    skipped: s.skipped,
    expired: s.expired,
    expiredUnread: s.expiredUnread,
    effects: s.effects,
    duplicates: s.duplicates,
    outOfOrder: s.outOfOrder,
    deduplicated: s.deduplicated,
    rebalances: s.rebalances,
    rewound: s.rewound,
    skippedAhead: s.skippedAhead,
    retained,
    inFlight: s.inFlightCount,
    partitions,
  };
}

/** Processings of queue `node`'s messages beyond the first success of each. */
function duplicatesOf(rt: Simulation['rt'], node: number): number {
  const messages = rt.messages;
  let extra = 0;
  for (let m = 0; m < messages.length; m++) {
    if (messages.effects[m] > 1 && rt.calls.callee[messages.publish[m]] === node) extra += messages.effects[m] - 1;
  }
  return extra;
}

/** A map from id to value without a prototype, so no id ("constructor", "toString") can collide with one. */
function byId<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
