/**
 * The change schedule: property edits that take effect at a time during the run (how the
 * playground applies an edit made at the playhead). Each change is one engine event; it sets
 * base settings, then lets the fault schedule recombine them with any active faults (a stream
 * change is an action instead: it moves a consumer group's offsets). Who calls
 * whom with which timeout goes through the call wiring, which derives the compiled plans again.
 */
import { PROTOCOL_PROFILES, payloadDelay, type Change, type Link } from '../../model/index.ts';
import { Ev, Priority, type ClientRuntime, type Runtime, type ServiceRuntime } from '../kernel/runtime.ts';
import { TraceType } from '../trace/eventTypes.ts';
import { compileSampler } from '../core/sampler.ts';
import { fillWorkers, setRateLimit, setShedding, stopService, touch } from '../features/service/service.ts';
import { ServiceMode } from '../trace/eventTypes.ts';
import { changeClientRate, changeClientWorkload } from '../features/client/client.ts';
import type { FaultSchedule } from '../faults/faults.ts';
import type { CallWiring } from '../wiring.ts';
import type { CircuitBreaker } from '../policies/circuitBreaker.ts';
import { replaceBulkhead } from '../features/resilience/operations.ts';
import { seekGroup } from '../features/stream/eventStream.ts';
import { instanceStopped } from '../features/registry/registry.ts';
import type { StreamRuntime } from '../kernel/streamRecords.ts';

export class ChangeSchedule {
  constructor(
    private readonly rt: Runtime,
    private readonly changes: readonly Change[],
    private readonly nodeIndex: ReadonlyMap<string, number>,
    private readonly linkIndex: ReadonlyMap<string, number>,
    private readonly faults: FaultSchedule,
    private readonly wiring: CallWiring,
    /** The run's duration: a new workload without a stop sends until then. */
    private readonly duration: number,
    /** Builds link l's breaker from its settings (its timers and trace rows are the simulation's). */
    private readonly buildBreaker: (l: number, config: NonNullable<Change & { kind: 'link' }>['set']['breaker'] & object) => CircuitBreaker,
    /** Mirrors an instance's machine onto its mode (after scaling sent it an event). */
    private readonly syncMode: (svc: ServiceRuntime) => void,
    /** The links' settings in the scenario (what a protocol change recomputes a payload's cost from). */
    private readonly linkSettings: readonly Link[],
  ) {}

  /** Puts every change on the event queue (control priority: before messages at the same time). */
  scheduleAll(): void {
    this.changes.forEach((change, i) => this.rt.schedule(change.at, Priority.CONTROL, Ev.CHANGE, 0, i));
  }

