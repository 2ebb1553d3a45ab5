/**
 * The fault schedule: each fault starts and (if it has a duration) ends as an engine event.
 * While faults overlap their effects combine: slow factors multiply, error and loss chances
 * combine as independent chances, latency spikes add up, and a partition holds while any
 * partition fault covering that direction is active.
 */
import type { Fault } from '../../model/index.ts';
import {
  Ev,
  Priority,
  type LinkRuntime,
  type QueueRuntime,
  type Runtime,
  type ServiceRuntime,
  type TopicRuntime,
} from '../kernel/runtime.ts';
import { TraceType } from '../trace/eventTypes.ts';
import { handlers } from '../kernel/handlers.ts';
import type { StreamRuntime } from '../kernel/streamRecords.ts';
import type { RegistryRuntime } from '../kernel/records.ts';

export class FaultSchedule {
  private readonly active = new Set<number>();

  constructor(
    private readonly rt: Runtime,
    private readonly faults: readonly Fault[],
    private readonly nodeIndex: ReadonlyMap<string, number>,
    private readonly linkIndex: ReadonlyMap<string, number>,
    /** Called after a service's state machine took an event, to mirror its mode. */
    private readonly syncMode: (component: ServiceRuntime | QueueRuntime | TopicRuntime | StreamRuntime | RegistryRuntime) => void,
  ) {}

  /** Puts every fault's start and end on the event queue. */
  scheduleAll(): void {
    this.faults.forEach((fault, i) => {
      this.rt.schedule(fault.at, Priority.CONTROL, Ev.FAULT_START, 0, i);
      if (fault.duration !== undefined) this.rt.schedule(fault.at + fault.duration, Priority.CONTROL, Ev.FAULT_END, 0, i);
    });
  }

  isActive(index: number): boolean {
    return this.active.has(index);
  }

  onStart(index: number): void {
    const fault = this.faults[index];
    this.active.add(index);
    this.rt.trace.recordNow(TraceType.FAULT_START, this.nodeOf(fault), index, this.linkOf(fault));
    this.apply(fault, true);
  }

  onEnd(index: number): void {
    if (!this.active.delete(index)) return;
    const fault = this.faults[index];
    this.rt.trace.recordNow(TraceType.FAULT_END, this.nodeOf(fault), index, this.linkOf(fault));
    this.apply(fault, false);
  }

  private apply(fault: Fault, starting: boolean): void {
    switch (fault.kind) {
      case 'crash': {
        const node = this.nodeIndex.get(fault.target) as number;
        const broker = this.rt.queues[node] ?? this.rt.topics[node] ?? this.rt.streams[node] ?? this.rt.registries[node];
        if (broker) {
          // A broker outage: a queue's stored messages survive (durable); see features/queue/queueBroker.ts.
          broker.machine.send({ type: starting ? 'CRASH' : 'RESTART' });
          this.syncMode(broker);
          break;
        }
        for (const svc of this.instancesHit(node, fault.instance)) {
          if (starting) {
            svc.machine.send({ type: 'CRASH' });
            this.syncMode(svc);
            handlers.crashService(this.rt, svc);
          } else {
            svc.machine.send({ type: 'RESTART' });
            this.syncMode(svc);
          }
        }
        break;
      }
      case 'slow':
      case 'errors': {
        for (const svc of this.instancesHit(this.nodeIndex.get(fault.target) as number, fault.instance)) {
          this.recomputeService(svc);
          svc.machine.send({ type: starting ? 'IMPAIR' : 'HEAL' });
          this.syncMode(svc);
        }
        break;
      }
      case 'latency':
      case 'loss':
        this.recomputeLink(this.rt.links[this.linkIndex.get(fault.link) as number]);
        break;
      case 'partition':
        for (const link of this.rt.links) this.recomputeLink(link);
        break;
    }
  }

  private activeFaults(): Fault[] {
    return [...this.active].sort((a, b) => a - b).map((i) => this.faults[i]);
  }

  /** The instances of service `node` a fault hits: instance `instance` (1, 2, …), or all of them. */
  private instancesHit(node: number, instance: number | undefined): ServiceRuntime[] {
    const instances = this.rt.instancesOf[node];
    if (instances === undefined) return [this.rt.service(node)];
    return instance === undefined ? Array.from(instances, (i) => this.rt.service(i)) : [this.rt.service(instances[instance - 1])];
  }

  /** Effective slow factor and error rate of a service instance from its base settings and the active faults that hit it. */
  recomputeService(svc: ServiceRuntime): void {
    let slow = 1;
    let healthy = 1 - svc.baseErrorRate;
    let errorFaults = false;
    const id = this.rt.nodeIds[svc.primary];
    for (const f of this.activeFaults()) {
      if ((f.kind !== 'slow' && f.kind !== 'errors') || f.target !== id || (f.instance !== undefined && f.instance !== svc.instance))
        continue;
      if (f.kind === 'slow') slow *= f.factor;
      else {
        healthy *= 1 - f.rate;
        errorFaults = true;
      }
    }
    svc.slowFactor = slow;
    svc.errorRate = errorFaults ? 1 - healthy : svc.baseErrorRate;
  }

  /** Effective latency, loss and partition of a link from its base settings and active faults. */
  recomputeLink(link: LinkRuntime): void {
    let extra = 0;
    let delivered = 1 - link.baseLoss;
    let lossFaults = false;
    let forward = false,
      backward = false;
    const from = this.rt.nodeIds[link.from],
      to = this.rt.nodeIds[link.to];
    for (const f of this.activeFaults()) {
      if (f.kind === 'latency' && f.link === link.id) extra += f.add;
      if (f.kind === 'loss' && f.link === link.id) {
        delivered *= 1 - f.rate;
        lossFaults = true;
      }
      if (f.kind === 'partition') {
        const [a, b] = f.between;
        // Requests travel from→to, replies to→from. A one-way partition cuts messages from a to b.
        if (a === from && b === to) {
          forward = true;
          if (!f.oneWay) backward = true;
        }
        if (a === to && b === from) {
          backward = true;
          if (!f.oneWay) forward = true;
        }
      }
    }
    link.extraLatency = extra;
    link.loss = lossFaults ? 1 - delivered : link.baseLoss;
    link.blockedForward = forward;
    link.blockedBackward = backward;
  }

  private nodeOf(fault: Fault): number {
    if (fault.kind === 'latency' || fault.kind === 'loss') return -1;
    if (fault.kind === 'partition') return this.nodeIndex.get(fault.between[0]) as number;
    return this.nodeIndex.get(fault.target) as number;
  }

  private linkOf(fault: Fault): number {
    return fault.kind === 'latency' || fault.kind === 'loss' ? (this.linkIndex.get(fault.link) as number) : -1;
  }
}
