/**
 * Competing consumers of one service (its replicas): a queue hands its messages to every instance
 * within that instance's own prefetch, and what a crashed instance held comes back after the
 * visibility timeout; the instances share the service's idempotency memory, so `dedupe` gives each
 * message at most one effect; a topic's subscription queue does the same. A stream's group spreads
 * its partitions over the instances (one owner each), moves them when an instance goes down or
 * comes back, and keeps per-key order. Polls of a replicated service go through the balancer to any
 * instance, which answers from the shared job store; a replicated event publisher is fetched from
 * through the consumer's balancer.
 */
import { describe, expect, it } from 'vitest';
import { CallStatus, TraceType } from '../../src/engine/trace/eventTypes.ts';
import { FETCH_CALL } from '../../src/engine/kernel/callFlags.ts';
import type { Simulation } from '../../src/engine/index.ts';
import { example, runToEnd, scenario } from '../support/scenarios.ts';
import { rowsOf } from '../support/eventLog.ts';
import { commitsOf, inKeyOrder } from '../support/streams.ts';

type Parts = Parameters<typeof scenario>[0];

/** A queue `q` fed at `rate`/s for 8 s, consumed by `worker` (3 instances, slow enough that the visibility timeout redelivers). */
function threeWorkers(
  extra: {
    dedupe?: number;
    prefetch?: number;
    faults?: Parts['faults'];
    viaTopic?: boolean;
    visibility?: string;
    rate?: number;
    mean?: string;
  } = {},
): Parts {
  const consumerLink = {
    from: 'q',
    to: 'worker',
    kind: 'async' as const,
    latency: 1,
    ...(extra.dedupe !== undefined && { dedupe: extra.dedupe }),
    ...(extra.prefetch !== undefined && { prefetch: extra.prefetch }),
  };
  return {
    nodes: [
      { id: 'p', kind: 'client', target: extra.viaTopic ? 't' : 'q', workload: { pattern: 'poisson', rate: extra.rate ?? 40, stop: '8s' } },
      ...(extra.viaTopic ? [{ id: 't', kind: 'topic' as const }] : []),
      { id: 'q', kind: 'queue', visibilityTimeout: extra.visibility ?? '150ms' },
      { id: 'worker', kind: 'service', replicas: 3, workers: 2, serviceTime: { dist: 'exponential', mean: extra.mean ?? '60ms' } },
    ],
    links: [
      ...(extra.viaTopic
        ? [
            { from: 'p', to: 't', kind: 'async' as const, latency: 1 },
            { from: 't', to: 'q', kind: 'async' as const, latency: 1 },
          ]
        : [{ from: 'p', to: 'q', kind: 'async' as const, latency: 1 }]),
      consumerLink,
    ],
    faults: extra.faults ?? [],
    duration: '20s',
    seed: 7,
  };
}

/** Per delivery call: the instance (engine node id) it went to, from the DELIVER rows. */
function deliveriesByInstance(sim: Simulation): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rowsOf(sim, TraceType.DELIVER)) {
    const id = sim.rt.nodeIds[sim.rt.calls.callee[r.a]];
    out.set(id, (out.get(id) ?? 0) + 1);
  }
  return out;
}

