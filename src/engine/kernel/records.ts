/**
 * The records the kernel's runtime holds for features that more than one feature reads or writes
 * (a balancer, which health checks and discovery mark; a registry's state; a gateway's door; a
 * connection pool), declared here so that features share them through the kernel rather than by
 * importing one another. Each feature still owns its record: only its own folder changes its
 * fields but where a comment says otherwise (the health checks' `healthy`, discovery's `known`).
 */
import type { MachineHost } from '../core/machineHost.ts';
import type { RandomStream } from '../core/random.ts';

/** One step of a service's call plan, compiled: the callees, links and timeout lanes (-1: no timeout). */
export interface PlanStep {
  readonly callees: Int32Array;
  readonly links: Int32Array;
  readonly timeoutLanes: Int32Array;
  /** Per call: its policy (an index into `Runtime.policies`), or −1 for a plain call. */
  readonly policies: Int32Array;
  /** Per call: the path it asks a gateway for (undefined: the step has none). */
  readonly paths: readonly (string | undefined)[] | undefined;
}

/** A consistent-hash ring (features/balancer HashRing): the instance position owning a key, among those `ok` accepts. */
export interface BalancerRing {
  owner(key: number, ok?: (k: number) => boolean): number;
}

export interface Ejection {
  readonly consecutive: number;
  readonly time: number;
  readonly maxPercent: number;
}

/** One caller instance's balancer over a link's callee's instances. */
export interface Balancer {
  readonly link: number;
  /** The caller instance (node index) it balances for, and its position in its link's `balancers`. */
  readonly caller: number;
  readonly index: number;
  /** The callee's instances, as node indices (instance k + 1 at position k). */
  readonly instances: Int32Array;
  readonly algorithm: number;
  readonly rng: RandomStream;
  /** consistentHash: keys per call (0: none) and their draws; the ring. */
  readonly keys: number;
  readonly keyRng: RandomStream | undefined;
  readonly ring: BalancerRing | undefined;
  readonly ejection: Ejection | undefined;
  /** Round robin's next position. */
  next: number;
  /** Instances deployed now (the first `active` positions; scaling changes it). */
  active: number;
  /** Per instance position: this caller's calls in flight, failures in a row, ejected until (ms), times ejected, calls routed. */
  readonly outstanding: Int32Array;
  readonly failures: Int32Array;
  readonly ejectedUntil: Float64Array;
  readonly ejections: Int32Array;
  readonly routed: Int32Array;
  /** Where each call in flight went (position), by call id. */
  readonly position: Map<number, number>;
  /**
   * With client-side discovery (features/registry/registry.ts; set as the registries are wired): the caller's cache, 1 per instance
   * position it lists.
   */
  readonly discovery: Discovery | undefined;
  readonly known: Uint8Array;
  /** With active health checks (features/healthCheck/healthCheck.ts): 1 per instance position the caller deems healthy. */
  readonly health: HealthChecking | undefined;
  readonly healthy: Uint8Array;
}

/** The balancer over balanced `link` of caller instance `caller` (a node index): its own, if its service has several instances. */
export function balancerOf(
  rt: { service(node: number): { readonly instance: number } },
  link: { readonly balancers: readonly Balancer[] | undefined },
  caller: number,
): Balancer {
  const all = link.balancers as readonly Balancer[];
  return all.length === 1 ? all[0] : all[rt.service(caller).instance - 1];
}

/**
 * A caller instance's health checking over a balanced link: its settings and, per instance position, the probes in a row that failed /
 * succeeded.
 */
export interface HealthChecking {
  readonly interval: number;
  readonly lane: number;
  readonly unhealthyThreshold: number;
  readonly healthyThreshold: number;
  readonly failures: Int32Array;
  readonly successes: Int32Array;
  probes: number;
  /** Times an instance was marked unhealthy. */
  markedDown: number;
}

export interface RegistryEntry {
  readonly instance: number;
  readonly machine: MachineHost;
  state: number;
  lastHeartbeat: number;
  expiresAt: number;
}

export interface RegistryRuntime {
  readonly node: number;
  readonly id: string;
  readonly ttl: number;
  readonly heartbeatInterval: number;
  accepting: boolean;
  mode: number;
  machine: MachineHost;
  /** By instance node, in the order they first registered. */
  readonly entries: Map<number, RegistryEntry>;
  heartbeats: number;
  lookups: number;
  registrations: number;
  expirations: number;
  deregistrations: number;
  refused: number;
}

/** An instance's registration: its registry, the link and timeout lane its heartbeats take, and the generation of its heartbeat loop. */
export interface Registration {
  readonly registry: number;
  readonly link: number;
  readonly lane: number;
  generation: number;
}

/**
 * A caller instance's discovery over a balanced link: the registry, the caller's link to it and its lookups' lane, how often it looks up.
 */
export interface Discovery {
  readonly registry: number;
  readonly lookupLink: number;
  readonly lane: number;
  readonly refresh: number;
  lookups: number;
  /** Calls its balancer sent to an instance that was down at the time (a stale cache's cost). */
  staleRoutes: number;
}

export interface GatewayRuntime {
  /** A gateway, or a load balancer (a gateway with one route, no checks). */
  readonly kind: 'gateway' | 'loadBalancer';
  /** Routes by prefix; each route's plan (compiled by the call wiring, recompiled when links change). */
  readonly prefixes: readonly string[];
  plans: PlanStep[][];
  readonly auth: boolean;
  /** Per-client token bucket: tokens per ms (0: none) and size; per caller node, its tokens at a time. */
  readonly rate: number;
  readonly burst: number;
  readonly buckets: Map<number, { tokens: number; at: number }>;
  /** Per caller node: its route (−1: none matches its path). */
  readonly routeOf: Map<number, number>;
  requests: number;
  readonly routed: Int32Array;
  unauthenticated: number;
  expired: number;
  forged: number;
  rateLimited: number;
  noRoute: number;
}

export interface ConnectionPool {
  readonly size: number;
  inUse: number;
  /** Calls waiting for a connection, in arrival order (from `head` on). */
  waiting: number[];
  head: number;
  /** Calls holding a connection. */
  readonly holders: Set<number>;
  /** Calls that had to wait, and the longest line. */
  waited: number;
  longest: number;
}

/**
 * The call sites a feature asks at build time (engine/wiring.ts CallWiring): a link by its ends, a link's timeout lane, a topic's policy
 * per subscription.
 */
export interface CallSites {
  linkFor(from: string, to: string): number;
  linkLane(link: number): number;
  topicPolicy(topic: number, link: number): number;
}
