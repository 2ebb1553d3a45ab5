/**
 * A service registry (Eureka/Consul-like) and client-side discovery.
 *
 * - **registration**: every instance of a service linked to a registry sends it a heartbeat as
 *   it comes up and then every `heartbeatInterval` while it is up, over that link (so loss and
 *   partitions hit heartbeats too). A heartbeat registers an unknown, expired or deregistered
 *   entry, and renews its lease; an entry whose lease (`ttl`) runs out expires. A crash just
 *   stops the heartbeats: the entry stays listed, stale, until it expires. A clean shutdown
 *   (scaled away) deregisters at once. Entries are XState machines (./registryMachine.ts).
 * - **lookups**: a caller whose link to a service has `discovery` asks the registry for the
 *   service's listed instances every `refreshInterval` (over its own link to the registry) and
 *   keeps the answer as its cache; its balancer spreads calls over the cached instances only.
 *   Each instance of a replicated caller looks up for itself and keeps its own cache (one that
 *   was down missed its lookups meanwhile, and its cache is as old as its last one). A
 *   failed lookup (the registry down, a lost message) keeps the old cache. At the start the
 *   system is taken as running: every instance up then is registered and in every cache.
 * - a registry that is down (a crash fault: an outage) refuses heartbeats and lookups; leases
 *   that lapsed meanwhile expire when it is back.
 *
 * Rows: REGISTRY_ANSWER (node = registry, a = call, b = RegistryCall), REGISTRY_ENTRY (node =
 * registry, a = instance, b = EntryState), CACHE_ADD / CACHE_REMOVE (node = caller instance,
 * a = link, b = instance).
 */
import type { Scenario } from '../../../model/index.ts';
import { MachineHost } from '../../core/machineHost.ts';
import type { CallSites } from '../../kernel/records.ts';
import type { LinkRuntime, Runtime, ServiceRuntime } from '../../kernel/runtime.ts';
import { Ev, Priority } from '../../kernel/runtime.ts';
import { CallStatus, RegistryCall, RejectReason, TraceType } from '../../trace/eventTypes.ts';
import { confirmAtOnce, refuseAtOnce } from '../../kernel/answers.ts';
import { startCall } from '../../kernel/calls.ts';
import {
  balancerOf,
  type Balancer,
  type Discovery,
  type Registration,
  type RegistryEntry,
  type RegistryRuntime,
} from '../../kernel/records.ts';
import { EntryState, ENTRY_STATE_NAMES, isListed, registryEntryMachine } from './registryMachine.ts';
import { SERVICE_MODE_NAMES, ServiceMode, serviceMachine } from '../../kernel/serviceMachine.ts';

/** What a call to a registry is (the b of its REGISTRY_ANSWER row). */
export { RegistryCall } from '../../trace/eventTypes.ts';

export type { Discovery, Registration, RegistryEntry, RegistryRuntime } from '../../kernel/records.ts';

/**
 * Registries: each instance of a service linked to one registers there (its heartbeats over
 * that link, timed out after an interval); each discovering link looks up over its caller's link
 * to the registry its target registers with (timed out by that link's timeout, else the refresh).
 */
export function wireRegistries(rt: Runtime, scenario: Scenario, nodeIndex: ReadonlyMap<string, number>, wiring: CallSites): void {
  const registryOf = new Map<number, number>();
  scenario.links.forEach((l, i) => {
    const to = nodeIndex.get(l.to) as number,
      from = nodeIndex.get(l.from) as number;
    const registry = rt.registries[to];
    // A gateway's or load balancer's link to a registry is for its lookups only: it does not register.
    if (!registry || rt.services[from] === undefined || rt.services[from]?.gateway !== undefined) return;
    registryOf.set(from, to);
    const lane = rt.timeouts.laneFor(l.timeout ?? registry.heartbeatInterval);
    for (const instance of rt.instancesOf[from] ?? [from]) rt.registrations[instance] = { registry: to, link: i, lane, generation: 0 };
  });
  scenario.links.forEach((l, i) => {
    const balancers = rt.links[i].balancers;
    if (!l.discovery || !balancers) return;
    const registry = registryOf.get(rt.links[i].to) as number;
    const lookupLink = wiring.linkFor(l.from, scenario.nodes[registry].id);
    const lane = rt.timeouts.laneFor(scenario.links[lookupLink].timeout ?? l.discovery.refreshInterval);
    for (const b of balancers)
      (b as { discovery: Discovery }).discovery = {
        registry,
        lookupLink,
        lane,
        refresh: l.discovery.refreshInterval,
        lookups: 0,
        staleRoutes: 0,
      };
  });
}

const noTimers = () => {
  throw new Error('a registry entry has no timers of its own');
};