describe('a queue consumed by a replicated service', () => {
  it('delivers to every instance, each within its own prefetch, straight to it (no balancer in between)', () => {
    const { sim, report } = runToEnd(scenario(threeWorkers({ prefetch: 2 })));
    const per = deliveriesByInstance(sim);
    expect([...per.keys()].sort()).toEqual(['worker', 'worker#2', 'worker#3']);
    for (const n of per.values()) expect(n).toBeGreaterThan(50);
    expect(rowsOf(sim, TraceType.ROUTE)).toEqual([]);
    // Walk the trace: deliveries held per instance never exceed its prefetch, and together reach more than one's.
    const held = new Map<number, number>();
    let most = 0,
      together = 0,
      inFlight = 0;
    const q = sim.nodeIndexOf('q') as number;
    for (let i = 0; i < sim.rt.trace.length; i++) {
      const type = sim.rt.trace.type(i),
        c = sim.rt.trace.a(i);
      if (sim.rt.trace.node(i) !== q) continue;
      const callee = sim.rt.calls.callee[c];
      if (type === TraceType.DELIVER) {
        held.set(callee, (held.get(callee) ?? 0) + 1);
        inFlight++;
      } else if (type === TraceType.ACK || type === TraceType.REQUEUE || type === TraceType.DEAD_LETTER) {
        held.set(callee, (held.get(callee) ?? 0) - 1);
        inFlight--;
      } else continue;
      most = Math.max(most, held.get(callee) ?? 0);
      together = Math.max(together, inFlight);
    }
    expect(most).toBe(2);
    expect(together).toBeGreaterThan(2);
    expect(together).toBeLessThanOrEqual(6);
    const qr = report.queues.q;
    expect(qr.published).toBe(qr.acked + qr.deadLettered + qr.dropped + qr.ready + qr.inFlight);
    expect(report.nodes.worker.instances?.map((x) => x.arrivals).every((n) => n > 50)).toBe(true);
  });

  it('brings back what a crashed instance held after the visibility timeout, and hands it to the others', () => {
    const { sim, report } = runToEnd(
      scenario(
        threeWorkers({
          visibility: '2s',
          rate: 15,
          mean: '300ms',
          faults: [{ kind: 'crash', target: 'worker', instance: 2, at: '3s', duration: '4s' }],
        }),
      ),
    );
    const two = sim.rt.nodeIds.indexOf('worker#2');
    const dropped = rowsOf(sim, TraceType.DROP)
      .filter((r) => r.node === two && r.t === 3000)
      .map((r) => r.a);
    expect(dropped.length).toBeGreaterThan(0);
    const requeued = new Map(rowsOf(sim, TraceType.REQUEUE).map((r) => [r.a, r.t]));
    const byPublish = new Map<number, number[]>();
    for (const r of rowsOf(sim, TraceType.DELIVER)) {
      const publish = sim.rt.calls.parent[r.a];
      byPublish.set(publish, [...(byPublish.get(publish) ?? []), r.a]);
    }
    for (const c of dropped) {
      // Requeued by the visibility timeout (2 s after it was sent), then delivered again to an instance that is up.
      expect(requeued.get(c)).toBeCloseTo(sim.rt.calls.sentAt[c] + 2000, 6);
      const again = (byPublish.get(sim.rt.calls.parent[c]) ?? []).filter((d) => d > c);
      expect(again.length).toBeGreaterThan(0);
      expect(sim.rt.calls.callee[again[0]]).not.toBe(two);
    }
    // Nothing goes to the crashed instance while it is down.
    expect(rowsOf(sim, TraceType.DELIVER).filter((r) => r.t > 3000 && r.t < 7000 && sim.rt.calls.callee[r.a] === two)).toEqual([]);
    const q = report.queues.q;
    expect(q.published).toBe(q.acked + q.deadLettered + q.dropped + q.ready + q.inFlight);
    expect(q.ready + q.inFlight).toBe(0);
  });

  it("has each message's effect at most once with dedupe: the instances share the service's memory (and twice or more without)", () => {
    const crash = [
      { kind: 'crash' as const, target: 'worker', instance: 1, at: '2s', duration: '1s' },
      { kind: 'crash' as const, target: 'worker', instance: 3, at: '5s', duration: '2s' },
    ];
    const plain = runToEnd(scenario(threeWorkers({ faults: crash }))).report.queues.q;
    expect(plain.duplicates).toBeGreaterThan(10);
    const { report } = runToEnd(scenario(threeWorkers({ dedupe: 100_000, faults: crash })));
    const q = report.queues.q;
    expect(q.redelivered).toBeGreaterThan(10);
    expect(q.duplicates).toBe(0);
    expect(q.deduplicated).toBeGreaterThan(10);
    expect(q.effects).toBeLessThanOrEqual(q.published);
    expect(q.acked + q.deadLettered).toBe(q.published);
  });

  it("works the same behind a topic: the subscription queue's consumer instances compete, dedupe holds", () => {
    const { sim, report } = runToEnd(
      scenario(
        threeWorkers({
          viaTopic: true,
          dedupe: 100_000,
          faults: [{ kind: 'crash', target: 'worker', instance: 2, at: '2s', duration: '2s' }],
        }),
      ),
    );
    expect([...deliveriesByInstance(sim).keys()].sort()).toEqual(['worker', 'worker#2', 'worker#3']);
    const q = report.queues.q;
    expect(report.topics.t.copies).toBe(q.published);
    expect(q.duplicates).toBe(0);
    expect(q.acked + q.deadLettered).toBe(q.published);
  });
});

