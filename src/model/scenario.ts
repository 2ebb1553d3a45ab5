/**
 * The scenario document, version 1: the single source of truth for its types, validation,
 * defaults and the published JSON Schema (`public/schema/scenario.v1.json`).
 *
 * A scenario is plain data: nodes (clients that generate load, services that do work and call
 * others), links (the network between two nodes), a fault schedule, a seed and a duration.
 * Cross-references (ids) are checked in `validate.ts`, which is the only way in from outside.
 */
import { z } from 'zod';
import { DurationSchema, PositiveDurationSchema } from './duration.ts';
import { DistributionSchema } from './distribution.ts';
import { Id, MAX_RATE, Probability, Rate, count } from './primitives.ts';
import { checkBurstsRate, checkClosedRate, WHEN_FIELDS_VALID } from './rateCap.ts';
import { BreakerSchema, BulkheadSchema, CallPolicies, FallbackSchema, InboundPolicies, LinkGuards, RetrySchema } from './policies.ts';
import {
  DiscoverySchema,
  GatewayRouteSchema,
  HealthCheckSchema,
  LOAD_BALANCING,
  MAX_REPLICAS,
  OutlierEjectionSchema,
  PathSchema,
} from './routing.ts';

export {
  DiscoverySchema,
  GatewayRouteSchema,
  HealthCheckSchema,
  LOAD_BALANCING,
  MAX_REPLICAS,
  OutlierEjectionSchema,
  PathSchema,
} from './routing.ts';

export const SCENARIO_VERSION = 1 as const;

const Position = z.strictObject({ x: z.number(), y: z.number() }).meta({ description: 'Where the node sits on the canvas.' });

// ---------------------------------------------------------------- workloads (what a client sends)

const Window = {
  start: DurationSchema.optional().meta({ description: 'When the client starts sending (default: 0).' }),
  stop: DurationSchema.optional().meta({ description: 'When the client stops sending (default: the scenario duration).' }),
};

const ConstantLoad = z
  .strictObject({
    pattern: z.literal('constant'),
    rate: Rate,
    ...Window,
  })
  .meta({ description: 'Open loop: one request every 1/rate seconds, like a metronome.' });

const PoissonLoad = z
  .strictObject({
    pattern: z.literal('poisson'),
    rate: Rate,
    ...Window,
  })
  .meta({ description: 'Open loop: random independent arrivals averaging `rate` per second.' });

const BurstLoad = z
  .strictObject({
    pattern: z.literal('bursts'),
    every: PositiveDurationSchema.meta({ description: 'Time between the starts of two bursts.' }),
    size: count(100_000, 'requests').meta({ description: 'Requests sent at once in each burst.' }),
    ...Window,
  })
  .superRefine(checkBurstsRate, WHEN_FIELDS_VALID)
  .meta({ description: 'Open loop: `size` requests at once, every `every` (at most 1000000 requests per second in all).' });

const RampLoad = z
  .strictObject({
    pattern: z.literal('ramp'),
    from: z
      .number()
      .nonnegative({ error: 'must not be negative' })
      .max(MAX_RATE, { error: 'must be at most 1000000 requests per second' })
      .meta({ description: 'Rate at the start (req/s).' }),
    to: z
      .number()
      .nonnegative({ error: 'must not be negative' })
      .max(MAX_RATE, { error: 'must be at most 1000000 requests per second' })
      .meta({ description: 'Rate at the end of the ramp (req/s).' }),
    over: PositiveDurationSchema.meta({ description: 'How long the ramp takes; the rate then stays at `to`.' }),
    ...Window,
  })
  .refine((w) => w.from > 0 || w.to > 0, { error: 'from or to must be greater than 0', path: ['to'] })
  .meta({ description: 'Open loop: Poisson arrivals whose rate changes linearly from `from` to `to`.' });

