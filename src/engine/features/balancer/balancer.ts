/**
 * Client-side load balancing: a caller's link to a service with several instances picks one for
 * each call as it is sent (so a retry may go elsewhere), and watches the replies.
 *
 * - **roundRobin**: the instances in turn; **random**: uniform; **leastOutstanding**: the fewest
 *   of this caller's calls in flight (ties in turn); **powerOfTwo**: the less loaded of two picked
 *   at random; **consistentHash**: by the call's key on a ring of virtual nodes, so a key keeps its
 *   instance and adding an instance moves only the keys it now owns (≈ 1/N).
 * - **active health checks** (./healthCheck.ts) and **discovery** (./registry.ts) narrow the
 *   instances a caller considers: only healthy ones, only those in its cache.
 * - **outlier ejection** (passive health checking): after `consecutiveFailures` failed calls in a
 *   row (error, timeout, rejection, refusal) the caller ejects the instance for `ejectionTime`,
 *   never more than `maxEjectedPercent` of them at once. If every instance is ejected or gone from
 *   rotation, the caller falls back to all of them (Envoy's panic mode) rather than send nowhere.
 *
 * Each instance of a replicated caller has a balancer of its own over the link, as a client-side
 * balancer in each process does: its round-robin cursor, its calls in flight, its failures and
 * ejections, its discovery cache and its health checks (`LinkRuntime.balancers`, by the caller's
 * instance number − 1).
 *
 * The pick is recorded as a ROUTE row (node = caller instance, a = call, b = the instance's node
 * index); ejections as EJECT / EJECT_END rows (node = the caller instance that ejects).
 */
import type { Scenario } from '../../../model/index.ts';
import { fmix32, type RandomStream } from '../../core/random.ts';
import { firstAtOrAfter } from '../../core/search.ts';
import type { LinkRuntime, Runtime } from '../../kernel/runtime.ts';
import { Ev, Priority } from '../../kernel/runtime.ts';
import { CallStatus, RejectReason, TraceType } from '../../trace/eventTypes.ts';
import { balancerOf, type Balancer, type Ejection, type HealthChecking } from '../../kernel/records.ts';

export { balancerOf };

export const Algorithm = { ROUND_ROBIN: 0, RANDOM: 1, LEAST_OUTSTANDING: 2, POWER_OF_TWO: 3, CONSISTENT_HASH: 4 } as const;
export const ALGORITHM_NAMES = ['roundRobin', 'random', 'leastOutstanding', 'powerOfTwo', 'consistentHash'] as const;

/** Virtual nodes per instance on a consistent-hash ring (more: an evener share). */
const VIRTUAL_NODES = 160;

export type { Balancer, Ejection } from '../../kernel/records.ts';

/** Per service id: the most instances it has at any time of the run (its replicas, or more by a change). */
export function mostReplicas(scenario: Scenario): Map<string, number> {
  const most = new Map<string, number>();
  for (const n of scenario.nodes) if (n.kind === 'service') most.set(n.id, n.replicas);
  for (const c of scenario.changes) {
    if (c.kind === 'service' && c.set.replicas !== undefined) most.set(c.target, Math.max(most.get(c.target) ?? 1, c.set.replicas));
  }
  return most;
}

/** A balancer over `instances` (every instance the run may have), of which the first `active` are deployed at the start. */
export function buildBalancer(
  link: number,
  caller: number,
  index: number,
  instances: Int32Array,
  active: number,
  algorithm: number,
  rng: RandomStream,
  keys: number,
  keyRng: RandomStream | undefined,
  ejection: Ejection | undefined,
  health: HealthChecking | undefined,
): Balancer {
  const n = instances.length;
  return {
    link,
    caller,
    index,
    instances,
    algorithm,
    rng,
    keys,
    keyRng,
    ejection,
    discovery: undefined,
    known: new Uint8Array(n),
    health,
    healthy: new Uint8Array(n).fill(1),
    ring: algorithm === Algorithm.CONSISTENT_HASH ? new HashRing(n) : undefined,
    next: 0,
    active,
    outstanding: new Int32Array(n),
    failures: new Int32Array(n),
    ejectedUntil: new Float64Array(n),
    ejections: new Int32Array(n),
    routed: new Int32Array(n),
    position: new Map(),
  };
}

/**
 * Picks call c's instance over `link` and sets it as c's callee (before its request is sent);
 * false if the caller knows of none (its discovery cache is empty): the call then fails at once,
 * unsent, as refused for NO_INSTANCE.
 */
export function routeCall(rt: Runtime, link: LinkRuntime, c: number): boolean {
  const b = balancerOf(rt, link, rt.calls.caller[c]);
  const k = pick(rt, b);
  if (k < 0) {
    const calls = rt.calls;
    calls.reply[c] = CallStatus.REJECTED;
    calls.reason[c] = RejectReason.NO_INSTANCE;
    rt.trace.recordNow(TraceType.NO_INSTANCE, calls.caller[c], c, link.index);
    rt.queue.pushDefault(rt.now, Ev.REPLY_ARRIVE, c); // at Priority.MESSAGE, after what is due now
    return false;
  }
  const instance = b.instances[k];
  // With discovery the caller may know of an instance that is no longer up: its cache is stale.
  if (b.discovery !== undefined && rt.services[instance]?.accepting !== true) b.discovery.staleRoutes++;
  rt.calls.callee[c] = instance;
  b.outstanding[k]++;
  b.routed[k]++;
  b.position.set(c, k);
  rt.trace.recordNow(TraceType.ROUTE, rt.calls.caller[c], c, instance);
  return true;
}

/** Whether the caller knows of the instance at position k: deployed (without discovery), or in its cache. */
function inView(b: Balancer, k: number): boolean {
  return b.discovery === undefined ? k < b.active : b.known[k] === 1;
}

