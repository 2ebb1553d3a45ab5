/**
 * The concepts of the curriculum: every concept docs/CONCEPTS.md §1–8 promises, by the plain name a
 * lesson uses for it in its `concepts` list (the lesson list shows these names). Each entry quotes
 * the words of CONCEPTS.md it stands for, under its section: test/lessons/concepts.test.ts checks
 * that every quote is there (so an edit of the document cannot leave a stale entry), that every
 * term CONCEPTS.md sets in bold is quoted by an entry (so a new concept cannot be left out), and
 * that every concept is taught by at least one lesson, save those listed in NOT_YET_TAUGHT.
 */

/** One concept: its name as lessons and the app use it, the section of CONCEPTS.md (1–8) and the words there it stands for. */
export interface Concept {
  readonly name: string;
  readonly section: number;
  /** Words of that section, as written (bold and line breaks aside). */
  readonly quote: string;
}

const c = (section: number, name: string, quote: string): Concept => ({ name, section, quote });

export const CONCEPTS: readonly Concept[] = [
  // 1. Synchronous request/response
  c(1, 'Synchronous request/response', 'the caller sends a request and blocks'),
  c(1, 'HTTP/REST', 'HTTP/REST'),
  c(1, 'Serialization cost', 'JSON payloads cost serialization time and bytes'),
  c(1, 'gRPC', 'gRPC: same shape, lower per-call overhead'),
  c(1, 'gRPC server streaming', 'also server-streaming (one request, many replies)'),
  c(1, 'GraphQL', 'GraphQL: one client query fans out to several resolvers'),
  c(1, 'WebSockets', 'WebSockets: a long-lived connection over which the server pushes messages'),
  c(1, 'A waiting caller holds a worker', "the caller's worker is occupied while waiting"),
  c(1, 'Latency adds up along a chain', 'latency adds up hop by hop along a call chain'),
  c(1, 'Cascading slowness', 'one slow dependency makes every caller slow (the cascade)'),
  // 2. Asynchronous communication
  c(2, 'Async HTTP (202 + polling)', 'Async HTTP (202 + status URL)'),
  c(2, 'Message queues', 'Message queue (RabbitMQ / SQS style): point-to-point'),
  c(2, 'Competing consumers', 'competing consumers'),
  c(2, 'At-least-once delivery', 'at-least-once delivery with ack/nack'),
  c(2, 'Redelivery after a visibility timeout', 'unacked messages are redelivered after a visibility timeout'),
  c(2, 'Dead-letter queues', 'poison messages go to a dead-letter queue after N attempts'),
  c(2, 'Prefetch limits', 'prefetch limits'),
  c(2, 'Backlogs grow and drain', 'backlog grows when consumers are slow or down, and drains when they return'),
  c(2, 'Publish/subscribe', 'Publish/subscribe topic (SNS / fanout exchange): one publish, one copy per subscription'),
  c(2, 'Event streams', 'Event stream / log (Kafka style): partitions'),
  c(2, 'Ordering per key within a partition', 'ordering per key within a partition'),
  c(2, 'Consumer groups', 'consumer groups with one owner per partition'),
  c(2, 'Committed offsets and consumer lag', 'committed offsets, consumer lag'),
  c(2, 'Replay from an offset', 'replay from an offset'),
  c(2, 'Retention', 'retention.'),
  c(2, 'Message vs event', 'Message vs event'),
  c(2, 'The producer moves on at once', 'the producer is free immediately'),
  c(2, 'Duplicates after redelivery', 'duplicates after redelivery'),
  // 3. Choosing sync vs async (the seeds' case study)
  c(3, 'Choosing sync vs async', 'Order calls Payment synchronously (needs the answer now) and publishes OrderPlaced asynchronously'),
  // 4. Entry, discovery and distribution
  c(4, 'API gateway', 'API gateway: single entry point'),
  c(4, 'Routing by path', 'routes by path to services'),
  c(4, 'Token authentication (JWT)', "validates the caller's token (JWT) and rejects bad ones"),
  c(4, 'Rate limiting', 'rate limits per client (token bucket)'),
  c(4, 'Gateway request log', 'logs every request'),
  c(4, 'Gateway aggregation', 'may aggregate several backend calls into one response'),
  c(4, 'Service registry', 'Service registry and discovery: instances register and heartbeat; entries expire after a TTL'),
  c(4, 'Client-side discovery', 'client-side discovery (caller asks the registry, may cache and use stale entries)'),
  c(4, 'Server-side discovery', "server-side (a load balancer asks on the caller's behalf)"),
  c(4, 'Registry outage', 'a registry outage with and without caching'),
  c(4, 'Load balancing', 'Load balancing: round-robin'),
  c(4, 'Load-balancing strategies', 'round-robin, random, least-outstanding-requests, power of two choices'),
  c(4, 'Health checks (active probes)', 'health checks (active probes'),
  c(4, 'Outlier ejection (passive health checks)', 'passive outlier ejection'),
  c(4, 'Service mesh', 'Service mesh: a sidecar beside each service'),
  // 5. Failure and resilience
  c(5, 'Injecting faults during a run', 'Faults to inject, scheduled or by clicking during playback'),
  c(5, 'Crash and restart', 'crash (and restart)'),
  c(5, 'Slow dependency', 'slow (added latency)'),
  c(5, 'Error rate', 'error rate'),
  c(5, 'Overload (reduced capacity)', 'overload (reduced capacity)'),
  c(5, 'Network latency spike', 'network latency spike'),
  c(5, 'Packet loss', 'packet loss'),
  c(5, 'Network partition', 'network partition (both ways and one way)'),
  c(5, 'Broker outage', 'broker outage'),
  c(5, 'Timeouts', 'Timeouts: the caller gives up after a deadline'),
  c(5, 'Deadline propagation', 'Deadline propagation along a chain'),
  c(5, 'Retries', 'Retries with exponential backoff'),
  c(5, 'Exponential backoff', 'none / fixed / exponential'),
  c(5, 'Jitter', 'jitter none / full / equal / decorrelated'),
  c(5, 'Retry budgets', 'retry budgets'),
  c(5, 'Retrying only what is safe', 'retrying only idempotent or retryable errors'),
  c(5, 'Retry storms', 'Retry storms and retry amplification across layers'),
  c(5, 'Circuit breakers', 'Circuit breaker: closed → open'),
  c(5, 'Fallbacks', 'Fallbacks: cached or default answers'),
  c(5, 'Bulkheads', 'Bulkheads: separate concurrency pools'),
  c(5, 'Load shedding', 'Rate limiting and load shedding: refuse early instead of collapsing late'),
  // 6. Data consistency
  c(6, 'Database per service', 'Each service owns its database'),
  c(6, 'Eventual consistency', 'eventually consistent'),
  c(6, 'Idempotent consumers', 'Idempotent consumers (dedupe by message id)'),
  c(6, 'Transactional outbox', 'Transactional outbox'),
  c(6, 'Sagas', 'Saga with compensating actions'),
  c(6, 'Event sourcing', 'Event sourcing (state is the fold of an event log)'),
  c(6, 'CQRS', 'CQRS (separate read model that lags the write model)'),
  // 7. Security
  c(7, 'Expired and forged tokens', 'Token-based authentication at the gateway (JWT: valid, expired, forged)'),
  c(7, 'Authorization per route', 'authorization per route'),
  c(7, 'Mutual TLS', 'mutual TLS between services'),
  c(7, 'Encrypted vs plain links', 'Plain vs encrypted links are visibly different'),
  // 8. Observability
  c(8, 'Distributed tracing', 'Distributed tracing: every request carries a trace id'),
  c(8, 'Critical path', 'a waterfall shows where the time went and the critical path'),
  c(8, 'Metrics', 'Metrics: throughput, latency percentiles (p50/p95/p99)'),
  c(8, 'Event log', 'Logs: a structured, filterable event log'),
];

