/**
 * Queues under random load, loss, slow and failing consumers (some of several instances, competing
 * with each other), sometimes behind a topic, and crashes of consumers, of single instances and of
 * the queue itself: every message is accounted for, none acknowledged is lost, each is delivered
 * (unless still ready or dropped by overflow) and each acked one processed at least once (exactly
 * once in effect behind an idempotent consumer that remembers every id, however many instances share
 * its memory), and runs stay deterministic (the same hash twice, and in chunks).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport, Simulation } from '../../src/engine/index.ts';
import { CallStatus } from '../../src/engine/trace/eventTypes.ts';
import { queueScenarioArbitrary } from '../support/arbitraries/queues.ts';
import { assertDeterministic, parse } from '../support/scenarioHelpers.ts';
import { recordDeliveries } from '../support/deliveryLog.ts';

describe('queues, with random crashes and outages', () => {
  it('account for every message: refused, acked, dead-lettered, dropped by overflow, or still stored', () => {
    let outages = 0,
      redeliveries = 0,
      deadLetters = 0,
      ample = 0,
      skipped = 0,
      replicated = 0,
      instanceCrashes = 0,
      ampleReplicated = 0,
      topics = 0;
    fc.assert(
      fc.property(queueScenarioArbitrary, (doc) => {
        const scenario = parse(doc);
        const sim = new Simulation(scenario);
        const deliveries = recordDeliveries(sim);
        sim.runUntil(scenario.duration);
        const report = buildReport(sim);
        const q = report.queues.q;
        // What it stored is somewhere (what it refused is counted apart).
        expect(q.published).toBe(q.acked + q.deadLettered + q.dropped + q.ready + q.inFlight);
        // Deliveries are first deliveries or redeliveries; a message's first delivery happens once.
        expect(q.delivered - q.redelivered).toBeLessThanOrEqual(q.published);
        // What is in flight is held by consumers, each instance within its prefetch.
        const instances = (id: string) => (scenario.nodes.find((n) => n.id === id) as { replicas: number }).replicas;
        const prefetch = scenario.links.filter((l) => l.from === 'q').reduce((sum, l) => sum + (l.prefetch ?? 10) * instances(l.to), 0);
        expect(q.inFlight).toBeLessThanOrEqual(prefetch);
        const queue = sim.rt.queues[sim.nodeIndexOf('q') as number]!;
        queue.slotNode.forEach((_, i) => expect(queue.outstanding[i]).toBeLessThanOrEqual(queue.prefetch[i]));
        // At least once: a message never delivered is still ready or was dropped by overflow; an acked one had its effect.
        const messages = sim.rt.messages,
          ready = new Set<number>(),
          acked = new Set<number>();
        for (let k = 0; k < queue.readyLength; k++) ready.add(queue.ready[(queue.readyHead + k) & (queue.ready.length - 1)]);
        for (const [delivery, m] of deliveries) if (sim.rt.calls.status[delivery] === CallStatus.OK) acked.add(m);
        let undelivered = 0;
        for (let m = 0; m < messages.length; m++) {
          if (messages.deliveries[m] === 0) {
            undelivered++;
            expect(ready.has(m) || q.dropped > 0).toBe(true);
          }
          if (acked.has(m)) expect(messages.effects[m]).toBeGreaterThanOrEqual(1);
        }
        expect(undelivered).toBeLessThanOrEqual(q.ready + q.dropped);
        // At least once: every ack is for work a consumer did, or for a repeat an idempotent one knew (an ack lost in an outage means more
        // work, never less).
        const consumed = scenario.nodes.filter((n) => n.id.startsWith('c')).reduce((sum, n) => sum + report.nodes[n.id].ok, 0);
        expect(consumed + q.deduplicated).toBeGreaterThanOrEqual(q.acked + q.lateAcks);
        expect(q.effects + q.deduplicated).toBeGreaterThanOrEqual(consumed);
        // Each processing is a first effect or a duplicate; a lone idempotent consumer that remembers every id has none.
        expect(q.duplicates).toBeLessThanOrEqual(q.effects);
        const consumerLinks = scenario.links.filter((l) => l.from === 'q');
        const lone = consumerLinks.length === 1 && (consumerLinks[0].dedupe ?? 0) >= q.published;
        if (lone) {
          // Dedupe ⇒ effects ≤ 1 per message, whichever instances processed it.
          expect(q.duplicates).toBe(0);
          for (let m = 0; m < messages.length; m++) expect(messages.effects[m]).toBeLessThanOrEqual(1);
          ample++;
          if (instances(consumerLinks[0].to) > 1 && q.redelivered > 0) ampleReplicated++;
        }
        if (consumerLinks.some((l) => instances(l.to) > 1)) replicated++;
        instanceCrashes += scenario.faults.filter((f) => f.kind === 'crash' && f.instance !== undefined).length;
        if (scenario.nodes.some((n) => n.kind === 'topic')) topics++;
        if (q.deduplicated > 0) skipped++;
        if (scenario.faults.some((f) => 'target' in f && f.target === 'q')) outages++;
        redeliveries += q.redelivered;
        deadLetters += q.deadLettered;
      }),
      { numRuns: 150, seed: 5 },
    );
    // The generator reached the interesting cases.
    expect(outages).toBeGreaterThan(10);
    expect(redeliveries).toBeGreaterThan(100);
    expect(deadLetters).toBeGreaterThan(10);
    expect(ample).toBeGreaterThan(5);
    expect(skipped).toBeGreaterThan(3);
    expect(replicated).toBeGreaterThan(30);
    expect(instanceCrashes).toBeGreaterThan(20);
    expect(ampleReplicated).toBeGreaterThan(1);
    expect(topics).toBeGreaterThan(30);
  });

  it('are deterministic: the same hash twice, and when run in chunks', () => {
    assertDeterministic(queueScenarioArbitrary, { numRuns: 40, seed: 6 });
  });
});