const ClosedLoad = z
  .strictObject({
    pattern: z.literal('closed'),
    users: count(100_000, 'users').meta({ description: 'Simulated users, each with one request in flight at a time.' }),
    thinkTime: DistributionSchema.default({ dist: 'constant', value: 0 }).meta({
      description: 'Pause between a reply and the next request.',
    }),
    ...Window,
  })
  .superRefine(checkClosedRate, WHEN_FIELDS_VALID)
  .meta({
    description:
      'Closed loop: N users who each wait for a reply, think, and send again (users over the mean think time, counted as at least 1 ms, at most 1000000 requests per second).',
  });

export const WorkloadSchema = z.discriminatedUnion('pattern', [ConstantLoad, PoissonLoad, BurstLoad, RampLoad, ClosedLoad]);

// ---------------------------------------------------------------- nodes

const NodeBase = {
  id: Id,
  label: z.string().max(80).optional().meta({ description: 'Display name (default: the id).' }),
  position: Position.optional(),
};

/** A client's own timeout (its link's policies apply to its requests). */
const ClientPolicy = {
  timeout: CallPolicies.timeout,
};

export const ClientNodeSchema = z
  .strictObject({
    ...NodeBase,
    kind: z.literal('client'),
    target: Id.meta({ description: 'The service every request goes to (over the link from this client to it).' }),
    workload: WorkloadSchema,
    path: PathSchema.optional().meta({ description: 'The path of its requests, for a gateway to route by (default: /).' }),
    tokens: z
      .strictObject({
        expired: Probability.default(0),
        forged: Probability.default(0),
        missing: Probability.default(0),
      })
      .optional()
      .meta({
        description:
          'Shares of its requests whose bearer token is expired, forged or missing (the rest carry a valid one); a gateway that checks tokens refuses those.',
      }),
    ...ClientPolicy,
  })
  .meta({ description: 'A load generator: sends requests to one service and measures what comes back (with the policies of its link).' });

export const CallSchema = z
  .strictObject({
    to: Id.meta({ description: 'The service to call (over the link to it).' }),
    path: PathSchema.optional().meta({ description: "To a gateway: the request's path, which chooses its route (default: /)." }),
    ...CallPolicies,
  })
  .meta({
    description:
      "One synchronous call to a downstream service; the worker waits for the reply. Its policies override the link's, setting by setting.",
  });

export const CallStepSchema = z.union([
  CallSchema,
  z
    .strictObject({
      parallel: z.array(CallSchema).min(1, { error: 'must list at least one call' }),
    })
    .meta({ description: 'Calls made at the same time; the step ends when all have answered.' }),
]);

export const ServiceNodeSchema = z
  .strictObject({
    ...NodeBase,
    kind: z.literal('service'),
    workers: count(100_000, 'workers').default(4).meta({ description: 'How many requests it works on at once (its worker pool).' }),
    queueCapacity: z
      .int()
      .nonnegative({ error: 'must not be negative' })
      .max(10_000_000, { error: 'must be at most 10000000 (or null for no limit)' })
      .nullable()
      .default(null)
      .meta({ description: 'How many requests may wait for a worker; beyond that they are rejected (null: no limit).' }),
    serviceTime: DistributionSchema.default({ dist: 'exponential', mean: 10 }).meta({
      description: 'How long its own work on one request takes.',
    }),
    errorRate: Probability.default(0).meta({ description: 'Chance that a request fails after the work is done.' }),
    startupTime: DurationSchema.default(0).meta({ description: 'Time from restart until it accepts requests again.' }),
    calls: z
      .array(CallStepSchema)
      .default([])
      .meta({ description: 'Downstream calls made after its own work, in order; a `parallel` step waits for all.' }),
    replicas: count(MAX_REPLICAS, 'instances').default(1).meta({
      description:
        "Instances of the service, each with its own worker pool, waiting line, health and faults; callers spread their requests over them by their link's load balancing. As a queue's consumer each instance competes for messages with its own prefetch; as a stream's, each is a member of the group and owns partitions. They share the service's store: its idempotency memory (dedupe) and the status of its accepted jobs (polling).",
    }),
    ...InboundPolicies,
  })
  .meta({ description: 'A service: a worker pool, a waiting line, some work, and calls to other services.' });