/** Every concept's name: a lesson's `concepts` may name only these. */
export const CONCEPT_NAMES: ReadonlySet<string> = new Set(CONCEPTS.map((x) => x.name));

/**
 * Concepts no lesson teaches yet, and why. This list may only shrink: the coverage test fails when
 * a concept here is taught by a lesson (take it off) and when one not here is taught by none.
 */
export const NOT_YET_TAUGHT: Readonly<Record<string, string>> = {
  // Simulated, but no lesson yet (issue 26's remaining half-built parts).
  'gRPC server streaming': 'simulated, not drawn on the canvas yet',
  GraphQL: 'only a gateway aggregation with hand-set payloads so far',
  WebSockets: 'pushes are simulated, not drawn yet',
  'Async HTTP (202 + polling)': "simulated (a link's polling), no lesson yet",
  'Dead-letter queues': "simulated (a queue's maxDeliveries), no lesson yet",
  'Load-balancing strategies': 'simulated; the lessons use round robin only',
  'Overload (reduced capacity)': 'not a fault kind yet',
  'Retrying only what is safe': 'idempotent calls and retryable errors are not modelled yet',
  'Injecting faults during a run': 'no lesson asks for a fault by clicking during playback yet',
  'At-least-once delivery': 'simulated (ack, visibility timeout); no lesson asks the learner to act on a redelivery yet',
  'Redelivery after a visibility timeout': 'simulated; no lesson asks the learner to act on a redelivery yet',
  'Duplicates after redelivery': 'simulated; with idempotent consumers, the data consistency issue',
  // The observability issue.
  'Gateway request log': 'the observability issue',
  'Distributed tracing': 'the observability issue',
  'Critical path': 'the observability issue',
  Metrics: 'the observability issue',
  'Event log': 'the observability issue',
  // The security and mesh issue.
  'Service mesh': 'the security and mesh issue',
  'Authorization per route': 'the security and mesh issue',
  'Mutual TLS': 'the security and mesh issue',
  'Encrypted vs plain links': 'the security and mesh issue',
  // The data consistency issue.
  'Database per service': 'the data consistency issue',
  'Eventual consistency': 'the data consistency issue',
  'Idempotent consumers': 'the data consistency issue (dedupe is simulated)',
  'Transactional outbox': 'the data consistency issue',
  Sagas: 'the data consistency issue',
  'Event sourcing': 'the data consistency issue',
  CQRS: 'the data consistency issue',
};
