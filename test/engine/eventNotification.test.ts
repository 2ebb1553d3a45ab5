/**
 * Message vs event-only notification: the same publish carries the payload (the consumer needs
 * nothing else) or only "it happened" (each consumer calls the publisher back to fetch the data).
 * The second costs a call per message per consumer, load on the publisher, and time, and makes
 * the consumer depend on the publisher being up.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, Simulation } from '../../src/engine/index.ts';
import { scenario } from '../support/scenarios.ts';
import { eventLog } from '../support/eventLog.ts';

function run(content: 'message' | 'event', extra: { orderDown?: boolean; topic?: boolean } = {}) {
  // With Order down, Mail is slow enough to have a backlog then (1 worker, 150 ms per email).
  const s = scenario({
    nodes: [
      { id: 'web', kind: 'client', target: 'order', workload: { pattern: 'constant', rate: 10, stop: '10s' } },
      { id: 'order', kind: 'service', workers: 4, serviceTime: 10, calls: [{ to: extra.topic ? 'placed' : 'q' }] },
      ...(extra.topic
        ? [
            { id: 'placed', kind: 'topic' as const },
            { id: 'q2', kind: 'queue' as const },
            { id: 'stats', kind: 'service' as const, workers: 2, serviceTime: 5 },
          ]
        : []),
      { id: 'q', kind: 'queue', visibilityTimeout: '5s' },
      { id: 'mail', kind: 'service', workers: extra.orderDown ? 1 : 2, serviceTime: extra.orderDown ? 150 : 20 },
    ],
    links: [
      { from: 'web', to: 'order', latency: 1 },
      ...(extra.topic
        ? [
            { from: 'order', to: 'placed', kind: 'async' as const, latency: 1, content },
            { from: 'placed', to: 'q', kind: 'async' as const, latency: 1 },
            { from: 'placed', to: 'q2', kind: 'async' as const, latency: 1 },
            { from: 'q2', to: 'stats', kind: 'async' as const, latency: 1 },
            { from: 'stats', to: 'order', latency: 1, timeout: '1s' },
          ]
        : [{ from: 'order', to: 'q', kind: 'async' as const, latency: 1, content }]),
      { from: 'q', to: 'mail', kind: 'async', latency: 1 },
      { from: 'mail', to: 'order', latency: 1, timeout: '1s' },
    ],
    faults: extra.orderDown ? [{ kind: 'crash', target: 'order', at: '5s', duration: '2s' }] : [],
    duration: '30s',
  });
  const sim = new Simulation(s);
  sim.runUntil(s.duration);
  return { sim, report: buildReport(sim) };
}

describe('message vs event-only notification', () => {
  it('a message carries what the consumer needs; an event makes it call the publisher back for each one', () => {
    const message = run('message').report,
      event = run('event').report;
    expect(message.queues.q.acked).toBe(100);
    expect(event.queues.q.acked).toBe(100);
    // 100 checkouts reach Order either way; with events, 100 fetches more.
    expect(message.nodes.order.arrivals).toBe(100);
    expect(event.nodes.order.arrivals).toBe(200);
    expect(event.links['mail->order'].calls).toBe(100);
    expect(message.links['mail->order'].calls).toBe(0);
    // Each email takes a round trip to Order (2.6 ms of network + 10 ms of Order's work) longer.
    expect(event.nodes.mail.latency.mean - message.nodes.mail.latency.mean).toBeCloseTo(12.6, 1);
    // The checkout itself does not wait for either.
    expect(event.clients.web.latency.mean).toBeCloseTo(message.clients.web.latency.mean, 6);
  });

  it("fetches as the step before the consumer's own calls, in the delivery's trace", () => {
    const { sim } = run('event');
    const first = eventLog(sim, (e) => e.type === 'send' && (e.node === 'mail' || e.node === 'q')).slice(0, 2);
    expect(first).toEqual([expect.stringMatching(/ send q #\d+ to=mail$/), expect.stringMatching(/ send mail #\d+ to=order$/)]);
  });

  it('with events, the consumer depends on the publisher: while it is down, deliveries fail and come back', () => {
    const event = run('event', { orderDown: true }).report,
      message = run('message', { orderDown: true }).report;
    expect(message.queues.q.redelivered).toBe(0);
    // About one failed attempt per 150 ms of work during the 2 s outage.
    expect(event.queues.q.redelivered).toBeGreaterThan(8);
    // Once Order is back, every message is processed: nothing is lost, only late.
    expect(event.queues.q).toMatchObject({ acked: event.queues.q.published, ready: 0, inFlight: 0, deadLettered: 0 });
  });

  it("on a stream, every group's consumer fetches, once per message; while the publisher is down, deliveries fail and go again", () => {
    const stream = (content: 'message' | 'event', orderDown = false) => {
      const s = scenario({
        nodes: [
          { id: 'web', kind: 'client', target: 'order', workload: { pattern: 'constant', rate: 10, stop: '10s' } },
          { id: 'order', kind: 'service', workers: 4, serviceTime: 10, calls: [{ to: 'placed' }] },
          { id: 'placed', kind: 'stream', partitions: 2 },
          // With Order down, Mail is slow enough to have a backlog then (two partitions at 300 ms a message).
          { id: 'mail', kind: 'service', workers: 2, serviceTime: orderDown ? 300 : 20 },
          { id: 'stats', kind: 'service', workers: 2, serviceTime: 5 },
        ],
        links: [
          { from: 'web', to: 'order', latency: 1 },
          { from: 'order', to: 'placed', kind: 'async', latency: 1, content },
          { from: 'placed', to: 'mail', kind: 'async', latency: 1, timeout: '2s' },
          { from: 'placed', to: 'stats', kind: 'async', latency: 1, timeout: '2s' },
          { from: 'mail', to: 'order', latency: 1, timeout: '1s' },
          { from: 'stats', to: 'order', latency: 1, timeout: '1s' },
        ],
        faults: orderDown ? [{ kind: 'crash', target: 'order', at: '5s', duration: '2s' }] : [],
        duration: '30s',
      });
      const sim = new Simulation(s);
      sim.runUntil(s.duration);
      return buildReport(sim);
    };
    const message = stream('message'),
      event = stream('event');
    expect(message.streams.placed.committed).toBe(200);
    expect(event.streams.placed.committed).toBe(200);
    expect(message.links['mail->order'].calls + message.links['stats->order'].calls).toBe(0);
    expect(event.links['mail->order'].calls).toBe(100);
    expect(event.links['stats->order'].calls).toBe(100);
    expect(event.nodes.order.arrivals).toBe(300);
    // A fetch that fails while Order is down fails the delivery: the partition retries it, and nothing is lost.
    const down = stream('event', true);
    expect(down.streams.placed.redelivered).toBeGreaterThan(0);
    expect(down.streams.placed).toMatchObject({
      committed: 2 * down.streams.placed.published - 2 * down.streams.placed.rejected,
      inFlight: 0,
      skipped: 0,
    });
    expect(down.streams.placed.partitions.every((p) => p.lag.mail === 0 && p.lag.stats === 0)).toBe(true);
  });

  it("through a topic, every subscription's consumer fetches", () => {
    const { report } = run('event', { topic: true });
    expect(report.links['mail->order'].calls).toBe(100);
    expect(report.links['stats->order'].calls).toBe(100);
    expect(report.nodes.order.arrivals).toBe(300);
  });
});