describe('scaling a replicated consumer during the run', () => {
  it('lets only the deployed instances compete: none to those scaled away, the new ones once they are up', () => {
    const { sim, report } = runToEnd(
      scenario({
        ...threeWorkers({ visibility: '2s' }),
        changes: [
          { kind: 'service', target: 'worker', at: '2s', set: { replicas: 1 } },
          { kind: 'service', target: 'worker', at: '5s', set: { replicas: 4 } },
        ],
      }),
    );
    const to = (from: number, until: number) =>
      new Set(
        rowsOf(sim, TraceType.DELIVER)
          .filter((r) => r.t >= from && r.t < until)
          .map((r) => sim.rt.nodeIds[sim.rt.calls.callee[r.a]]),
      );
    expect(to(0, 2000)).toEqual(new Set(['worker', 'worker#2', 'worker#3']));
    expect(to(2000, 5000)).toEqual(new Set(['worker']));
    expect(to(5100, 8000)).toEqual(new Set(['worker', 'worker#2', 'worker#3', 'worker#4']));
    const q = report.queues.q;
    expect(q.published).toBe(q.acked + q.deadLettered + q.dropped + q.ready + q.inFlight);
    expect(q.ready + q.inFlight).toBe(0);
  });

  it("rebalances a stream group's partitions over the instances deployed now", () => {
    const { sim } = runToEnd(
      scenario({
        nodes: [
          { id: 'p', kind: 'client', target: 's', workload: { pattern: 'poisson', rate: 50, stop: '9s' } },
          { id: 's', kind: 'stream', partitions: 4, rebalancePause: '200ms' },
          { id: 'reader', kind: 'service', workers: 2, serviceTime: { dist: 'exponential', mean: '5ms' } },
        ],
        links: [
          { from: 'p', to: 's', kind: 'async', latency: 1, keys: 12 },
          { from: 's', to: 'reader', kind: 'async', latency: 1 },
        ],
        changes: [{ kind: 'service', target: 'reader', at: '3s', set: { replicas: 4 } }],
        duration: '12s',
      }),
    );
    const s = sim.rt.streams[sim.nodeIndexOf('s') as number]!;
    const owners = (from: number, until: number) => {
      const out: Set<string>[] = Array.from({ length: 4 }, () => new Set());
      for (const r of rowsOf(sim, TraceType.STREAM_DELIVER))
        if (r.t >= from && r.t < until) out[s.deliveries.get(r.a)!.partition].add(sim.rt.nodeIds[sim.rt.calls.callee[r.a]]);
      return out.map((x) => [...x]);
    };
    expect(owners(0, 3000)).toEqual([['reader'], ['reader'], ['reader'], ['reader']]);
    expect(owners(3300, 12_000)).toEqual([['reader'], ['reader#2'], ['reader#3'], ['reader#4']]);
    expect(inKeyOrder(commitsOf(sim, 's', 'reader'))).toBe(true);
  });
});

