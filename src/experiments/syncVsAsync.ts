/**
 * The seeds' case study (CONCEPTS.md §3): Order calls Payment synchronously and publishes
 * OrderPlaced to a queue that Notification consumes (`simulations/examples/order-flow.json`).
 * The same traffic runs four times: healthy; Notification down for 30 s; Payment down for 30 s;
 * and Payment down again with a breaker and a default answer on Order's calls to it ("accepted,
 * payment pending"). The queue decouples checkout from Notification: its outage only grows a
 * backlog that drains afterwards, nothing lost; Payment's outage fails checkouts unless a policy
 * answers for it. A fifth run publishes OrderPlaced as an event only ("order 42 was placed"):
 * Notification then calls Order back for each one, the cost of a thinner message.
 */
import { parseScenario, type Scenario } from '../model/index.ts';
import { simulate } from '../engine/index.ts';
import { countRunEvents } from '../engine/replay/runEvents.ts';
import orderFlow from '../../simulations/examples/order-flow.json';

export const SYNC_ASYNC_VARIANTS = ['healthy', 'notification down', 'payment down', 'payment down, with a fallback', 'event only'] as const;
export type SyncAsyncVariantName = (typeof SYNC_ASYNC_VARIANTS)[number];

/** The outage both "down" variants suffer: 30 s from t = 30 s. */
export const OUTAGE = { at: 30_000, duration: 30_000 } as const;

export interface SyncAsyncVariant {
  readonly variant: SyncAsyncVariantName;
  /** Checkouts the shoppers started, and how they ended. */
  readonly checkouts: number;
  readonly ok: number;
  /** Errors, refusals and the shoppers' own timeouts. */
  readonly failed: number;
  /** Checkout latency as the shoppers saw it, ms. */
  readonly p50: number;
  readonly p99: number;
  /** OrderPlaced messages published, emails sent (acknowledged), and messages lost (dropped or dead-lettered). */
  readonly published: number;
  readonly emails: number;
  readonly lost: number;
  /** The most messages waiting at once, and those still waiting or in flight at the end. */
  readonly deepest: number;
  readonly pending: number;
  /** Emails sent more than once (duplicate effects of redeliveries). */
  readonly duplicates: number;
  /** Checkouts answered by the fallback. */
  readonly fallbacks: number;
  /** Requests Order received (checkouts, and Notification's calls back for event-only messages). */
  readonly orderRequests: number;
  /** Notification's time per message (arrival to ack), median, ms. */
  readonly emailP50: number;
}

export interface SyncAsyncResult {
  readonly experiment: 'sync-vs-async';
  readonly seed: number;
  readonly outage: typeof OUTAGE;
  readonly variants: readonly SyncAsyncVariant[];
}

/** The shipped order flow, validated, and each variant of it. */
export function syncAsyncScenarios(): Readonly<Record<SyncAsyncVariantName, Scenario>> {
  const base = parseScenario(orderFlow);
  const crash = (target: string): Scenario => ({ ...base, faults: [{ kind: 'crash', target, ...OUTAGE }] });
  const paymentDown = crash('payment');
  const guarded = parseScenario({
    ...orderFlow,
    faults: paymentDown.faults,
    links: orderFlow.links.map((l) =>
      l.to === 'payment'
        ? {
            ...l,
            breaker: { minimumNumberOfCalls: 20, windowSize: 20, waitInOpen: '5s', permittedInHalfOpen: 5 },
            fallback: { kind: 'static' },
          }
        : l,
    ),
  });
  const eventOnly = parseScenario({
    ...orderFlow,
    links: [
      ...orderFlow.links.map((l) => (l.to === 'order-placed' ? { ...l, content: 'event' } : l)),
      { from: 'notification', to: 'order', protocol: 'grpc', latency: '1ms', timeout: '500ms' },
    ],
  });
  return {
    healthy: base,
    'notification down': crash('notification'),
    'payment down': paymentDown,
    'payment down, with a fallback': guarded,
    'event only': eventOnly,
  };
}

/** Runs every variant with one seed (default: the scenario's own), so all see the same shoppers. */
export function runSyncVsAsync(options: { readonly seed?: number } = {}): SyncAsyncResult {
  const scenarios = syncAsyncScenarios();
  const seed = options.seed ?? scenarios.healthy.seed;
  return { experiment: 'sync-vs-async', seed, outage: OUTAGE, variants: SYNC_ASYNC_VARIANTS.map((v) => measure(v, scenarios[v], seed)) };
}

function measure(variant: SyncAsyncVariantName, scenario: Scenario, seed: number): SyncAsyncVariant {
  const { simulation, report } = simulate(scenario, { seed });
  const fallbacks = countRunEvents(simulation.rt.trace, 'fallback');
  const shoppers = report.clients.shoppers;
  const queue = report.queues['order-placed'];
  return {
    variant,
    checkouts: shoppers.sent,
    ok: shoppers.completed,
    failed: shoppers.failed + shoppers.timedOut + shoppers.rejected + shoppers.dropped,
    p50: shoppers.latency.p50,
    p99: shoppers.latency.p99,
    published: queue.published,
    emails: queue.acked,
    lost: queue.dropped + queue.deadLettered,
    deepest: queue.maxDepth,
    pending: queue.ready + queue.inFlight,
    duplicates: queue.duplicates,
    fallbacks,
    orderRequests: report.nodes.order.arrivals,
    emailP50: report.nodes.notification.latency.p50,
  };
}
