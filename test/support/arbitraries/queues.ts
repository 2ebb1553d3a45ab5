/**
 * fast-check arbitraries for scenarios with a message queue: a producer (a client, or a service
 * that publishes as a step of its plan) → a queue (sometimes through a topic it subscribes to) →
 * 1–3 competing consumers, each of 1–3 instances (competing too; crashes hit one instance or all), with random
 * visibility timeouts, dead-lettering, bounds and overflow, prefetch, idempotent consumers with a
 * small or ample memory, slow or failing consumers,
 * network loss, and crashes of consumers and of the queue itself (broker outages) at random times.
 * Every document validates with no errors.
 */
import fc from 'fast-check';
import type { ScenarioInput } from '../../../src/model/index.ts';

type NodeInput = ScenarioInput['nodes'][number];
type LinkInput = NonNullable<ScenarioInput['links']>[number];
type FaultInput = NonNullable<ScenarioInput['faults']>[number];

const consumerArb = fc.record({
  workers: fc.integer({ min: 1, max: 4 }),
  mean: fc.integer({ min: 2, max: 300 }),
  errorRate: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.4, noNaN: true })),
  prefetch: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
  dedupe: fc.option(fc.oneof(fc.integer({ min: 1, max: 20 }), fc.constant(100_000)), { nil: undefined }),
  loss: fc.oneof(fc.constant(0), fc.constant(0), fc.double({ min: 0, max: 0.1, noNaN: true })),
  replicas: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 3 })),
});

export const queueScenarioArbitrary: fc.Arbitrary<ScenarioInput> = fc
  .record({
    seed: fc.integer({ min: 0, max: 1000 }),
    duration: fc.integer({ min: 2000, max: 8000 }),
    rate: fc.integer({ min: 2, max: 60 }),
    viaService: fc.boolean(),
    visibility: fc.integer({ min: 50, max: 3000 }),
    maxDeliveries: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    maxLength: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    overflow: fc.constantFrom('dropHead', 'rejectPublish'),
    consumers: fc.array(consumerArb, { minLength: 1, maxLength: 3 }),
    crashes: fc.array(
      fc.record({
        target: fc.integer({ min: -1, max: 2 }),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        length: fc.option(fc.integer({ min: 10, max: 3000 }), { nil: undefined }),
        instance: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      }),
      { maxLength: 4 },
    ),
    viaTopic: fc.boolean(),
  })
  .map((b): ScenarioInput => {
    const consumerIds = b.consumers.map((_, i) => `c${i}`);
    // The producer publishes to the queue, or to a topic the queue subscribes to.
    const entry = b.viaTopic ? 't' : 'q';
    const nodes: NodeInput[] = [
      b.viaService
        ? { id: 'web', kind: 'client', target: 'order', workload: { pattern: 'poisson', rate: b.rate }, timeout: 2000 }
        : { id: 'web', kind: 'client', target: entry, workload: { pattern: 'poisson', rate: b.rate } },
      ...(b.viaService
        ? [{ id: 'order', kind: 'service', workers: 4, serviceTime: 5, calls: [{ to: entry, timeout: 500 }] } as NodeInput]
        : []),
      ...(b.viaTopic ? [{ id: 't', kind: 'topic' } as NodeInput] : []),
      {
        id: 'q',
        kind: 'queue',
        visibilityTimeout: b.visibility,
        ...(b.maxDeliveries !== undefined && { maxDeliveries: b.maxDeliveries }),
        ...(b.maxLength !== undefined && { maxLength: b.maxLength }),
        overflow: b.overflow as 'dropHead' | 'rejectPublish',
      },
      ...b.consumers.map((c, i): NodeInput => ({
        id: consumerIds[i],
        kind: 'service',
        workers: c.workers,
        serviceTime: { dist: 'exponential', mean: c.mean },
        errorRate: c.errorRate,
        ...(c.replicas > 1 && { replicas: c.replicas }),
      })),
    ];
    const links: LinkInput[] = [
      ...(b.viaService ? [{ from: 'web', to: 'order' } as LinkInput] : []),
      { from: b.viaService ? 'order' : 'web', to: entry, kind: 'async' },
      ...(b.viaTopic ? [{ from: 't', to: 'q', kind: 'async' } as LinkInput] : []),
      ...b.consumers.map((c, i): LinkInput => ({
        from: 'q',
        to: consumerIds[i],
        kind: 'async',
        loss: c.loss,
        ...(c.prefetch !== undefined && { prefetch: c.prefetch }),
        ...(c.dedupe !== undefined && { dedupe: c.dedupe }),
      })),
    ];
    const faults: FaultInput[] = b.crashes
      .filter((c) => c.target < b.consumers.length)
      .map((c) => ({
        kind: 'crash',
        target: c.target < 0 ? 'q' : consumerIds[c.target],
        at: Math.floor(c.at * b.duration),
        ...(c.length !== undefined && { duration: c.length }),
        // One instance of a replicated consumer, if it has that many (else all of them).
        ...(c.target >= 0 &&
          c.instance !== undefined &&
          c.instance <= b.consumers[c.target].replicas &&
          b.consumers[c.target].replicas > 1 && { instance: c.instance }),
      }));
    return { version: 1, seed: b.seed, duration: b.duration, nodes, links, faults };
  });