describe('a stream read by a replicated service', () => {
  const parts = (faults: Parts['faults'] = []): Parts => ({
    nodes: [
      { id: 'p', kind: 'client', target: 's', workload: { pattern: 'poisson', rate: 50, stop: '9s' } },
      { id: 's', kind: 'stream', partitions: 4, rebalancePause: '300ms' },
      { id: 'reader', kind: 'service', replicas: 2, workers: 2, serviceTime: { dist: 'exponential', mean: '5ms' } },
    ],
    links: [
      { from: 'p', to: 's', kind: 'async', latency: 1, keys: 12 },
      { from: 's', to: 'reader', kind: 'async', latency: 1 },
    ],
    faults,
    duration: '12s',
    seed: 3,
  });

  /** Per partition, the instances its deliveries went to in [from, to). */
  function owners(sim: Simulation, from: number, to: number): string[][] {
    const s = sim.rt.streams[sim.nodeIndexOf('s') as number]!;
    const out: Set<string>[] = Array.from({ length: 4 }, () => new Set());
    for (const r of rowsOf(sim, TraceType.STREAM_DELIVER)) {
      if (r.t < from || r.t >= to) continue;
      out[s.deliveries.get(r.a)!.partition].add(sim.rt.nodeIds[sim.rt.calls.callee[r.a]]);
    }
    return out.map((x) => [...x].sort());
  }

  it('assigns each partition to one instance, round robin over the instances', () => {
    const { sim, report } = runToEnd(scenario(parts()));
    expect(owners(sim, 0, 12_000)).toEqual([['reader'], ['reader#2'], ['reader'], ['reader#2']]);
    expect(report.streams.s.committed).toBe(report.streams.s.published);
    expect(inKeyOrder(commitsOf(sim, 's', 'reader'))).toBe(true);
  });

  it("moves a crashed instance's partitions to the other after the rebalance pause, and back when it returns; per-key order holds", () => {
    const { sim, report } = runToEnd(scenario(parts([{ kind: 'crash', target: 'reader', instance: 2, at: '3s', duration: '3s' }])));
    const rebalances = rowsOf(sim, TraceType.STREAM_REBALANCE);
    // Revoked at the crash and at the return, assigned again 300 ms after each (b: the live members).
    expect(rebalances.map((r) => [r.t, r.b])).toEqual([
      [3000, -1],
      [3300, 1],
      [6000, -1],
      [6300, 2],
    ]);
    expect(owners(sim, 0, 3000)).toEqual([['reader'], ['reader#2'], ['reader'], ['reader#2']]);
    expect(owners(sim, 3000, 6000)).toEqual([['reader'], ['reader'], ['reader'], ['reader']]);
    expect(owners(sim, 6300, 12_000)).toEqual([['reader'], ['reader#2'], ['reader'], ['reader#2']]);
    const commits = commitsOf(sim, 's', 'reader');
    expect(inKeyOrder(commits)).toBe(true);
    expect(new Set(commits.map((c) => c.consumer))).toEqual(new Set(['reader', 'reader#2']));
    expect(report.streams.s.committed).toBe(report.streams.s.published);
  });
});