export const QueueNodeSchema = z
  .strictObject({
    ...NodeBase,
    kind: z.literal('queue'),
    visibilityTimeout: PositiveDurationSchema.default(30_000).meta({
      description: 'How long a delivered message stays hidden waiting for its ack; then it is delivered again (SQS: 30 s).',
    }),
    maxDeliveries: count(1000, 'deliveries')
      .optional()
      .meta({ description: 'Deliveries without an ack before the message goes to the dead-letter queue (default: redelivered forever).' }),
    maxLength: z
      .int()
      .nonnegative({ error: 'must not be negative' })
      .max(100_000_000, { error: 'must be at most 100000000 (or null for no limit)' })
      .nullable()
      .default(null)
      .meta({ description: 'How many ready messages it holds at most (null: no limit).' }),
    overflow: z
      .enum(['dropHead', 'rejectPublish'])
      .default('dropHead')
      .meta({ description: "When full: drop the oldest ready message (RabbitMQ's default) or refuse the new publish." }),
  })
  .meta({
    description:
      'A message queue (RabbitMQ/SQS-like): producers publish to it and move on; it delivers each message to one of its consumers, at least once, until one acknowledges it.',
  });

export const TopicNodeSchema = z
  .strictObject({
    ...NodeBase,
    kind: z.literal('topic'),
  })
  .meta({
    description:
      'A publish/subscribe topic (SNS/fanout-like): producers publish to it and move on; it sends one copy of each message to every queue subscribed to it (a link from it to the queue).',
  });

export const StreamNodeSchema = z
  .strictObject({
    ...NodeBase,
    kind: z.literal('stream'),
    partitions: count(1000, 'partitions').default(3).meta({
      description:
        "Logs the stream is split into; a message's key chooses its partition (key mod partitions), and order holds only within one.",
    }),
    retention: PositiveDurationSchema.nullable().default(null).meta({
      description: 'How long a message stays in its log, read or not; older ones are removed from the head (null: kept for the whole run).',
    }),
    rebalancePause: DurationSchema.default(3000).meta({
      description:
        "When a consumer group's members change (one crashes or comes back), how long the group consumes nothing while its partitions are reassigned.",
    }),
    maxDeliveries: count(1000, 'deliveries').optional().meta({
      description:
        'Deliveries of one message to a group without success before the group skips it (counted); default: retried forever, holding up its partition.',
    }),
  })
  .meta({
    description:
      'An event stream (Kafka-like): producers append to a partitioned log and move on; each consumer group (its links from the stream) reads every partition in order, one owner per partition, committing its offset after each message is processed.',
  });

export const RegistryNodeSchema = z
  .strictObject({
    ...NodeBase,
    kind: z.literal('registry'),
    heartbeatInterval: PositiveDurationSchema.default(5000).meta({
      description: "How often each registered instance sends a heartbeat (over its service's link to the registry).",
    }),
    ttl: PositiveDurationSchema.default(15_000).meta({
      description:
        'An entry without a heartbeat this long expires: a crashed instance stays listed (stale) until then; one shut down cleanly deregisters at once.',
    }),
  })
  .meta({
    description:
      'A service registry (Eureka/Consul-like): the instances of every service linked to it register as they start and heartbeat; callers that discover through it look the instances up and cache the answer.',
  });

