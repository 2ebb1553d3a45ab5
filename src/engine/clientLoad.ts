/**
 * How many requests a client sends in a run, worked out from its workload (and the workloads and
 * rates its changes set during the run), without running anything: the base of the run's work
 * estimate (capacity.ts).
 */
import { MIN_USER_CYCLE_MS, type ClientNode, type Scenario, type Workload } from '../model/index.ts';

type Change = Scenario['changes'][number];

/**
 * Requests `client` sends in a run of `duration` ms. `cycle(w)` is a closed loop's least time
 * between two requests of one user, ms (counted as at least MIN_USER_CYCLE_MS).
 */
export function clientRequests(client: ClientNode, changes: readonly Change[], duration: number, cycle: (w: Workload) => number): number {
  // The workload in force from each time on: the client's own, then each change's (in time order).
  const segments: { from: number; origin: number; w: Workload }[] = [{ from: 0, origin: client.workload.start ?? 0, w: client.workload }];
  const own = changes.flatMap((c) => (c.kind === 'client' && c.target === client.id ? [c] : [])).sort((a, b) => a.at - b.at);
  for (const change of own) {
    const current = segments[segments.length - 1].w;
    const { workload, rate } = change.set;
    if (workload) segments.push({ from: change.at, origin: Math.max(change.at, workload.start ?? 0), w: workload });
    else if (rate !== undefined && (current.pattern === 'constant' || current.pattern === 'poisson')) {
      segments.push({ from: change.at, origin: change.at, w: { ...current, rate } });
    }
  }
  let total = 0;
  segments.forEach(({ from, origin, w }, k) => {
    const end = Math.min(duration, segments[k + 1]?.from ?? duration, w.stop ?? duration);
    const begin = Math.max(from, w.start ?? 0);
    if (end > begin) total += requestsIn(w, origin, begin, end, cycle);
  });
  return total;
}

/** Requests workload `w` (its schedule counted from `origin`) sends from `begin` to `end`, ms. */
function requestsIn(w: Workload, origin: number, begin: number, end: number, cycle: (w: Workload) => number): number {
  switch (w.pattern) {
    case 'constant':
    case 'poisson':
      return (w.rate * (end - begin)) / 1000;
    case 'ramp': {
      // The rate rises (or falls) linearly over `over`, then stays at `to`: its integral from the origin.
      const upTo = (t: number) => {
        const d = Math.max(0, t - origin);
        const ramp = Math.min(d, w.over);
        return w.from * ramp + ((w.to - w.from) * ramp * ramp) / (2 * w.over) + w.to * (d - ramp);
      };
      return (upTo(end) - upTo(begin)) / 1000;
    }
    case 'bursts': {
      const bursts = Math.ceil((end - origin) / w.every) - Math.ceil((begin - origin) / w.every);
      return w.size * Math.max(0, bursts);
    }
    case 'closed':
      return (w.users * (end - begin)) / Math.max(MIN_USER_CYCLE_MS, cycle(w));
  }
}