  onChange(index: number): void {
    const rt = this.rt;
    const change = this.changes[index];
    if (change.kind === 'link') {
      const l = this.linkIndex.get(change.link) as number;
      const link = rt.links[l];
      rt.trace.recordNow(TraceType.CHANGE, -1, index, l);
      const { latency, loss, protocol, timeout } = change.set;
      if (latency !== undefined) link.latencySampler = compileSampler(latency);
      if (loss !== undefined) link.baseLoss = loss;
      if (protocol !== undefined) {
        link.protocol = protocol;
        link.overhead = PROTOCOL_PROFILES[protocol].overheadMs;
        // The same payload costs what the new protocol makes of it.
        const settings = this.linkSettings[l];
        if (settings.payload) {
          link.requestDelay = payloadDelay(protocol, settings.payload.request, settings.bandwidth);
          link.responseDelay = payloadDelay(protocol, settings.payload.response, settings.bandwidth);
        }
      }
      // Calls already sent keep the deadline they were sent with.
      if (timeout !== undefined) this.wiring.setLinkTimeout(l, timeout);
      const { deadline, propagateDeadline, retry, fallback, breaker, bulkhead } = change.set;
      const policies = Object.fromEntries(
        Object.entries({ deadline, propagateDeadline, retry, fallback }).filter(([, v]) => v !== undefined),
      );
      if (Object.keys(policies).length > 0) this.wiring.setLinkPolicies(l, policies);
      if (breaker !== undefined) link.breaker = breaker ? this.buildBreaker(l, breaker) : undefined;
      if (bulkhead !== undefined) replaceBulkhead(rt, link, bulkhead);
      if (breaker !== undefined || bulkhead !== undefined)
        this.wiring.setLinkGuards(l, { breaker: breaker ?? undefined, bulkhead: bulkhead ?? undefined });
      this.faults.recomputeLink(link);
      return;
    }
    const node = this.nodeIndex.get(change.target) as number;
    rt.trace.recordNow(TraceType.CHANGE, node, index, -1);
    if (change.kind === 'stream') {
      const s = rt.streams[node] as StreamRuntime;
      seekGroup(
        rt,
        s,
        s.groups.findIndex((g) => g.name === change.group),
        change.set.offsets,
      );
      return;
    }
    if (change.kind === 'client') {
      const { rate, workload, target, timeout } = change.set;
      const client = rt.clients[node] as ClientRuntime;
      if (workload !== undefined) changeClientWorkload(rt, client, workload, this.duration);
      if (rate !== undefined) changeClientRate(rt, client, rate);
      if (timeout !== undefined) this.wiring.setClientTimeout(node, timeout);
      if (target !== undefined) this.wiring.setClientTarget(node, target);
      return;
    }
    const { calls } = change.set;
    // The plan is the service's, shared by its instances; every other setting is each instance's.
    if (calls !== undefined) this.wiring.setCalls(node, calls);
    const instances = rt.instancesOf[node] ?? [node];
    for (const instance of instances) this.changeInstance(rt.service(instance), change.set);
    if (change.set.replicas !== undefined) this.scale(node, change.set.replicas);
  }

  /**
   * Service `node` runs `count` instances from now on: those beyond stop (a clean shutdown), those
   * within that were stopped start; its callers' balancers spread over the first `count` at once.
   */
  private scale(node: number, count: number): void {
    const rt = this.rt;
    const instances = rt.instancesOf[node] ?? Int32Array.of(node);
    instances.forEach((i, k) => {
      const svc = rt.service(i);
      const stopped = svc.mode === ServiceMode.STOPPED;
      if (k < count && stopped) {
        svc.machine.send({ type: 'START' });
        this.syncMode(svc);
      } else if (k >= count && !stopped) {
        svc.machine.send({ type: 'STOP' });
        this.syncMode(svc);
        stopService(rt, svc);
        instanceStopped(rt, svc);
      }
    });
    for (const link of rt.links)
      if (link.balancers !== undefined && link.to === node) for (const b of link.balancers) b.active = Math.min(count, instances.length);
  }

  /** A service change's settings (but its plan) applied to one of its instances. */
  private changeInstance(svc: ServiceRuntime, set: Extract<Change, { kind: 'service' }>['set']): void {
    const rt = this.rt;
    touch(rt, svc);
    const { workers, queueCapacity, serviceTime, errorRate, startupTime, rateLimit, shedding } = set;
    if (rateLimit !== undefined) setRateLimit(svc, rateLimit, rt.now);
    if (shedding !== undefined) setShedding(svc, shedding);
    if (serviceTime !== undefined) svc.serviceTime = compileSampler(serviceTime);
    if (startupTime !== undefined) {
      // The next (re)start waits this long; one already under way keeps its delay.
      svc.startupTime = startupTime;
      svc.machine.send({ type: 'SET_STARTUP', startupTime });
    }
    if (queueCapacity !== undefined) svc.capacity = queueCapacity ?? Infinity;
    if (errorRate !== undefined) svc.baseErrorRate = errorRate;
    this.faults.recomputeService(svc);
    if (workers !== undefined) {
      // A smaller pool takes effect as work finishes; a larger one serves the line at once.
      svc.poolArea += svc.workers * (rt.now - svc.poolSince);
      svc.poolSince = rt.now;
      svc.workers = workers;
      fillWorkers(rt, svc);
    }
  }
}
