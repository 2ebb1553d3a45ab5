/**
 * The one-line summary a node shows under its name on the canvas ("2 workers · 40ms",
 * "poisson 5/s"): enough to tell nodes apart and see the load at a glance; the inspector has the rest.
 */
import { ServiceNodeSchema, distributionMean, formatDuration } from '../../model/index.ts';
import type { NodeInput } from '../../store/document/commands.ts';

type ClientInput = Extract<NodeInput, { kind: 'client' }>;
type ServiceInput = Extract<NodeInput, { kind: 'service' }>;

/** What a client sends: its load pattern and rate ("poisson 5/s", "closed 10 users"). */
export function clientSummary(node: ClientInput): string {
  const w = node.workload;
  switch (w.pattern) {
    case 'constant':
    case 'poisson': return `${w.pattern} ${formatNumber(w.rate)}/s`;
    case 'bursts': return `bursts of ${w.size} every ${durationText(w.every)}`;
    case 'ramp': return `ramp ${formatNumber(w.from)}→${formatNumber(w.to)}/s`;
    case 'closed': return `closed · ${w.users} ${w.users === 1 ? 'user' : 'users'}`;
  }
}

/** A service's pool and typical work time ("2 workers · 40ms"). */
export function serviceSummary(node: ServiceInput): string {
  // The schema's defaults fill unset fields, so the summary reads like what the engine will run.
  const workers = ServiceNodeSchema.shape.workers.safeParse(node.workers);
  const pool = workers.success ? `${workers.data} ${workers.data === 1 ? 'worker' : 'workers'}` : 'workers?';
  const time = ServiceNodeSchema.shape.serviceTime.safeParse(node.serviceTime);
  if (!time.success) return pool;
  const mean = distributionMean(time.data);
  // A Pareto with shape ≤ 1 has no finite mean: name the distribution instead.
  return `${pool} · ${Number.isFinite(mean) ? formatDuration(mean) : time.data.dist}`;
}

function durationText(value: string | number): string {
  return typeof value === 'number' ? formatDuration(value) : value.trim();
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}
