/**
 * fast-check arbitraries for scenarios with an event stream: a producer (a client, or a service of 1–2 instances
 * that publishes as a plan step, sometimes only the event, fetched back by every consumer) → a stream of 1–4 partitions, with or without
 * keys, retention
 * and a rebalance pause → 1–2 consumer groups of 1–3 members, each a service of 1–3 instances (every instance a member of the group)
 * (earliest or latest, idempotent or not, failing or slow
 * members, lossy links, sometimes a skip after a few deliveries), and crashes of members and of
 * the stream itself at random times, and changes that move a group's offsets (earliest, latest, an
 * offset, a time). Every document validates with no errors.
 */
import fc from 'fast-check';
import type { ScenarioInput } from '../../../src/model/index.ts';

type NodeInput = ScenarioInput['nodes'][number];
type LinkInput = NonNullable<ScenarioInput['links']>[number];
type FaultInput = NonNullable<ScenarioInput['faults']>[number];

const memberArb = fc.record({
  workers: fc.integer({ min: 1, max: 3 }),
  mean: fc.integer({ min: 2, max: 200 }),
  errorRate: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.3, noNaN: true })),
  loss: fc.oneof(fc.constant(0), fc.constant(0), fc.double({ min: 0, max: 0.1, noNaN: true })),
  timeout: fc.option(fc.integer({ min: 100, max: 2000 }), { nil: undefined }),
  replicas: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 3 })),
});

export const streamScenarioArbitrary: fc.Arbitrary<ScenarioInput> = fc
  .record({
    seed: fc.integer({ min: 0, max: 1000 }),
    duration: fc.integer({ min: 2000, max: 8000 }),
    rate: fc.integer({ min: 2, max: 50 }),
    viaService: fc.boolean(),
    eventOnly: fc.boolean(),
    publishers: fc.integer({ min: 1, max: 2 }),
    partitions: fc.integer({ min: 1, max: 4 }),
    keys: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    spread: fc.boolean(),
    retention: fc.option(fc.integer({ min: 200, max: 4000 }), { nil: undefined }),
    pause: fc.integer({ min: 0, max: 1500 }),
    maxDeliveries: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    groups: fc.array(
      fc.record({ latest: fc.boolean(), idempotent: fc.boolean(), members: fc.array(memberArb, { minLength: 1, maxLength: 3 }) }),
      { minLength: 1, maxLength: 2 },
    ),
    crashes: fc.array(
      fc.record({
        target: fc.integer({ min: -1, max: 5 }),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        length: fc.option(fc.integer({ min: 10, max: 3000 }), { nil: undefined }),
        instance: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      }),
      { maxLength: 4 },
    ),
    seeks: fc.array(
      fc.record({
        group: fc.integer({ min: 0, max: 1 }),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        offsets: fc.oneof(
          fc.constant('earliest' as const),
          fc.constant('latest' as const),
          fc.record({ offset: fc.integer({ min: 0, max: 60 }) }),
          fc.record({ time: fc.integer({ min: 0, max: 8000 }) }),
        ),
      }),
      { maxLength: 2 },
    ),
  })
  .map((b): ScenarioInput => {
    const eventOnly = b.viaService && b.eventOnly;
    const members = b.groups.flatMap((g, gi) =>
      g.members.map((m, mi) => ({ ...m, id: `c${gi}${mi}`, group: `g${gi}`, latest: g.latest, idempotent: g.idempotent })),
    );
    const nodes: NodeInput[] = [
      b.viaService
        ? { id: 'web', kind: 'client', target: 'order', workload: { pattern: 'poisson', rate: b.rate }, timeout: 2000 }
        : { id: 'web', kind: 'client', target: 's', workload: { pattern: 'poisson', rate: b.rate } },
      // Sometimes two publishing instances: an event's data is then fetched from either, through the consumer's balancer.
      ...(b.viaService
        ? [
            {
              id: 'order',
              kind: 'service',
              workers: 4,
              serviceTime: 5,
              calls: [{ to: 's', timeout: 500 }],
              ...(b.publishers > 1 && { replicas: b.publishers }),
            } as NodeInput,
          ]
        : []),
      {
        id: 's',
        kind: 'stream',
        partitions: b.partitions,
        rebalancePause: b.pause,
        ...(b.retention !== undefined && { retention: b.retention }),
        ...(b.maxDeliveries !== undefined && { maxDeliveries: b.maxDeliveries }),
      },
      ...members.map((m): NodeInput => ({
        id: m.id,
        kind: 'service',
        workers: m.workers,
        serviceTime: { dist: 'exponential', mean: m.mean },
        errorRate: m.errorRate,
        ...(m.replicas > 1 && { replicas: m.replicas }),
      })),
    ];
    const links: LinkInput[] = [
      ...(b.viaService ? [{ from: 'web', to: 'order' } as LinkInput] : []),
      {
        from: b.viaService ? 'order' : 'web',
        to: 's',
        kind: 'async',
        ...(b.keys !== undefined && { keys: b.keys, ...(b.spread && { partitionBy: 'roundRobin' }) }),
        ...(eventOnly && { content: 'event' }),
      },
      ...members.map((m): LinkInput => ({
        from: 's',
        to: m.id,
        kind: 'async',
        group: m.group,
        loss: m.loss,
        ...(m.latest && { startFrom: 'latest' }),
        ...(m.timeout !== undefined && { timeout: m.timeout }),
        ...(m.idempotent && { dedupe: 100_000 }),
      })),
      // An event-only append: each consumer fetches the data from the publisher.
      ...(eventOnly ? members.map((m): LinkInput => ({ from: m.id, to: 'order', timeout: 500 })) : []),
    ];
    const faults: FaultInput[] = b.crashes
      .filter((c) => c.target < members.length)
      .map((c) => ({
        kind: 'crash',
        target: c.target < 0 ? 's' : members[c.target].id,
        at: Math.floor(c.at * b.duration),
        ...(c.length !== undefined && { duration: c.length }),
        // One instance of a replicated member, if it has that many (else all of them).
        ...(c.target >= 0 &&
          c.instance !== undefined &&
          c.instance <= members[c.target].replicas &&
          members[c.target].replicas > 1 && { instance: c.instance }),
      }));
    const changes = b.seeks
      .filter((k) => k.group < b.groups.length)
      .map((k) => ({
        kind: 'stream' as const,
        target: 's',
        group: `g${k.group}`,
        at: Math.floor(k.at * b.duration),
        set: { offsets: k.offsets },
      }))
      .sort((x, y) => x.at - y.at);
    return { version: 1, seed: b.seed, duration: b.duration, nodes, links, faults, changes };
  });
