/**
 * How many calls a run will make, estimated from the scenario before it starts, so the call
 * table can be allocated once instead of doubling (and copying every column) a dozen times.
 * An estimate only: a low one just means the table grows as usual; it is capped so a long
 * scenario that is run only a little does not reserve memory it never uses. A run that does
 * outgrow the cap grows towards the estimate (see `CallTable`), not by doubling one step at a time.
 */
import { callsOf, distributionMean, type Scenario, type ServiceNode } from '../model/index.ts';

/** Never reserve more than this many call rows up front (105 bytes each: about 28 MB). */
export const MAX_RESERVED_CALLS = 1 << 18;
const MIN_RESERVED_CALLS = 1 << 12;

/** Rows to reserve in the call table for this scenario. */
export function reservedCalls(scenario: Scenario): number {
  return Math.min(MAX_RESERVED_CALLS, Math.max(MIN_RESERVED_CALLS, expectedCalls(scenario)));
}

/** The calls a whole run of this scenario is expected to make (with 5 % to spare), uncapped. */
export function expectedCalls(scenario: Scenario): number {
  const services = new Map(scenario.nodes.flatMap((n) => (n.kind === 'service' ? [[n.id, n] as const] : [])));
  // Calls one request to a service causes, itself included (a cycle counts once). A depth-first
  // walk with its own stack (a chain of any length fits), adding in the order a recursion would.
  const perRequest = new Map<string, number>();
  const visiting = new Set<string>();
  /** The answer without walking: known, or 1 for a node that is not a service or is on the walk's path. */
  const settled = (id: string): number | undefined => perRequest.get(id) ?? (!services.has(id) || visiting.has(id) ? 1 : undefined);
  const open = (id: string) => {
    visiting.add(id);
    const targets = (services.get(id) as ServiceNode).calls.flatMap((step) => callsOf(step).map((call) => call.to));
    return { id, targets, next: 0, total: 1 };
  };
  const callsPerRequest = (root: string): number => {
    const known = settled(root);
    if (known !== undefined) return known;
    const path = [open(root)];
    for (;;) {
      const top = path[path.length - 1];
      if (top.next < top.targets.length) {
        const to = top.targets[top.next++];
        const value = settled(to);
        if (value === undefined) path.push(open(to));
        else top.total += value;
        continue;
      }
      path.pop();
      visiting.delete(top.id);
      perRequest.set(top.id, top.total);
      if (path.length === 0) return top.total;
      path[path.length - 1].total += top.total;
    }
  };
  let estimate = 0;
  for (const node of scenario.nodes) {
    if (node.kind !== 'client') continue;
    const w = node.workload;
    const seconds = Math.max(0, (w.stop ?? scenario.duration) - (w.start ?? 0)) / 1000;
    let requests: number;
    switch (w.pattern) {
      case 'constant': case 'poisson': requests = w.rate * seconds; break;
      case 'ramp': requests = ((w.from + w.to) / 2) * seconds; break;
      case 'bursts': requests = w.size * Math.ceil((seconds * 1000) / w.every); break;
      // Each user at most one request per think time (plus at least a millisecond of response).
      case 'closed': requests = w.users * seconds * (1000 / Math.max(1, distributionMean(w.thinkTime))); break;
    }
    estimate += requests * callsPerRequest(node.target);
  }
  return Math.ceil(estimate * 1.05);
}
