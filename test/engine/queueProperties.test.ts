/**
 * Queues under random load, loss, slow and failing consumers, and crashes of consumers and of
 * the queue itself: every message is accounted for, none acknowledged is lost, each is processed
 * at least once (exactly once in effect behind an idempotent consumer that remembers every id),
 * and runs stay deterministic (the same hash twice, and in chunks).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport, Simulation } from '../../src/engine/index.ts';
import { queueScenarioArbitrary } from '../support/arbitraries/queues.ts';
import { assertDeterministic, parse } from '../support/scenarioHelpers.ts';

describe('queues, with random crashes and outages', () => {
  it('account for every message: refused, acked, dead-lettered, dropped by overflow, or still stored', () => {
    let outages = 0, redeliveries = 0, deadLetters = 0, ample = 0, skipped = 0;
    fc.assert(fc.property(queueScenarioArbitrary, (doc) => {
      const scenario = parse(doc);
      const sim = new Simulation(scenario);
      sim.runUntil(scenario.duration);
      const report = buildReport(sim);
      const q = report.queues.q;
      // What it stored is somewhere (what it refused is counted apart).
      expect(q.published).toBe(q.acked + q.deadLettered + q.dropped + q.ready + q.inFlight);
      // Deliveries are first deliveries or redeliveries; a message's first delivery happens once.
      expect(q.delivered - q.redelivered).toBeLessThanOrEqual(q.published);
      // What is in flight is held by consumers, each within its prefetch.
      const prefetch = scenario.links.filter((l) => l.from === 'q').reduce((sum, l) => sum + (l.prefetch ?? 10), 0);
      expect(q.inFlight).toBeLessThanOrEqual(prefetch);
      // At least once: every ack is for work a consumer did, or for a repeat an idempotent one knew (an ack lost in an outage means more work, never less).
      const consumed = scenario.nodes.filter((n) => n.id.startsWith('c')).reduce((sum, n) => sum + report.nodes[n.id].ok, 0);
      expect(consumed + q.deduplicated).toBeGreaterThanOrEqual(q.acked + q.lateAcks);
      expect(q.effects + q.deduplicated).toBeGreaterThanOrEqual(consumed);
      // Each processing is a first effect or a duplicate; a lone idempotent consumer that remembers every id has none.
      expect(q.duplicates).toBeLessThanOrEqual(q.effects);
      const consumerLinks = scenario.links.filter((l) => l.from === 'q');
      if (consumerLinks.length === 1 && (consumerLinks[0].dedupe ?? 0) >= q.published) { expect(q.duplicates).toBe(0); ample++; }
      if (q.deduplicated > 0) skipped++;
      if (scenario.faults.some((f) => 'target' in f && f.target === 'q')) outages++;
      redeliveries += q.redelivered;
      deadLetters += q.deadLettered;
    }), { numRuns: 150, seed: 5 });
    // The generator reached the interesting cases.
    expect(outages).toBeGreaterThan(10);
    expect(redeliveries).toBeGreaterThan(100);
    expect(deadLetters).toBeGreaterThan(10);
    expect(ample).toBeGreaterThan(5);
    expect(skipped).toBeGreaterThan(3);
  });

  it('are deterministic: the same hash twice, and when run in chunks', () => {
    assertDeterministic(queueScenarioArbitrary, { numRuns: 40, seed: 6 });
  });
});