/** Whether the instance at position k may get calls now: known, healthy (as far as health checks tell) and not ejected. */
function eligible(rt: Runtime, b: Balancer, k: number): boolean {
  return inView(b, k) && b.healthy[k] === 1 && b.ejectedUntil[k] <= rt.now;
}

/** The position for the next call (−1: the caller knows of no instance). */
function pick(rt: Runtime, b: Balancer): number {
  const n = b.instances.length;
  // Panic mode: with no instance eligible, every known one is.
  let any = false,
    known = false;
  for (let k = 0; k < n && !any; k++) {
    any = eligible(rt, b, k);
    known ||= inView(b, k);
  }
  if (!any && !known) return -1;
  const ok = (k: number) => (any ? eligible(rt, b, k) : inView(b, k));
  switch (b.algorithm) {
    case Algorithm.RANDOM:
      return randomEligible(b, ok);
    case Algorithm.POWER_OF_TWO: {
      const first = randomEligible(b, ok);
      const second = randomEligible(b, (k) => k !== first && ok(k));
      if (second < 0) return first;
      return b.outstanding[second] < b.outstanding[first] ? second : first;
    }
    case Algorithm.LEAST_OUTSTANDING: {
      let best = -1;
      for (let i = 0; i < n; i++) {
        const k = (b.next + i) % n;
        if (ok(k) && (best < 0 || b.outstanding[k] < b.outstanding[best])) best = k;
      }
      b.next = (best + 1) % n;
      return best;
    }
    case Algorithm.CONSISTENT_HASH: {
      const key = Math.floor((b.keyRng as RandomStream).next() * b.keys);
      return (b.ring as HashRing).owner(key, ok);
    }
    default: {
      for (let i = 0; i < n; i++) {
        const k = (b.next + i) % n;
        if (ok(k)) {
          b.next = (k + 1) % n;
          return k;
        }
      }
      return 0;
    }
  }
}

/** A uniformly random position among those `ok` accepts (−1: none), from the balancer's own stream. */
function randomEligible(b: Balancer, ok: (k: number) => boolean): number {
  const n = b.instances.length;
  let count = 0;
  for (let k = 0; k < n; k++) if (ok(k)) count++;
  if (count === 0) return -1;
  let r = Math.floor(b.rng.next() * count);
  for (let k = 0; k < n; k++) if (ok(k) && r-- === 0) return k;
  return -1;
}

/** Call c over a balanced link ended (its reply or its timeout): count it for its instance, and eject it if it keeps failing. */
export function balancedCallEnded(rt: Runtime, b: Balancer, c: number): void {
  const k = b.position.get(c);
  if (k === undefined) return;
  b.position.delete(c);
  b.outstanding[k]--;
  const e = b.ejection;
  if (e === undefined) return;
  if (rt.calls.status[c] === CallStatus.OK) {
    b.failures[k] = 0;
    return;
  }
  if (++b.failures[k] < e.consecutive || b.ejectedUntil[k] > rt.now) return;
  let ejected = 0,
    known = 0;
  for (let i = 0; i < b.instances.length; i++) {
    if (!inView(b, i)) continue;
    known++;
    if (b.ejectedUntil[i] > rt.now) ejected++;
  }
  if (!inView(b, k) || ((ejected + 1) * 100) / known > e.maxPercent) return;
  b.ejectedUntil[k] = rt.now + e.time;
  b.ejections[k]++;
  b.failures[k] = 0;
  rt.trace.recordNow(TraceType.EJECT, b.caller, b.link, b.instances[k]);
  rt.schedule(b.ejectedUntil[k], Priority.CONTROL, Ev.EJECTION_END, b.link, b.index * b.instances.length + k);
}

/**
 * An ejection over `link` may be over (stale if it was ejected again since): `arg` is the balancer's index × instances + the instance's
 * position.
 */
export function onEjectionEnd(rt: Runtime, link: LinkRuntime, arg: number): void {
  const balancers = link.balancers as readonly Balancer[],
    n = balancers[0].instances.length;
  const b = balancers[Math.floor(arg / n)],
    k = arg % n;
  if (b.ejectedUntil[k] !== rt.now) return;
  rt.trace.recordNow(TraceType.EJECT_END, b.caller, link.index, b.instances[k]);
}

/**
 * A consistent-hash ring over instance positions 0..n−1: each has VIRTUAL_NODES points, placed by
 * a hash of (instance, point) alone, so adding an instance adds its points and moves nothing
 * else. A key goes to the owner of the first point at or after its own hash.
 */
export class HashRing {
  private readonly points: Uint32Array;
  private readonly owners: Int32Array;

  constructor(n: number) {
    const entries: [number, number][] = [];
    for (let k = 0; k < n; k++)
      for (let v = 0; v < VIRTUAL_NODES; v++) entries.push([fmix32(Math.imul(k + 1, 0x9e3779b1) ^ fmix32(v + 0x5bd1e995)), k]);
    // Ties (vanishingly rare) by instance, so the order never depends on the sort's stability.
    entries.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    this.points = Uint32Array.from(entries, (e) => e[0]);
    this.owners = Int32Array.from(entries, (e) => e[1]);
  }

  /** The position owning `key`: the first point at or after its hash (wrapping) whose owner `ok` accepts. */
  owner(key: number, ok: (k: number) => boolean = () => true): number {
    const h = fmix32(Math.imul(key + 1, 0x85ebca6b));
    const points = this.points,
      m = points.length;
    const lo = firstAtOrAfter(points, h);
    for (let i = 0; i < m; i++) {
      const k = this.owners[(lo + i) % m];
      if (ok(k)) return k;
    }
    return this.owners[lo % m];
  }
}