describe('a polled replicated service', () => {
  it('takes each job on one instance; polls go through the balancer to any instance, which answers from the shared store', () => {
    const { sim, report } = runToEnd(
      scenario({
        nodes: [
          { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'constant', rate: 10, stop: '6s' } },
          { id: 'api', kind: 'service', replicas: 3, workers: 4, serviceTime: { dist: 'exponential', mean: '400ms' } },
        ],
        links: [{ from: 'web', to: 'api', latency: 1, timeout: '10s', polling: { interval: '100ms' }, loadBalancing: 'roundRobin' }],
        duration: '20s',
      }),
    );
    const polls = rowsOf(sim, TraceType.POLL);
    const calls = sim.rt.calls;
    const elsewhere = polls.filter((r) => calls.callee[r.a] !== calls.callee[calls.parent[r.a]]);
    expect(new Set(rowsOf(sim, TraceType.ACCEPT).map((r) => r.node)).size).toBe(3);
    expect(elsewhere.length).toBeGreaterThan(polls.length / 2);
    // A poll answered on another instance still reads the job's outcome once it is done.
    expect(elsewhere.some((r) => r.b === CallStatus.OK)).toBe(true);
    expect(report.clients.web).toMatchObject({ sent: 60, completed: 60 });
  });

  it('refuses a poll at an instance that is down; the caller polls again, and jobs on the crashed one fail', () => {
    const { sim, report } = runToEnd(
      scenario({
        nodes: [
          { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'constant', rate: 10, stop: '6s' } },
          { id: 'api', kind: 'service', replicas: 3, workers: 4, serviceTime: { dist: 'exponential', mean: '1s' } },
        ],
        links: [{ from: 'web', to: 'api', latency: 1, timeout: '10s', polling: { interval: '100ms' } }],
        faults: [{ kind: 'crash', target: 'api', instance: 2, at: '2s', duration: '2s' }],
        duration: '20s',
      }),
    );
    const two = sim.rt.nodeIds.indexOf('api#2');
    const refusedPolls = rowsOf(sim, TraceType.REJECT).filter((r) => r.node === two && sim.rt.calls.parent[r.a] >= 0);
    expect(refusedPolls.length).toBeGreaterThan(0);
    for (const r of refusedPolls) expect(r.t >= 2000 && r.t <= 4000).toBe(true);
    const c = report.clients.web;
    expect(c.sent).toBe(60);
    // Jobs sent to the instance while down are refused at once (the balancer does not know); those it held when it crashed fail.
    expect(c.completed + c.failed + c.rejected).toBe(60);
    expect(c.failed).toBeGreaterThan(0);
    expect(c.completed).toBeGreaterThan(40);
  });
});

describe('a replicated event publisher', () => {
  it("is fetched from through the consumer's balancer: any of its instances answers", () => {
    const { sim, report } = runToEnd(
      scenario({
        nodes: [
          { id: 'web', kind: 'client', target: 'order', workload: { pattern: 'constant', rate: 20, stop: '5s' } },
          { id: 'order', kind: 'service', replicas: 2, workers: 4, serviceTime: 5, calls: [{ to: 'q' }] },
          { id: 'q', kind: 'queue', visibilityTimeout: '5s' },
          { id: 'mail', kind: 'service', replicas: 2, workers: 2, serviceTime: 10 },
        ],
        links: [
          { from: 'web', to: 'order', latency: 1 },
          { from: 'order', to: 'q', kind: 'async', latency: 1, content: 'event' },
          { from: 'q', to: 'mail', kind: 'async', latency: 1 },
          { from: 'mail', to: 'order', latency: 1, timeout: '1s' },
        ],
        duration: '10s',
      }),
    );
    const calls = sim.rt.calls;
    const fetches = rowsOf(sim, TraceType.ROUTE).filter((r) => (calls.flags[r.a] & FETCH_CALL) !== 0);
    expect(fetches.length).toBe(100);
    expect(new Set(fetches.map((r) => sim.rt.nodeIds[r.b]))).toEqual(new Set(['order', 'order#2']));
    // From both consumer instances.
    expect(new Set(fetches.map((r) => sim.rt.nodeIds[calls.caller[r.a]]))).toEqual(new Set(['mail', 'mail#2']));
    expect(report.queues.q).toMatchObject({ published: 100, acked: 100 });
  });
});

describe('the competing-consumers example', () => {
  it('keeps every charge to one effect across the three instances, and shows double charges without dedupe', () => {
    const s = example('competing-consumers');
    const { sim, report } = runToEnd(s);
    const q = report.queues.charges;
    expect(q.redelivered).toBeGreaterThan(50);
    expect(q.duplicates).toBe(0);
    expect(q.deduplicated).toBeGreaterThan(50);
    expect(q.published).toBe(q.acked + q.deadLettered + q.dropped + q.ready + q.inFlight);
    expect(new Set(rowsOf(sim, TraceType.DELIVER).map((r) => sim.rt.nodeIds[sim.rt.calls.callee[r.a]]))).toEqual(
      new Set(['payments', 'payments#2', 'payments#3']),
    );
    const plain = { ...s, links: s.links.map((l) => (l.from === 'charges' ? { ...l, dedupe: undefined } : l)) };
    expect(runToEnd(plain).report.queues.charges.duplicates).toBeGreaterThan(50);
  });
});