export const GatewayNodeSchema = z
  .strictObject({
    ...NodeBase,
    kind: z.literal('gateway'),
    routes: z
      .array(GatewayRouteSchema)
      .min(1, { error: 'must have at least one route' })
      .max(100)
      .meta({ description: 'Where requests go by their path; one that matches none is refused (404).' }),
    auth: z.boolean().default(false).meta({
      description:
        "Check every request's bearer token: a missing, expired or forged one is refused at the gateway (401), before any backend sees it.",
    }),
    rateLimit: InboundPolicies.rateLimit
      .unwrap()
      .optional()
      .meta({ description: 'A token bucket per client: a client over its rate is refused (429) while the others go on.' }),
    workers: count(100_000, 'workers')
      .default(64)
      .meta({ description: 'Requests it handles at once (each holds a worker until its backends answer).' }),
    queueCapacity: ServiceNodeSchema.shape.queueCapacity,
    serviceTime: DistributionSchema.default({ dist: 'constant', value: 1 }).meta({
      description: 'Its own work per request (parsing, auth, logging), before it forwards it.',
    }),
  })
  .meta({
    description:
      "An API gateway: the single entry for clients. It logs every request, checks tokens, limits each client's rate, and routes by path to the services behind it (applying its links' resilience policies); it has a worker pool of its own, so it can become the bottleneck.",
  });

export const LoadBalancerNodeSchema = z
  .strictObject({
    ...NodeBase,
    kind: z.literal('loadBalancer'),
    to: Id.meta({
      description:
        'The service whose instances it spreads requests over (by its link to it: load balancing, health checks, outlier ejection, discovery through a registry).',
    }),
    workers: count(1_000_000, 'connections').default(10_000).meta({ description: 'Requests it proxies at once.' }),
    serviceTime: DistributionSchema.default({ dist: 'constant', value: 0.1 }).meta({ description: 'Its own time per request.' }),
  })
  .meta({
    description:
      'A load balancer (server-side load balancing): callers send to it, not knowing the instances; it picks one for each request by its link to the service, and with discovery on that link it is the one asking the registry (server-side discovery).',
  });

export const NodeSchema = z.discriminatedUnion('kind', [
  ClientNodeSchema,
  ServiceNodeSchema,
  QueueNodeSchema,
  TopicNodeSchema,
  StreamNodeSchema,
  RegistryNodeSchema,
  GatewayNodeSchema,
  LoadBalancerNodeSchema,
]);

// ---------------------------------------------------------------- links (the network)

export const PROTOCOLS = ['http', 'grpc', 'websocket'] as const;
/** sync: request/response between two services (or a client and a service); async: to or from a queue, topic or stream. */
export const LINK_KINDS = ['sync', 'async'] as const;

