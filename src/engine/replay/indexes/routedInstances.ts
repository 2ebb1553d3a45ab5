/**
 * Which instance each balanced call went to: a call the caller's load balancer routed (a ROUTE
 * row), or a queue's or stream's delivery to a replicated consumer (a DELIVER or STREAM_DELIVER
 * row: the broker hands it to one instance itself, no balancer), by the instance's number (1 and
 * up, as its card shows it). The overlay writes it beside the call's dots ("#2").
 */
import { TraceType } from '../../trace/eventTypes.ts';
import { deliverRow, routeRow } from '../../trace/rows.ts';
import type { HostsIndexes, IndexedReplay, ReplayIndex, ReplayIndexDef } from '../indexHost.ts';
import type { RunTopology } from '../topology.ts';

/** Per engine node: 1 if it is an instance of a service with several. */
function replicatedNodes(topology: RunTopology): Uint8Array {
  const owner = topology.instanceOf ?? [],
    numbers = topology.instanceNumber ?? [];
  const many = new Set<number>();
  numbers.forEach((n, i) => {
    if (n > 1) many.add(owner[i] ?? i);
  });
  return Uint8Array.from(topology.nodeIds, (_, i) => (many.has(owner[i] ?? i) ? 1 : 0));
}

/** Whether a run has a service of several instances (only then are calls routed). */
export const hasReplicas = (topology: RunTopology): boolean => (topology.instanceNumber ?? []).some((n) => n > 1);

/** The instance number of every routed call (see the file comment). */
export class RoutedInstancesIndex implements ReplayIndex {
  /** Per call: the instance number it was routed to; 0 for a call no balancer routed (or beyond the array). */
  instances = new Int32Array(1024);
  private readonly many: Uint8Array;

  constructor(private readonly replay: IndexedReplay) {
    this.many = replicatedNodes(replay.topology);
  }

  feed(from: number, to: number): void {
    const trace = this.replay.trace,
      numbers = this.replay.topology.instanceNumber ?? [];
    for (let row = from; row < to; row++) {
      const type = trace.type(row);
      let node: number, call: number;
      if (type === TraceType.ROUTE) ({ instance: node, call } = routeRow(trace, row));
      else if (type === TraceType.DELIVER || type === TraceType.STREAM_DELIVER) {
        call = deliverRow(trace, row).call;
        node = this.replay.call(call).callee;
        if (this.many[node] !== 1) continue;
      } else continue;
      if (call >= this.instances.length) {
        let capacity = this.instances.length;
        while (capacity <= call) capacity *= 2;
        const grown = new Int32Array(capacity);
        grown.set(this.instances);
        this.instances = grown;
      }
      this.instances[call] = numbers[node] ?? 1;
    }
  }

  /** The instance number call `call` was routed to (0: none). */
  of(call: number): number {
    return call < this.instances.length ? this.instances[call] : 0;
  }
}

export const routedInstancesIndex: ReplayIndexDef<RoutedInstancesIndex> = {
  name: 'routedInstances',
  create: (replay) => new RoutedInstancesIndex(replay),
};

/** The routed-instances index of `replay`'s run; undefined for a run without replicas (then nothing is built). */
export function routedInstances(replay: HostsIndexes & { readonly topology: RunTopology }): RoutedInstancesIndex | undefined {
  return hasReplicas(replay.topology) ? replay.index(routedInstancesIndex) : undefined;
}
