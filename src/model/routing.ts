/**
 * How calls find their way to instances and routes (CONCEPTS.md §4): replicas' bound, the load
 * balancing algorithms, passive and active health checking, client-side discovery, and the
 * request paths a gateway routes by. Leaf schemas, shared by the scenario's nodes and links.
 */
import { z } from 'zod';
import { PositiveDurationSchema } from './duration.ts';
import { Id, count } from './primitives.ts';

/** A request path, as a gateway routes by it. */
export const PathSchema = z
  .string()
  .regex(/^\/[\w\-./]*$/, { error: 'must be a path starting with / (letters, digits, - _ . /)' })
  .max(200);

/** The most instances one service may have. */
export const MAX_REPLICAS = 100;

/** How a caller spreads its calls over a service's instances (client-side load balancing). */
export const LOAD_BALANCING = ['roundRobin', 'random', 'leastOutstanding', 'powerOfTwo', 'consistentHash'] as const;

export const OutlierEjectionSchema = z
  .strictObject({
    consecutiveFailures: count(1000, 'failures').default(5).meta({
      description: 'Failed calls in a row (an error, a timeout, a rejection) after which the caller stops sending to that instance.',
    }),
    ejectionTime: PositiveDurationSchema.default(30_000).meta({
      description: "How long an ejected instance gets none of the caller's calls; then it is tried again.",
    }),
    maxEjectedPercent: z
      .int()
      .min(0, { error: 'must not be negative' })
      .max(100, { error: 'must be at most 100' })
      .default(50)
      .meta({ description: 'At most this share of the instances is ejected at once (so a general outage does not eject everything).' }),
  })
  .meta({
    description:
      "Passive health checking (Envoy's outlier detection): the caller watches each instance's replies and takes a failing one out of its rotation for a while.",
  });

export const HealthCheckSchema = z
  .strictObject({
    interval: PositiveDurationSchema.default(5000).meta({ description: 'How often the caller probes each instance.' }),
    timeout: PositiveDurationSchema.default(1000).meta({ description: 'A probe unanswered this long fails.' }),
    unhealthyThreshold: count(100, 'probes')
      .default(3)
      .meta({ description: 'Failed probes in a row that mark an instance unhealthy: it gets no calls.' }),
    healthyThreshold: count(100, 'probes').default(2).meta({ description: 'Successful probes in a row that mark it healthy again.' }),
  })
  .meta({
    description:
      'Active health checking: the caller probes every instance at an interval (a liveness check, answered by an instance that is up without taking a worker: it finds instances that are down, not slow ones) and sends calls only to those marked healthy.',
  });

export const DiscoverySchema = z
  .strictObject({
    refreshInterval: PositiveDurationSchema.default(10_000).meta({
      description: 'How often the caller looks the instances up again; in between it uses its cached answer, stale or not.',
    }),
  })
  .meta({
    description:
      "Client-side discovery: the caller finds the service's instances in the registry the service registers with (over its own link to that registry), caches the list, and spreads its calls over the instances listed (each instance of a replicated caller looks up and caches for itself). Without it the caller always knows exactly which instances are deployed.",
  });

export const GatewayRouteSchema = z
  .strictObject({
    prefix: PathSchema.meta({
      description: 'Requests whose path is this or starts with it and a / go this way (the longest matching prefix wins).',
    }),
    to: Id.optional().meta({
      description: "The service the route forwards to (over the gateway's link to it, with that link's policies).",
    }),
    aggregate: z.array(Id).min(1, { error: 'must list at least one service' }).max(20).optional().meta({
      description:
        'Instead of one service: call all of these at once and answer when every one has (an aggregated response, like a GraphQL query fanning out to resolvers).',
    }),
  })
  .meta({ description: 'One route of a gateway: a path prefix and where its requests go.' });