export const LinkSchema = z
  .strictObject({
    id: Id.optional().meta({ description: 'Default: "FROM->TO".' }),
    from: Id,
    to: Id,
    kind: z.enum(LINK_KINDS).default('sync').meta({
      description:
        'sync: request/response, the caller waits for the reply. async: to or from a queue, topic or stream; a producer waits only for the broker to store the message.',
    }),
    protocol: z.enum(PROTOCOLS).default('http').meta({
      description:
        'http: JSON over HTTP/1.1; grpc: protobuf over HTTP/2 (less overhead per message); websocket: JSON frames over one long-lived connection (the least per message, and the server may push: see stream).',
    }),
    stream: z
      .strictObject({
        messages: count(1_000_000, 'messages').optional().meta({
          description:
            'gRPC server streaming: the callee answers one request with this many messages; the call is done when the last arrives. Left out (WebSocket): it pushes until the connection closes.',
        }),
        interval: PositiveDurationSchema.default(1000).meta({ description: 'The time between two messages of the answer.' }),
      })
      .optional()
      .meta({
        description:
          "One request, many answers: server streaming over grpc, or pushes over a websocket. A grpc stream holds the callee's worker until its last message (its handler writes them all); over a websocket the worker is free once the first message is out (later pushes come from the event loop); a crash of the callee resets the open streams (the caller learns it at once).",
      }),
    bandwidth: z
      .number()
      .positive({ error: 'must be greater than 0' })
      .max(1_000_000, { error: 'must be at most 1000000 Mbit/s' })
      .optional()
      .meta({
        description:
          'Mbit/s: a message then takes its size × 8 / bandwidth to cross, on top of the latency (default: no limit, size costs no time on the wire).',
      }),
    payload: z
      .strictObject({
        request: z
          .int()
          .min(0, { error: 'must not be negative' })
          .max(1_000_000_000)
          .default(1000)
          .meta({ description: 'Bytes of a request, encoded as JSON.' }),
        response: z
          .int()
          .min(0, { error: 'must not be negative' })
          .max(1_000_000_000)
          .default(4000)
          .meta({ description: 'Bytes of a response, encoded as JSON.' }),
      })
      .optional()
      .meta({
        description:
          "What a call carries, in JSON bytes: over http that size crosses the wire and costs serialization at both ends; protobuf (grpc) is about a third of it and cheaper to encode. Without it, only the protocol's fixed overhead counts.",
      }),
    connections: count(10_000, 'connections').optional().meta({
      description:
        "HTTP/1.1: the caller's connection pool to this callee; a call waits for a free connection (one call per connection at a time). gRPC multiplexes calls over one connection and has no such limit.",
    }),
    latency: DistributionSchema.default({ dist: 'constant', value: 1 }).meta({ description: 'One-way network delay of a message.' }),
    loss: Probability.default(0).meta({ description: 'Chance that a message is lost; only a timeout notices.' }),
    prefetch: count(100_000, 'messages').optional().meta({
      description:
        'From a queue to a consumer: messages the consumer may hold unacknowledged at once (default: 10); each instance of a replicated consumer holds as many.',
    }),
    content: z.enum(['message', 'event']).optional().meta({
      description:
        'To a queue or topic: what a publish carries. message (default): the payload, consumers need nothing else; event: only "it happened", so each consumer calls the publisher back (over its link to it) to fetch what it needs; a publisher with replicas is fetched from at whichever instance that link\'s load balancing picks (the data is in its shared store).',
    }),
    polling: z
      .strictObject({
        interval: PositiveDurationSchema.default(1000).meta({ description: 'The wait before the first poll, and between polls.' }),
        multiplier: z
          .number()
          .min(1, { error: 'must be at least 1' })
          .max(10, { error: 'must be at most 10' })
          .default(1)
          .meta({ description: 'Each wait is this many times the one before (1: a fixed interval).' }),
        cap: PositiveDurationSchema.default(30_000).meta({ description: 'The longest wait between two polls.' }),
      })
      .optional()
      .meta({
        description:
          "Async HTTP (202 Accepted + a status URL): the callee accepts the job at once and works on it; the caller polls until it is done. The link's timeout bounds the whole job; every poll is traffic of its own. With replicas, each poll goes to the instance the link's load balancing picks, which reads the job's status from the service's shared store.",
      }),
    dedupe: count(1_000_000, 'message ids').optional().meta({
      description:
        "From a queue or stream to a consumer: an idempotent consumer, remembering the ids of the last N messages it processed and acknowledging a repeat at once, without doing the work again (a stream group's members and a service's instances share one memory, as a table of processed ids would be; default: none, so a redelivered message is processed again).",
    }),
    keys: count(1_000_000, 'keys').optional().meta({
      description:
        "To a stream: each message gets a key 0..keys−1, drawn from the link's own seeded stream as it reaches the stream (a retry of a message the stream took already keeps its key and id); the key chooses the partition (default: no key, messages spread round robin). To a service with consistent hashing: each call gets a key the same way, and the key chooses the instance.",
    }),
    partitionBy: z.enum(['key', 'roundRobin']).optional().meta({
      description:
        "To a stream, with keys: how a message's partition is chosen. key (default): key mod partitions, so one key's messages stay in one partition, in order; roundRobin: spread evenly whatever the key (a producer that does not set the message key), so one key's messages are read in parallel and may be processed out of order.",
    }),
    loadBalancing: z.enum(LOAD_BALANCING).optional().meta({
      description:
        "To a service with several instances: how the caller picks one for each call (default: roundRobin). random; leastOutstanding: the one with the fewest of this caller's calls in flight; powerOfTwo: the less busy of two picked at random; consistentHash: by the call's key (set keys), so a key keeps its instance and adding one moves only about 1/N of the keys. Each instance of a replicated caller balances on its own (its cursor, its calls in flight, its ejections).",
    }),
    outlierEjection: OutlierEjectionSchema.optional(),
    healthCheck: HealthCheckSchema.optional(),
    discovery: DiscoverySchema.optional(),
    group: Id.optional().meta({
      description:
        "From a stream to a consumer: its consumer group (default: the consumer's id, a group of its own). A group reads each message once; every group reads everything.",
    }),
    startFrom: z.enum(['earliest', 'latest']).optional().meta({
      description:
        'From a stream to a consumer: where its group starts reading when it first has a live member: earliest (default, the whole retained log) or latest (only what comes after).',
    }),
    ...CallPolicies,
    ...LinkGuards,
  })
  .meta({
    description:
      'The network between two nodes; messages cross it in both directions. Its policies apply to every call over it (a publish to a queue is such a call).',
  });