export function buildRegistry(rt: Runtime, index: number, id: string, ttl: number, heartbeatInterval: number): RegistryRuntime {
  const machine = new MachineHost(serviceMachine, { startupTime: 0 }, (delay, token) =>
    rt.schedule(rt.now + delay, Priority.CONTROL, Ev.MACHINE_TIMER, index, token),
  );
  const mode = SERVICE_MODE_NAMES.indexOf(machine.state as (typeof SERVICE_MODE_NAMES)[number]);
  return {
    node: index,
    id,
    ttl,
    heartbeatInterval,
    accepting: mode === ServiceMode.HEALTHY,
    mode,
    machine,
    entries: new Map(),
    heartbeats: 0,
    lookups: 0,
    registrations: 0,
    expirations: 0,
    deregistrations: 0,
    refused: 0,
  };
}

/**
 * At the start: the instances up now are registered, heartbeat from `heartbeatInterval` on, and are in every discovering caller's cache.
 */
export function bootstrapRegistries(rt: Runtime): void {
  rt.registrations.forEach((reg, instance) => {
    if (!reg || !rt.service(instance).accepting) return;
    const registry = rt.registries[reg.registry] as RegistryRuntime;
    // Registered and renewed before the run began: listed, healthy.
    heartbeatArrived(rt, registry, instance, false);
    sendEntry(rt, registry, registry.entries.get(instance) as RegistryEntry, { type: 'HEARTBEAT' });
    scheduleHeartbeat(rt, instance, reg);
  });
  for (const link of rt.links) {
    for (const b of link.balancers ?? []) {
      const d = b.discovery;
      if (!d) continue;
      setCache(rt, link, b, listedInstances(rt.registries[d.registry] as RegistryRuntime, link));
      rt.schedule(rt.now + d.refresh, Priority.CONTROL, Ev.DISCOVERY_REFRESH, link.index, b.index);
    }
  }
}

/** Instance `svc` came up (a start, a restart): it registers now and heartbeats from then on. */
export function instanceUp(rt: Runtime, svc: ServiceRuntime): void {
  const reg = rt.registrations[svc.node];
  if (!reg) return;
  reg.generation++;
  sendRegistryCall(rt, svc.node, reg, RegistryCall.HEARTBEAT);
  scheduleHeartbeat(rt, svc.node, reg);
}

/** Instance `svc` is shut down cleanly: its heartbeats stop and it deregisters. */
export function instanceStopped(rt: Runtime, svc: ServiceRuntime): void {
  const reg = rt.registrations[svc.node];
  if (!reg) return;
  reg.generation++;
  sendRegistryCall(rt, svc.node, reg, RegistryCall.DEREGISTER);
}

/** Instance `instance`'s heartbeat is due (its loop ends when it is down or a newer loop took over). */
export function onHeartbeatDue(rt: Runtime, instance: number, generation: number): void {
  const reg = rt.registrations[instance] as Registration;
  if (reg.generation !== generation || !rt.service(instance).accepting) return;
  sendRegistryCall(rt, instance, reg, RegistryCall.HEARTBEAT);
  scheduleHeartbeat(rt, instance, reg);
}

/** Instance `instance`'s next heartbeat, one interval from now, in its registration's current loop. */
function scheduleHeartbeat(rt: Runtime, instance: number, reg: Registration): void {
  rt.schedule(
    rt.now + (rt.registries[reg.registry] as RegistryRuntime).heartbeatInterval,
    Priority.CONTROL,
    Ev.HEARTBEAT,
    instance,
    reg.generation,
  );
}

function sendRegistryCall(rt: Runtime, from: number, reg: Registration, kind: number): void {
  const c = startCall(rt, -1, from, reg.registry, reg.link, reg.lane);
  rt.registryCalls.set(c, kind);
}

/**
 * Time for caller instance `index` (its balancer's) over balanced `link` to look its service up again (and to schedule its next lookup).
 */
export function onDiscoveryRefresh(rt: Runtime, link: LinkRuntime, index: number): void {
  const b = (link.balancers as readonly Balancer[])[index];
  const d = b.discovery as Discovery;
  rt.schedule(rt.now + d.refresh, Priority.CONTROL, Ev.DISCOVERY_REFRESH, link.index, index);
  // A caller that is down looks nothing up.
  const caller = rt.services[b.caller];
  if (caller !== undefined && !caller.accepting) return;
  d.lookups++;
  const c = startCall(rt, -1, b.caller, d.registry, d.lookupLink, d.lane);
  rt.registryCalls.set(c, RegistryCall.LOOKUP);
  rt.lookupFor.set(c, link.index);
}

