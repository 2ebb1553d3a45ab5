/**
 * A message queue (features/queue/queueBroker.ts): the producer moves on once the queue has the
 * message; a backlog grows while consumers are down and drains when they return, losing nothing;
 * an unacknowledged delivery comes back after the visibility timeout (a duplicate if the work
 * was done); a message nobody can process is dead-lettered; a full queue drops or refuses; an
 * outage refuses publishes and keeps what is stored; competing consumers share the work within
 * their prefetch.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, Simulation } from '../../src/engine/index.ts';
import { scenario } from '../support/scenarios.ts';
import { eventLog } from '../support/eventLog.ts';

type Parts = Parameters<typeof scenario>[0];

function run(parts: Parts) {
  const s = scenario(parts);
  const sim = new Simulation(s);
  sim.runUntil(s.duration);
  return { sim, report: buildReport(sim) };
}

const producer = (rate: number, pattern: 'constant' | 'poisson' = 'constant') => ({
  id: 'p',
  kind: 'client' as const,
  target: 'q',
  workload: { pattern, rate, stop: '10s' },
});
const queue = (extra: Record<string, unknown> = {}) => ({ id: 'q', kind: 'queue' as const, visibilityTimeout: '1s', ...extra });
const consumer = (id = 'c', extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'service' as const,
  workers: 2,
  serviceTime: 20,
  ...extra,
});
const links = (prefetch?: number, consumers = ['c']) => [
  { from: 'p', to: 'q', kind: 'async' as const, latency: 1 },
  ...consumers.map((to) => ({ from: 'q', to, kind: 'async' as const, latency: 1, ...(prefetch === undefined ? {} : { prefetch }) })),
];

/**
 * Every message it stored is somewhere: acked, dead-lettered, dropped, ready, or delivered and unacked (refused publishes are counted
 * apart).
 */
function conserved(q: ReturnType<typeof run>['report']['queues'][string]) {
  return q.published === q.acked + q.deadLettered + q.dropped + q.ready + q.inFlight;
}