// ---------------------------------------------------------------- faults

const FaultWindow = {
  at: DurationSchema.meta({ description: 'When the fault begins.' }),
  duration: PositiveDurationSchema.optional().meta({ description: 'How long it lasts (default: until the end).' }),
};
/** Which instance of a replicated service a fault hits. */
const FaultInstance = {
  instance: z
    .int()
    .min(1, { error: 'must be at least 1 (the first instance)' })
    .max(MAX_REPLICAS)
    .optional()
    .meta({ description: 'Only this instance of a service with replicas (1 = the first); default: every instance.' }),
};

const CrashFault = z
  .strictObject({
    kind: z.literal('crash'),
    target: Id,
    ...FaultWindow,
    ...FaultInstance,
  })
  .meta({ description: 'The service dies: work in progress is lost, calls are refused; it restarts when the fault ends.' });
const SlowFault = z
  .strictObject({
    kind: z.literal('slow'),
    target: Id,
    ...FaultWindow,
    ...FaultInstance,
    factor: z
      .number()
      .min(1, { error: 'must be at least 1' })
      .max(1000, { error: 'must be at most 1000' })
      .meta({ description: 'Service time is multiplied by this.' }),
  })
  .meta({ description: 'The service works slower.' });
const ErrorFault = z
  .strictObject({
    kind: z.literal('errors'),
    target: Id,
    ...FaultWindow,
    ...FaultInstance,
    rate: Probability.meta({ description: 'Chance that a request fails while the fault lasts.' }),
  })
  .meta({ description: 'The service fails a share of its requests.' });
const LatencyFault = z
  .strictObject({
    kind: z.literal('latency'),
    link: Id,
    ...FaultWindow,
    add: DurationSchema.meta({ description: 'Extra one-way delay on every message.' }),
  })
  .meta({ description: 'A latency spike on a link.' });
const LossFault = z
  .strictObject({
    kind: z.literal('loss'),
    link: Id,
    ...FaultWindow,
    rate: Probability.meta({ description: 'Chance that a message is lost while the fault lasts.' }),
  })
  .meta({ description: 'Packet loss on a link.' });
const PartitionFault = z
  .strictObject({
    kind: z.literal('partition'),
    between: z.tuple([Id, Id]).meta({ description: 'The two nodes that can no longer reach each other.' }),
    oneWay: z.boolean().default(false).meta({ description: 'If true, only messages from the first to the second are lost.' }),
    ...FaultWindow,
  })
  .meta({ description: 'A network partition between two nodes.' });

export const FaultSchema = z.discriminatedUnion('kind', [CrashFault, SlowFault, ErrorFault, LatencyFault, LossFault, PartitionFault]);

// ---------------------------------------------------------------- changes (edits made during a run)

const atLeastOne = (set: Record<string, unknown>) => Object.values(set).some((v) => v !== undefined);
const ChangeAt = DurationSchema.meta({ description: 'When the change takes effect.' });

/** A timeout set by a change: a duration, or null for none (the document leaves the field out). */
const ChangedTimeout = PositiveDurationSchema.nullable()
  .optional()
  .meta({ description: 'The new timeout (null: none); calls sent from then on use it.' });

