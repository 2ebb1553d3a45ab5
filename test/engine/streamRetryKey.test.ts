/**
 * A retried publish to a stream is the same message sent again: it keeps the key its first
 * append drew (so its partition, and its key's order) and its id (so a group counts a second
 * append of it as a duplicate effect, and an idempotent group has its effect once).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Simulation } from '../../src/engine/index.ts';
import { TraceType } from '../../src/engine/trace/eventTypes.ts';
import { scenario } from '../support/scenarios.ts';
import { commitsOf, inKeyOrder, streamOf } from '../support/streams.ts';

/** A producer with retries over a lossy link (with a timeout: a lost confirm is retried) to a keyed stream of 3 partitions. */
function lossyProducer(o: { seed: number; loss: number; partitions: number; keys: number; dedupe?: boolean }) {
  const members = ['c1', 'c2', 'c3'];
  return scenario({
    seed: o.seed,
    nodes: [
      { id: 'p', kind: 'client', target: 's', workload: { pattern: 'poisson', rate: 40, stop: '15s' } },
      { id: 's', kind: 'stream', partitions: o.partitions },
      ...members.map((id) => ({ id, kind: 'service' as const, workers: 1, serviceTime: { dist: 'exponential' as const, mean: 15 } })),
    ],
    links: [
      {
        from: 'p',
        to: 's',
        kind: 'async',
        keys: o.keys,
        loss: o.loss,
        latency: { dist: 'uniform', min: 1, max: 8 },
        timeout: 50,
        retry: { maxAttempts: 5, backoff: 'constant', base: 20 },
      },
      ...members.map((id) => ({
        from: 's',
        to: id,
        kind: 'async' as const,
        latency: 1,
        group: 'g',
        ...(o.dedupe ? { dedupe: 10_000 } : {}),
      })),
    ],
    duration: '30s',
  });
}

/** Per publish operation that appended more than once: the keys and partitions of its appends. */
function appendsPerOperation(sim: Simulation) {
  const s = streamOf(sim, 's'),
    trace = sim.rt.trace,
    calls = sim.rt.calls;
  const seqOf = new Map<number, number>();
  for (let seq = 0; seq < s.length; seq++) seqOf.set(s.publish[seq], seq);
  const byOp = new Map<number, { key: number; partition: number; seq: number }[]>();
  for (let i = 0; i < trace.length; i++) {
    if (trace.type(i) !== TraceType.STREAM_APPEND || trace.node(i) !== s.node) continue;
    const c = trace.a(i),
      op = calls.op[c],
      seq = seqOf.get(c) as number;
    if (!byOp.has(op)) byOp.set(op, []);
    byOp.get(op)?.push({ key: trace.b(i), partition: s.partitionOf[seq], seq });
  }
  return [...byOp.values()].filter((list) => list.length > 1);
}

describe('a retried publish to a stream', () => {
  it('keeps its key, partition and id on every append (property)', () => {
    let repeated = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0.05, max: 0.3, noNaN: true }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 3, max: 40 }),
        (seed, loss, partitions, keys) => {
          const sim = new Simulation(lossyProducer({ seed, loss, partitions, keys }));
          sim.runUntil(sim.scenario.duration);
          const s = streamOf(sim, 's');
          for (const appends of appendsPerOperation(sim)) {
            repeated++;
            expect(new Set(appends.map((a) => a.key)).size).toBe(1);
            expect(new Set(appends.map((a) => a.partition)).size).toBe(1);
            // Every copy carries the id of the first.
            expect(appends.every((a) => s.idOf[a.seq] === appends[0].seq)).toBe(true);
          }
          // The first processing of each key's messages follows their append order.
          const firsts = new Set<number>();
          const commits = commitsOf(sim, 's', 'g').filter((c) => {
            const id = s.idOf[c.seq];
            if (firsts.has(id)) return false;
            firsts.add(id);
            return true;
          });
          expect(inKeyOrder(commits)).toBe(true);
          expect(s.outOfOrder).toBe(0);
        },
      ),
      { numRuns: 12 },
    );
    // Retries of confirmed-but-unanswered publishes happened: the property was tested.
    expect(repeated).toBeGreaterThan(20);
  });

  it('counts a second append of one message as a duplicate effect, which an idempotent group does not have', () => {
    const plain = new Simulation(lossyProducer({ seed: 7, loss: 0.2, partitions: 3, keys: 10 }));
    plain.runUntil(plain.scenario.duration);
    const s = streamOf(plain, 's');
    const copies = s.length - new Set(Array.from(s.idOf.subarray(0, s.length))).size;
    expect(copies).toBeGreaterThan(5);
    expect(s.duplicates).toBeGreaterThanOrEqual(copies);
    const idempotent = new Simulation(lossyProducer({ seed: 7, loss: 0.2, partitions: 3, keys: 10, dedupe: true }));
    idempotent.runUntil(idempotent.scenario.duration);
    const d = streamOf(idempotent, 's');
    expect(d.duplicates).toBe(0);
    expect(Array.from(d.groups[0].effects.subarray(0, d.length)).every((e) => e <= 1)).toBe(true);
  });
});
