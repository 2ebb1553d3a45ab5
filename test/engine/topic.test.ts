/**
 * A publish/subscribe topic (features/topic/topicBroker.ts): one publish, one copy per subscription,
 * each subscription a queue with its own consumers; a subscription that is down loses its copies
 * unless the topic's link to it retries; a topic that is down refuses publishes.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, Simulation } from '../../src/engine/index.ts';
import { scenario } from '../support/scenarios.ts';

type Parts = Parameters<typeof scenario>[0];

function run(parts: Parts) {
  const s = scenario(parts);
  const sim = new Simulation(s);
  sim.runUntil(s.duration);
  return buildReport(sim);
}

/** An order service publishes OrderPlaced to a topic; email and analytics each subscribe with their own queue. */
const parts = (extra: { copyRetry?: boolean; faults?: Parts['faults'] } = {}): Parts => ({
  nodes: [
    { id: 'web', kind: 'client', target: 'order', workload: { pattern: 'constant', rate: 10, stop: '5s' } },
    { id: 'order', kind: 'service', workers: 4, serviceTime: 5, calls: [{ to: 'placed' }] },
    { id: 'placed', kind: 'topic' },
    { id: 'email-q', kind: 'queue' },
    { id: 'stats-q', kind: 'queue' },
    { id: 'email', kind: 'service', workers: 2, serviceTime: 20 },
    { id: 'stats', kind: 'service', workers: 2, serviceTime: 10 },
  ],
  links: [
    { from: 'web', to: 'order', latency: 1 },
    { from: 'order', to: 'placed', kind: 'async', latency: 1 },
    {
      from: 'placed',
      to: 'email-q',
      kind: 'async',
      latency: 1,
      ...(extra.copyRetry
        ? { timeout: '100ms', retry: { maxAttempts: 20, backoff: 'constant', base: '500ms', retryOn: ['refused', 'timeout'] } }
        : {}),
    },
    { from: 'placed', to: 'stats-q', kind: 'async', latency: 1 },
    { from: 'email-q', to: 'email', kind: 'async', latency: 1 },
    { from: 'stats-q', to: 'stats', kind: 'async', latency: 1 },
  ],
  faults: extra.faults ?? [],
  duration: '20s',
});

describe('a topic', () => {
  it('sends one copy of each publish to every subscription, each consumed on its own', () => {
    const report = run(parts());
    expect(report.topics.placed).toMatchObject({ published: 50, rejected: 0, copies: 100, subscriptions: 2 });
    for (const q of ['email-q', 'stats-q']) expect(report.queues[q]).toMatchObject({ published: 50, acked: 50, ready: 0, inFlight: 0 });
    expect(report.nodes.email.ok).toBe(50);
    expect(report.nodes.stats.ok).toBe(50);
    expect(report.clients.web).toMatchObject({ completed: 50, failed: 0 });
  });

  it('loses the copies of a subscription that is down, unless its link retries them', () => {
    const faults: Parts['faults'] = [{ kind: 'crash', target: 'email-q', at: '1s', duration: '2s' }];
    const lossy = run(parts({ faults }));
    expect(lossy.queues['email-q'].rejected).toBe(20);
    expect(lossy.queues['email-q'].acked).toBe(30);
    expect(lossy.queues['stats-q'].acked).toBe(50);
    expect(lossy.clients.web.failed).toBe(0); // the producer never notices
    const retried = run(parts({ copyRetry: true, faults }));
    expect(retried.queues['email-q'].acked).toBe(50);
    expect(retried.links['placed->email-q'].retries).toBeGreaterThanOrEqual(20);
  });

  it('refuses publishes while it is down: the producer sees the failure', () => {
    const report = run(parts({ faults: [{ kind: 'crash', target: 'placed', at: '1s', duration: '1s' }] }));
    // 50 publishes arrived: 40 confirmed (published), 10 refused (apart).
    expect(report.topics.placed).toMatchObject({ published: 40, rejected: 10, copies: 80 });
    expect(report.clients.web.failed).toBe(10);
  });
});