const ServiceChange = z
  .strictObject({
    kind: z.literal('service'),
    target: Id,
    at: ChangeAt,
    set: z
      .strictObject({
        workers: ServiceNodeSchema.shape.workers.removeDefault().optional(),
        replicas: ServiceNodeSchema.shape.replicas.removeDefault().optional().meta({
          description:
            'Scale to this many instances: new ones start (after their startup time); those taken away stop taking calls, refuse what waits in their line and finish the work in hand.',
        }),
        queueCapacity: ServiceNodeSchema.shape.queueCapacity.removeDefault().optional(),
        serviceTime: ServiceNodeSchema.shape.serviceTime.removeDefault().optional(),
        errorRate: Probability.optional(),
        startupTime: DurationSchema.optional().meta({ description: 'Used from its next (re)start on.' }),
        calls: z
          .array(CallStepSchema)
          .optional()
          .meta({ description: 'The new call plan: each request follows the plan in force when it moves on to its next step.' }),
        rateLimit: InboundPolicies.rateLimit
          .unwrap()
          .nullable()
          .optional()
          .meta({ description: 'A new rate limiter (null: none); the bucket keeps its tokens, up to the new burst.' }),
        shedding: InboundPolicies.shedding.unwrap().nullable().optional().meta({ description: 'New load shedding (null: none).' }),
      })
      .refine(atLeastOne, { error: 'must change at least one property' }),
  })
  .meta({ description: 'From `at` on, the service runs with these settings (work already started keeps its draw).' });
const ClientChange = z
  .strictObject({
    kind: z.literal('client'),
    target: Id,
    at: ChangeAt,
    set: z
      .strictObject({
        rate: Rate.optional(),
        workload: WorkloadSchema.optional().meta({
          description: 'A new workload, starting at the change (at the later of `at` and its own start); the old one ends.',
        }),
        target: Id.optional().meta({ description: 'The service requests go to from then on (over the link to it).' }),
        timeout: ChangedTimeout,
      })
      .refine(atLeastOne, { error: 'must change at least one property' }),
  })
  .meta({
    description:
      'From `at` on, the client sends with these settings (a rate: constant or poisson workloads only; a new workload comes before a rate).',
  });
const LinkChange = z
  .strictObject({
    kind: z.literal('link'),
    link: Id,
    at: ChangeAt,
    set: z
      .strictObject({
        latency: DistributionSchema.optional(),
        loss: Probability.optional(),
        protocol: z.enum(PROTOCOLS).optional(),
        timeout: ChangedTimeout,
        deadline: PositiveDurationSchema.nullable()
          .optional()
          .meta({ description: 'A new deadline for calls that begin from then on (null: none).' }),
        propagateDeadline: z.boolean().optional(),
        retry: RetrySchema.nullable()
          .optional()
          .meta({ description: 'A new retry policy for calls that begin from then on (null: none).' }),
        fallback: FallbackSchema.nullable().optional().meta({ description: 'A new fallback (null: none).' }),
        breaker: BreakerSchema.nullable().optional().meta({ description: 'A new circuit breaker, starting afresh (null: none).' }),
        bulkhead: BulkheadSchema.nullable()
          .optional()
          .meta({ description: 'A new bulkhead; calls holding or waiting for a place keep it (null: none, and the waiting go at once).' }),
      })
      .refine(atLeastOne, { error: 'must change at least one property' }),
  })
  .meta({ description: 'From `at` on, messages sent over the link use these settings.' });

const StreamChange = z
  .strictObject({
    kind: z.literal('stream'),
    target: Id,
    at: ChangeAt,
    group: Id.meta({
      description: "The consumer group whose offsets move: a consumer link's group, or the consumer's id for a link without one.",
    }),
    set: z.strictObject({
      offsets: z
        .union([
          z.enum(['earliest', 'latest']),
          z
            .strictObject({
              offset: z
                .int()
                .min(0, { error: 'must not be negative' })
                .max(2 ** 31 - 1),
            })
            .meta({ description: 'The same offset in every partition (kept within what the partition retains).' }),
          z
            .strictObject({ time: DurationSchema })
            .meta({ description: 'In every partition, the first message appended at or after this time of the run.' }),
        ])
        .meta({
          description:
            'Where the group reads next in every partition: earliest (replay everything retained), latest (skip to the end), an offset, or a time.',
        }),
    }),
  })
  .meta({
    description:
      "At `at`, a consumer group's committed offsets move (Kafka's reset-offsets): back, to process messages again (a replay), or forward, to skip them. Its deliveries in flight are revoked.",
  });