describe('a message queue', () => {
  it('confirms a publish at once: the producer does not wait for the consumer', () => {
    // A service publishes as its only call step; its consumer takes 500 ms per message.
    const { report } = run({
      nodes: [
        { id: 'web', kind: 'client', target: 'order', workload: { pattern: 'constant', rate: 2, stop: '5s' } },
        { id: 'order', kind: 'service', workers: 4, serviceTime: 10, calls: [{ to: 'q' }] },
        queue(),
        consumer('c', { workers: 1, serviceTime: 500 }),
      ],
      links: [
        { from: 'web', to: 'order', latency: 1 },
        { from: 'order', to: 'q', kind: 'async', latency: 1 },
        { from: 'q', to: 'c', kind: 'async', latency: 1 },
      ],
      duration: '20s',
    });
    // 1.3 there + 10 of work + 2.6 for the publish and its confirm + 1.3 back (HTTP: 0.3 ms per message).
    expect(report.clients.web.completed).toBe(10);
    expect(report.clients.web.latency.max).toBeCloseTo(15.2, 6);
    expect(report.nodes.c.latency.min).toBeGreaterThanOrEqual(500);
    expect(report.queues.q).toMatchObject({ published: 10, acked: 10, ready: 0, inFlight: 0 });
  });

  it('lets the backlog grow while its consumer is down and drains it after, losing nothing', () => {
    const { sim, report } = run({
      nodes: [producer(20), queue({ visibilityTimeout: '30s' }), consumer()],
      links: links(),
      faults: [{ kind: 'crash', target: 'c', at: '2s', duration: '3s' }],
      duration: '20s',
    });
    const q = report.queues.q;
    expect(q).toMatchObject({ published: 200, rejected: 0, acked: 200, deadLettered: 0, dropped: 0, ready: 0, inFlight: 0 });
    // Three seconds at 20 per second pile up while it is down.
    expect(q.maxDepth).toBeGreaterThanOrEqual(55);
    expect(report.clients.p).toMatchObject({ completed: 200, failed: 0, rejected: 0 });
    // The queue delivers nothing to a consumer that is down: no delivery is refused.
    expect(eventLog(sim, (e) => e.type === 'reject')).toEqual([]);
  });

  it('delivers a message again when its consumer crashed holding it (the visibility timeout)', () => {
    const { sim, report } = run({
      nodes: [
        { ...producer(1), workload: { pattern: 'constant', rate: 1, stop: '1ms' } },
        queue({ visibilityTimeout: '1s' }),
        consumer('c', { serviceTime: 500 }),
      ],
      links: links(),
      faults: [{ kind: 'crash', target: 'c', at: '200ms', duration: '100ms' }],
      duration: '5s',
    });
    // Sent at 0, stored at 1.3 (1 ms + HTTP's 0.3 ms), delivered at once, at the consumer at 2.6
    // and lost in its crash at 200 ms; the visibility timeout at 1001.3 brings it back, and the
    // second delivery is acked: 1.3 there, 500 of work, 1.3 back.
    expect(eventLog(sim, (e) => ['deliver', 'requeue', 'ack'].includes(e.type))).toEqual([
      '1.3 deliver q #1 to=c deliveries=1',
      '1001.3 requeue q #1 status=timeout',
      '1001.3 deliver q #2 to=c deliveries=2',
      '1503.9 ack q #2',
    ]);
    expect(report.queues.q).toMatchObject({ published: 1, delivered: 2, redelivered: 1, acked: 1, lateAcks: 0 });
  });

  it('counts a duplicate when the work was done but the ack came after the visibility timeout', () => {
    const { report } = run({
      nodes: [
        { ...producer(1), workload: { pattern: 'constant', rate: 1, stop: '1ms' } },
        queue({ visibilityTimeout: '300ms' }),
        consumer('c', { workers: 1, serviceTime: 400 }),
      ],
      links: links(),
      duration: '5s',
    });
    // Every delivery takes 400 ms > 300 ms: each ack is late, and the message keeps coming back.
    const q = report.queues.q;
    expect(q.lateAcks).toBeGreaterThanOrEqual(5);
    expect(q.acked).toBe(0);
    expect(q.redelivered).toBe(q.delivered - 1);
    expect(report.nodes.c.ok).toBeGreaterThanOrEqual(q.lateAcks); // the work was done each time
  });

  it('processes a redelivered message again, unless its consumer is idempotent', () => {
    // 300 ms of work, a 250 ms visibility timeout: every first delivery is redelivered while in progress.
    const parts = (dedupe?: number): Parts => ({
      nodes: [
        { ...producer(2), workload: { pattern: 'constant', rate: 2, stop: '5s' } },
        queue({ visibilityTimeout: '250ms', maxDeliveries: 3 }),
        consumer('c', { workers: 4, serviceTime: 300 }),
      ],
      links: [links()[0], { from: 'q', to: 'c', kind: 'async', latency: 1, ...(dedupe === undefined ? {} : { dedupe }) }],
      duration: '10s',
    });
    const plain = run(parts()).report.queues.q;
    expect(plain.duplicates).toBeGreaterThanOrEqual(5);
    expect(plain.deduplicated).toBe(0);
    const idempotent = run(parts(1000)).report.queues.q;
    expect(idempotent.published).toBe(plain.published);
    expect(idempotent.duplicates).toBe(0);
    expect(idempotent.deduplicated).toBeGreaterThanOrEqual(5);
    expect(idempotent.acked).toBe(idempotent.published);
  });

  it('dead-letters a message after the most deliveries allowed', () => {
    const { report } = run({
      nodes: [producer(5), queue({ maxDeliveries: 3 }), consumer('c', { errorRate: 1 })],
      links: links(),
      duration: '15s',
    });
    expect(report.queues.q).toMatchObject({
      published: 50,
      delivered: 150,
      redelivered: 100,
      acked: 0,
      deadLettered: 50,
      ready: 0,
      inFlight: 0,
    });
  });

  it('when full, drops its oldest ready message, or refuses the publish', () => {
    const parts = (overflow: string): Parts => ({
      nodes: [producer(50), queue({ maxLength: 10, overflow }), consumer('c', { workers: 1, serviceTime: 100 })],
      links: links(1),
      duration: '30s',
    });
    const dropping = run(parts('dropHead')).report;
    expect(dropping.queues.q.maxDepth).toBe(10);
    expect(dropping.queues.q.dropped).toBeGreaterThan(300);
    expect(dropping.queues.q.rejected).toBe(0);
    expect(dropping.clients.p.rejected).toBe(0);
    expect(conserved(dropping.queues.q)).toBe(true);
    const refusing = run(parts('rejectPublish')).report;
    expect(refusing.queues.q.dropped).toBe(0);
    expect(refusing.queues.q.rejected).toBeGreaterThan(300);
    expect(refusing.clients.p.rejected).toBe(refusing.queues.q.rejected);
    expect(conserved(refusing.queues.q)).toBe(true);
    // Published counts what it stored; what it refused is apart: the two make every publish that arrived.
    expect(refusing.queues.q.published).toBe(refusing.clients.p.completed);
    expect(refusing.queues.q.published + refusing.queues.q.rejected).toBe(refusing.clients.p.sent);
  });

  it('refuses publishes during an outage, keeps what it stored, and delivers it when back', () => {
    const { report } = run({
      nodes: [producer(10), queue(), consumer('c', { workers: 1, serviceTime: 150 })],
      links: links(1),
      faults: [{ kind: 'crash', target: 'q', at: '3s', duration: '2s' }],
      duration: '30s',
    });
    const q = report.queues.q;
    // 20 publishes fall in the outage; the backlog built before it is delivered after.
    expect(q.rejected).toBe(20);
    expect(report.clients.p.rejected).toBe(20);
    expect(q.acked + q.deadLettered).toBe(80);
    expect(q).toMatchObject({ ready: 0, inFlight: 0, dropped: 0 });
    expect(conserved(q)).toBe(true);
  });

  it('loses an ack that reaches it during an outage: the message is delivered again once it is back', () => {
    const { sim, report } = run({
      nodes: [
        { ...producer(1), workload: { pattern: 'constant', rate: 1, stop: '1ms' } },
        queue({ visibilityTimeout: '10s' }),
        consumer('c', { serviceTime: 500 }),
      ],
      links: links(),
      faults: [{ kind: 'crash', target: 'q', at: '100ms', duration: '1s' }],
      duration: '5s',
    });
    // The ack leaves the consumer at 502.6 and arrives at 503.9, while the queue is down.
    expect(eventLog(sim, (e) => ['deliver', 'requeue', 'ack'].includes(e.type))).toEqual([
      '1.3 deliver q #1 to=c deliveries=1',
      '503.9 requeue q #1 status=ok',
      '1100 deliver q #2 to=c deliveries=2',
      '1602.6 ack q #2',
    ]);
    expect(report.queues.q).toMatchObject({ acked: 1, delivered: 2 });
    expect(report.nodes.c.ok).toBe(2); // the work, done twice
  });

  it('shares the work between competing consumers, each within its prefetch', () => {
    const { sim, report } = run({
      nodes: [
        producer(40, 'poisson'),
        queue(),
        consumer('a', { workers: 4, serviceTime: 60 }),
        consumer('b', { workers: 4, serviceTime: 60 }),
      ],
      links: links(2, ['a', 'b']),
      duration: '12s',
    });
    const q = report.queues.q;
    expect(q.acked).toBe(q.published);
    expect(report.nodes.a.ok + report.nodes.b.ok).toBe(q.acked);
    expect(Math.abs(report.nodes.a.ok - report.nodes.b.ok)).toBeLessThan(q.acked * 0.2);
    // Never more than 2 unacked per consumer: at most 2 in its worker pool, nothing in its line.
    expect(report.nodes.a.maxLine).toBe(0);
    let outstanding = 0,
      most = 0;
    for (const line of eventLog(sim, (e) => e.type === 'deliver' || e.type === 'ack')) {
      outstanding += line.includes(' deliver ') ? 1 : -1;
      most = Math.max(most, outstanding);
    }
    expect(most).toBeLessThanOrEqual(4);
    expect(most).toBeGreaterThan(1);
  });
});
