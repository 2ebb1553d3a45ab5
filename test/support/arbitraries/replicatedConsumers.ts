/**
 * fast-check arbitraries for competing consumers of one service: a producer → a queue (sometimes
 * through a topic it subscribes to) or a stream → `worker`, one service of 2–4 instances (idempotent
 * or not, sometimes failing), whose instances crash at random times during the first 60 % of the
 * run, sometimes with an outage of the broker too. The producer stops at half the run and the
 * instances can handle about twice what it sends, so the backlog drains before the end: what is
 * left over then is a message the engine failed to deliver. Every document validates with no errors.
 */
import fc from 'fast-check';
import type { ScenarioInput } from '../../../src/model/index.ts';

type NodeInput = ScenarioInput['nodes'][number];
type LinkInput = NonNullable<ScenarioInput['links']>[number];
type FaultInput = NonNullable<ScenarioInput['faults']>[number];

/** What the documents share: the producer, the worker service and the crashes of its instances. */
const common = {
  seed: fc.integer({ min: 0, max: 1000 }),
  duration: fc.integer({ min: 6000, max: 10_000 }),
  load: fc.double({ min: 0.1, max: 0.5, noNaN: true }),
  replicas: fc.integer({ min: 2, max: 4 }),
  workers: fc.integer({ min: 1, max: 3 }),
  mean: fc.integer({ min: 5, max: 200 }),
  errorRate: fc.oneof(fc.constant(0), fc.constant(0), fc.double({ min: 0, max: 0.2, noNaN: true })),
  dedupe: fc.boolean(),
  crashes: fc.array(
    fc.record({
      instance: fc.integer({ min: 1, max: 4 }),
      at: fc.double({ min: 0, max: 0.5, noNaN: true }),
      length: fc.integer({ min: 10, max: 2000 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  outage: fc.option(fc.record({ at: fc.double({ min: 0, max: 0.5, noNaN: true }), length: fc.integer({ min: 10, max: 1000 }) }), {
    nil: undefined,
  }),
};

type Common = { [K in keyof typeof common]: (typeof common)[K] extends fc.Arbitrary<infer T> ? T : never };

/**
 * The producer (stops at half the run, at `load` of what the instances can handle: `capacity`
 * messages per second) and the worker.
 */
function parts(b: Common, target: string, capacity: number): NodeInput[] {
  return [
    {
      id: 'p',
      kind: 'client',
      target,
      workload: { pattern: 'poisson', rate: Math.max(1, Math.round(b.load * capacity * 100) / 100), stop: Math.floor(b.duration / 2) },
    },
    {
      id: 'worker',
      kind: 'service',
      replicas: b.replicas,
      workers: b.workers,
      serviceTime: { dist: 'exponential', mean: b.mean },
      errorRate: b.errorRate,
    },
  ];
}

/** Crashes of single instances (those it has), and the broker's outage, all over by 60 % of the run. */
function faults(b: Common, broker: string): FaultInput[] {
  const out: FaultInput[] = b.crashes
    .filter((c) => c.instance <= b.replicas)
    .map((c) => ({
      kind: 'crash',
      target: 'worker',
      instance: c.instance,
      at: Math.floor(c.at * b.duration),
      duration: Math.min(c.length, Math.floor(0.1 * b.duration)),
    }));
  if (b.outage) out.push({ kind: 'crash', target: broker, at: Math.floor(b.outage.at * b.duration), duration: b.outage.length });
  return out;
}

/** A queue (or a topic's subscription queue) consumed by the replicated worker. */
export const replicatedQueueArbitrary: fc.Arbitrary<ScenarioInput> = fc
  .record({
    ...common,
    viaTopic: fc.boolean(),
    visibility: fc.integer({ min: 100, max: 1500 }),
    prefetch: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    maxDeliveries: fc.option(fc.integer({ min: 2, max: 6 }), { nil: undefined }),
  })
  .map((b): ScenarioInput => {
    const entry = b.viaTopic ? 't' : 'q';
    const nodes: NodeInput[] = [
      ...parts(b, entry, (b.replicas * b.workers * 1000) / b.mean),
      ...(b.viaTopic ? [{ id: 't', kind: 'topic' } as NodeInput] : []),
      { id: 'q', kind: 'queue', visibilityTimeout: b.visibility, ...(b.maxDeliveries !== undefined && { maxDeliveries: b.maxDeliveries }) },
    ];
    const links: LinkInput[] = [
      { from: 'p', to: entry, kind: 'async' },
      ...(b.viaTopic ? [{ from: 't', to: 'q', kind: 'async' } as LinkInput] : []),
      {
        from: 'q',
        to: 'worker',
        kind: 'async',
        ...(b.prefetch !== undefined && { prefetch: b.prefetch }),
        ...(b.dedupe && { dedupe: 1_000_000 }),
      },
    ];
    return { version: 1, seed: b.seed, duration: b.duration, nodes, links, faults: faults(b, 'q') };
  });

/** A stream read by the replicated worker's instances, one consumer group. */
export const replicatedStreamArbitrary: fc.Arbitrary<ScenarioInput> = fc
  .record({
    ...common,
    partitions: fc.integer({ min: 1, max: 6 }),
    keys: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
    pause: fc.integer({ min: 0, max: 800 }),
    timeout: fc.integer({ min: 300, max: 1500 }),
  })
  .map((b): ScenarioInput => ({
    version: 1,
    seed: b.seed,
    duration: b.duration,
    // A group reads each partition one message at a time (a round trip of about 3 ms on top of the work), each on one instance.
    nodes: [
      ...parts(b, 's', (Math.min(b.partitions, b.replicas) * 1000) / (b.mean + 3)),
      { id: 's', kind: 'stream', partitions: b.partitions, rebalancePause: b.pause },
    ],
    links: [
      { from: 'p', to: 's', kind: 'async', ...(b.keys !== undefined && { keys: b.keys }) },
      { from: 's', to: 'worker', kind: 'async', timeout: b.timeout, ...(b.dedupe && { dedupe: 1_000_000 }) },
    ],
    faults: faults(b, 's'),
  }));