/** A property edit that takes effect at a time: how the playground applies edits made mid-run. */
export const ChangeSchema = z.discriminatedUnion('kind', [ServiceChange, ClientChange, LinkChange, StreamChange]);

// ---------------------------------------------------------------- the document

/** The longest script a document may carry (a script is code a person writes, not data). */
export const MAX_SCRIPT_CHARS = 200_000;

export const ScenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(SCENARIO_VERSION),
    name: z.string().max(120).optional(),
    description: z.string().max(4000).optional(),
    seed: z
      .int()
      .min(0, { error: 'must not be negative' })
      .max(2 ** 32 - 1)
      .default(1)
      .meta({ description: 'Same scenario + same seed = the same run, event for event.' }),
    duration: PositiveDurationSchema.default(60_000).meta({ description: 'How long the simulated run lasts.' }),
    nodes: z.array(NodeSchema).max(1000, { error: 'must have at most 1000 nodes' }),
    links: z.array(LinkSchema).max(10_000, { error: 'must have at most 10000 links' }).default([]),
    faults: z.array(FaultSchema).max(10_000, { error: 'must have at most 10000 faults' }).default([]),
    changes: z
      .array(ChangeSchema)
      .max(10_000, { error: 'must have at most 10000 changes' })
      .default([])
      .meta({ description: 'Property edits that take effect during the run, in time order of `at`.' }),
    script: z
      .string()
      .max(MAX_SCRIPT_CHARS, { error: `must be at most ${MAX_SCRIPT_CHARS} characters` })
      .optional()
      .meta({
        description:
          'A simulation script (TypeScript) kept with the system, as the Script panel shows it. The run of the system ignores it.',
      }),
  })
  .meta({
    title: 'Crosstalk scenario',
    description: 'A system of services, the network between them, the load, and the faults to inject.',
  });

/** A scenario as written in a file (defaults not yet applied, durations may be strings). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
/** A validated scenario: defaults applied, every duration in milliseconds. */
export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioNode = Scenario['nodes'][number];
export type ClientNode = z.output<typeof ClientNodeSchema>;
export type ServiceNode = z.output<typeof ServiceNodeSchema>;
export type QueueNode = z.output<typeof QueueNodeSchema>;
export type TopicNode = z.output<typeof TopicNodeSchema>;
export type StreamNode = z.output<typeof StreamNodeSchema>;
export type RegistryNode = z.output<typeof RegistryNodeSchema>;
export type GatewayNode = z.output<typeof GatewayNodeSchema>;
export type LoadBalancerNode = z.output<typeof LoadBalancerNodeSchema>;
export type Workload = z.output<typeof WorkloadSchema>;
export type Call = z.output<typeof CallSchema>;
export type CallStep = z.output<typeof CallStepSchema>;
export type Link = Scenario['links'][number];
export type LinkKind = Link['kind'];
export type Protocol = (typeof PROTOCOLS)[number];
export type Fault = Scenario['faults'][number];
export type FaultKind = Fault['kind'];
export type Change = Scenario['changes'][number];
/** Where a stream change moves a consumer group's offsets. */
export type StreamOffsets = Extract<Change, { kind: 'stream' }>['set']['offsets'];

/** The id a link is known by: its own, or "FROM->TO". */
export function linkId(link: Pick<Link, 'id' | 'from' | 'to'>): string {
  return link.id ?? `${link.from}->${link.to}`;
}

/** The nodes a call step calls, in order. */
export function callsOf(step: CallStep): Call[] {
  return 'parallel' in step ? step.parallel : [step];
}