/** A call reached registry `reg`: a heartbeat, a deregistration or a lookup, answered at once (or refused while it is down). */
export function onRegistryArrive(rt: Runtime, reg: RegistryRuntime, c: number): void {
  const calls = rt.calls;
  calls.arrivedAt[c] = rt.now;
  rt.trace.recordNow(TraceType.ARRIVE, reg.node, c, 0);
  if (!reg.accepting) {
    reg.refused++;
    refuseAtOnce(rt, reg.node, c, RejectReason.UNAVAILABLE);
    return;
  }
  const kind = rt.registryCalls.get(c) as number;
  if (kind === RegistryCall.HEARTBEAT) heartbeatArrived(rt, reg, calls.caller[c]);
  else if (kind === RegistryCall.DEREGISTER) {
    const entry = reg.entries.get(calls.caller[c]);
    if (entry) {
      reg.deregistrations++;
      sendEntry(rt, reg, entry, { type: 'DEREGISTER' });
    }
  } else {
    reg.lookups++;
    rt.lookupAnswers.set(c, listedInstances(reg, rt.links[rt.lookupFor.get(c) as number]));
  }
  confirmAtOnce(rt, reg.node, c, TraceType.REGISTRY_ANSWER, kind);
}

function heartbeatArrived(rt: Runtime, reg: RegistryRuntime, instance: number, counted = true): void {
  if (counted) reg.heartbeats++;
  let entry = reg.entries.get(instance);
  if (!entry) {
    const machine = new MachineHost(registryEntryMachine, undefined, noTimers);
    entry = { instance, machine, state: EntryState.REGISTERED, lastHeartbeat: rt.now, expiresAt: 0 };
    reg.entries.set(instance, entry);
    if (counted) reg.registrations++;
    rt.trace.recordNow(TraceType.REGISTRY_ENTRY, reg.node, instance, EntryState.REGISTERED);
  } else {
    if (!isListed(entry.state)) reg.registrations++;
    sendEntry(rt, reg, entry, { type: 'HEARTBEAT' });
  }
  entry.lastHeartbeat = rt.now;
  entry.expiresAt = rt.now + reg.ttl;
  rt.schedule(entry.expiresAt, Priority.CONTROL, Ev.REGISTRY_TIMER, reg.node, instance);
}

function sendEntry(rt: Runtime, reg: RegistryRuntime, entry: RegistryEntry, event: { type: 'HEARTBEAT' | 'EXPIRE' | 'DEREGISTER' }): void {
  entry.machine.send(event);
  const state = ENTRY_STATE_NAMES.indexOf(entry.machine.state as (typeof ENTRY_STATE_NAMES)[number]);
  if (state === entry.state) return;
  entry.state = state;
  rt.trace.recordNow(TraceType.REGISTRY_ENTRY, reg.node, entry.instance, state);
}

/** Instance `instance`'s lease at registry `reg` may have run out (stale if renewed since; swept later if the registry is down). */
export function onRegistryTimer(rt: Runtime, reg: RegistryRuntime, instance: number): void {
  const entry = reg.entries.get(instance);
  if (!entry || !reg.accepting || entry.expiresAt !== rt.now || !isListed(entry.state)) return;
  expireEntry(rt, reg, entry);
}

/** Registry `reg` is back after an outage: the leases that ran out meanwhile expire now. */
export function registryBack(rt: Runtime, reg: RegistryRuntime): void {
  for (const entry of reg.entries.values()) if (isListed(entry.state) && entry.expiresAt <= rt.now) expireEntry(rt, reg, entry);
}

function expireEntry(rt: Runtime, reg: RegistryRuntime, entry: RegistryEntry): void {
  reg.expirations++;
  sendEntry(rt, reg, entry, { type: 'EXPIRE' });
}

/** Positions (in the link's balancer) of the target's instances that `reg` lists now. */
function listedInstances(reg: RegistryRuntime, link: LinkRuntime): Uint8Array {
  const b = link.balancer;
  if (!b) throw new Error(`link ${link.id} discovers nothing`);
  const listed = new Uint8Array(b.instances.length);
  b.instances.forEach((instance, k) => {
    const e = reg.entries.get(instance);
    if (e && isListed(e.state)) listed[k] = 1;
  });
  return listed;
}

/** A registry call ended (its answer, its refusal, its timeout): an answered lookup replaces its caller's cache. */
export function registryCallEnded(rt: Runtime, c: number, kind: number): void {
  rt.registryCalls.delete(c);
  if (kind !== RegistryCall.LOOKUP) return;
  const link = rt.links[rt.lookupFor.get(c) as number];
  const answer = rt.lookupAnswers.get(c);
  rt.lookupFor.delete(c);
  rt.lookupAnswers.delete(c);
  // The lookup's caller is the instance whose cache it refreshes.
  if (rt.calls.status[c] === CallStatus.OK && answer) setCache(rt, link, balancerOf(rt, link, rt.calls.caller[c]), answer);
}

/** Caller instance `b`'s cache over balanced `link` becomes `known`; each instance it gains or loses is a CACHE_ADD or CACHE_REMOVE row. */
function setCache(rt: Runtime, link: LinkRuntime, b: Balancer, known: Uint8Array): void {
  for (let k = 0; k < known.length; k++) {
    if (known[k] === b.known[k]) continue;
    b.known[k] = known[k];
    rt.trace.recordNow(known[k] ? TraceType.CACHE_ADD : TraceType.CACHE_REMOVE, b.caller, link.index, b.instances[k]);
  }
}
