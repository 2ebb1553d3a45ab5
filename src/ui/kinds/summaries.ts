/**
 * The one-line summary a node shows under its name on the canvas ("2 workers · 40ms",
 * "poisson 5/s", "up to 1,000 · drop oldest", "fans out to 2 queues", "3 partitions · keep 1h",
 * "heartbeat 5s · TTL 15s", "2 routes · auth · 50/s per client"): enough to tell nodes apart and
 * see the load at a glance; the inspector has the rest.
 */
import {
  GatewayNodeSchema,
  QueueNodeSchema,
  RegistryNodeSchema,
  ServiceNodeSchema,
  StreamNodeSchema,
  distributionMean,
  formatDuration,
} from '../../model/index.ts';
import type { DocumentInput, NodeInput } from '../../store/document/commands.ts';

type ClientInput = Extract<NodeInput, { kind: 'client' }>;
type ServiceInput = Extract<NodeInput, { kind: 'service' }>;
type QueueInput = Extract<NodeInput, { kind: 'queue' }>;
type StreamInput = Extract<NodeInput, { kind: 'stream' }>;
type RegistryInput = Extract<NodeInput, { kind: 'registry' }>;
type GatewayInput = Extract<NodeInput, { kind: 'gateway' }>;
type LoadBalancerInput = Extract<NodeInput, { kind: 'loadBalancer' }>;

/** What a client sends: its load pattern and rate ("poisson 5/s", "closed 10 users"). */
export function clientSummary(node: ClientInput): string {
  const w = node.workload;
  switch (w.pattern) {
    case 'constant':
    case 'poisson':
      return `${w.pattern} ${formatNumber(w.rate)}/s`;
    case 'bursts':
      return `bursts of ${w.size} every ${durationText(w.every)}`;
    case 'ramp':
      return `ramp ${formatNumber(w.from)}→${formatNumber(w.to)}/s`;
    case 'closed':
      return `closed · ${w.users} ${w.users === 1 ? 'user' : 'users'}`;
  }
}

/** A service's pool and typical work time ("2 workers · 40ms"; with replicas, "3 × 2 workers · 40ms": a pool per instance). */
export function serviceSummary(node: ServiceInput): string {
  // The schema's defaults fill unset fields, so the summary reads like what the engine will run.
  const workers = ServiceNodeSchema.shape.workers.safeParse(node.workers);
  const replicas = ServiceNodeSchema.shape.replicas.safeParse(node.replicas);
  const times = replicas.success && replicas.data > 1 ? `${replicas.data} × ` : '';
  const pool = `${times}${workers.success ? `${workers.data} ${workers.data === 1 ? 'worker' : 'workers'}` : 'workers?'}`;
  const time = ServiceNodeSchema.shape.serviceTime.safeParse(node.serviceTime);
  if (!time.success) return pool;
  const mean = distributionMean(time.data);
  // A Pareto with shape ≤ 1 has no finite mean: name the distribution instead.
  return `${pool} · ${Number.isFinite(mean) ? formatDuration(mean) : time.data.dist}`;
}

/**
 * A queue's bound and what happens when it is full ("up to 1,000 · drop oldest"), or its ack
 * window when unbounded ("unbounded · ack within 30s"): the two things that decide whether a
 * backlog loses messages.
 */
export function queueSummary(node: QueueInput): string {
  const limit = QueueNodeSchema.shape.maxLength.safeParse(node.maxLength);
  if (limit.success && limit.data !== null) {
    const overflow = QueueNodeSchema.shape.overflow.safeParse(node.overflow);
    const full = overflow.success && overflow.data === 'rejectPublish' ? 'refuse when full' : 'drop oldest';
    return `up to ${limit.data.toLocaleString('en-US')} · ${full}`;
  }
  const visibility = QueueNodeSchema.shape.visibilityTimeout.safeParse(node.visibilityTimeout);
  return visibility.success ? `unbounded · ack within ${formatDuration(visibility.data)}` : 'unbounded';
}

/** The queues topic `topicId` sends its copies to (its subscriptions: links from it to a queue), in link order. */
export function topicSubscriptions(doc: Pick<DocumentInput, 'nodes' | 'links'>, topicId: string): string[] {
  const queues = new Set(doc.nodes.filter((n) => n.kind === 'queue').map((n) => n.id));
  return (doc.links ?? []).filter((l) => l.from === topicId && queues.has(l.to)).map((l) => l.to);
}

/**
 * A topic's reach ("fans out to 2 queues", or "no subscriptions yet"): a topic has no settings,
 * so what it does is decided by the document's links from it to queues.
 */
export function topicSummary(doc: Pick<DocumentInput, 'nodes' | 'links'>, topicId: string): string {
  const n = topicSubscriptions(doc, topicId).length;
  return n === 0 ? 'no subscriptions yet' : `fans out to ${n} ${n === 1 ? 'queue' : 'queues'}`;
}

/**
 * A stream's shape and how long it keeps what it holds ("3 partitions · keep 1h", or "keep all"
 * without retention): the partitions bound how many members of a group work at once, and the
 * retention decides whether a slow group can lose unread messages.
 */
export function streamSummary(node: StreamInput): string {
  // The schema's defaults fill unset fields, so the summary reads like what the engine will run.
  const partitions = StreamNodeSchema.shape.partitions.safeParse(node.partitions);
  const lanes = partitions.success ? `${partitions.data} ${partitions.data === 1 ? 'partition' : 'partitions'}` : 'partitions?';
  const retention = StreamNodeSchema.shape.retention.safeParse(node.retention);
  if (!retention.success) return lanes;
  return `${lanes} · ${retention.data === null ? 'keep all' : `keep ${retentionText(retention.data)}`}`;
}

/**
 * A registry's lease ("heartbeat 5s · TTL 15s"): how often instances say they are alive, and how
 * long a silent one stays listed (a crashed instance is stale for up to the TTL).
 */
export function registrySummary(node: RegistryInput): string {
  // The schema's defaults fill unset fields, so the summary reads like what the engine will run.
  const beat = RegistryNodeSchema.shape.heartbeatInterval.safeParse(node.heartbeatInterval);
  const ttl = RegistryNodeSchema.shape.ttl.safeParse(node.ttl);
  return `heartbeat ${beat.success ? formatDuration(beat.data) : '?'} · TTL ${ttl.success ? formatDuration(ttl.data) : '?'}`;
}

/**
 * A gateway's door ("2 routes · auth · 50/s per client"): how many routes it has, whether it checks
 * tokens, and each client's rate limit, the three things that decide what it refuses.
 */
export function gatewaySummary(node: GatewayInput): string {
  const routes = Array.isArray(node.routes) ? node.routes.length : 0;
  const parts = [`${routes} ${routes === 1 ? 'route' : 'routes'}`];
  if (node.auth === true) parts.push('auth');
  const limit = GatewayNodeSchema.shape.rateLimit.safeParse(node.rateLimit);
  if (limit.success && limit.data) parts.push(`${formatNumber(limit.data.rate)}/s per client`);
  return parts.join(' · ');
}

/** A load balancer's service ("over catalog"), or that it has none yet: its link to the service says how it spreads requests. */
export function loadBalancerSummary(node: LoadBalancerInput): string {
  return typeof node.to === 'string' && node.to !== '' ? `over ${node.to}` : 'no service yet';
}

/** A retention as people say it: whole hours in hours ("1h", not the model's "60m"). */
function retentionText(ms: number): string {
  return ms >= 3_600_000 && ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : formatDuration(ms);
}

function durationText(value: string | number): string {
  return typeof value === 'number' ? formatDuration(value) : value.trim();
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}
