/**
 * A queue remembers which message each delivery carries only while the delivery may still need
 * it: until the queue is done with it (an ack, a nack, the visibility timeout) and its consumer is
 * done with it too (its reply arrived or was lost, the request was lost, or the consumer crashed
 * holding it). Memory follows the deliveries in flight, not the deliveries of the whole run.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, Simulation } from '../../src/engine/index.ts';
import { CallStatus } from '../../src/engine/trace/eventTypes.ts';
import { Phase } from '../../src/engine/trace/callTable.ts';
import { scenario } from '../support/scenarios.ts';

/**
 * A busy queue with everything that ends deliveries oddly: loss both ways, a consumer crash, visibility timeouts shorter than some work,
 * dead letters.
 */
function troubled(stop: string, duration: string, seed = 1) {
  return scenario({
    seed,
    nodes: [
      { id: 'p', kind: 'client', target: 'q', workload: { pattern: 'poisson', rate: 80, stop } },
      { id: 'q', kind: 'queue', visibilityTimeout: '300ms', maxDeliveries: 4 },
      { id: 'c1', kind: 'service', workers: 4, serviceTime: { dist: 'exponential', mean: 40 }, errorRate: 0.05 },
      { id: 'c2', kind: 'service', workers: 4, serviceTime: { dist: 'exponential', mean: 60 } },
    ],
    links: [
      { from: 'p', to: 'q', kind: 'async', latency: 1 },
      { from: 'q', to: 'c1', kind: 'async', latency: { dist: 'exponential', mean: 5 }, loss: 0.05, prefetch: 8 },
      { from: 'q', to: 'c2', kind: 'async', latency: 2, loss: 0.02, prefetch: 8, dedupe: 1000 },
    ],
    faults: [{ kind: 'crash', target: 'c2', at: '5s', duration: '2s' }],
    duration,
  });
}

/** Whether the consumer of delivery c may still work on it: it has it (in line or at work) or it is still on its way there. */
const consumerOpen = (sim: Simulation, c: number) => {
  const phase = sim.rt.calls.phase[c];
  return phase !== Phase.REPLIED && phase !== Phase.REJECTED && phase !== Phase.DROPPED;
};

describe("a queue's memory of its deliveries", () => {
  it('holds only deliveries in flight or still with their consumer, not one per delivery of the run', () => {
    for (const seed of [1, 2, 3]) {
      const sim = new Simulation(troubled('20s', '20s', seed));
      sim.runUntil(sim.scenario.duration);
      const q = buildReport(sim).queues.q,
        calls = sim.rt.calls,
        queue = sim.nodeIndexOf('q');
      const kept = sim.rt.messages.byDelivery;
      expect(q.delivered).toBeGreaterThan(1500);
      // Deliveries the queue is done with whose consumer may still have them (a late ack to come).
      let late = 0;
      for (let c = 0; c < calls.length; c++)
        if (calls.caller[c] === queue && calls.status[c] !== CallStatus.PENDING && consumerOpen(sim, c)) late++;
      expect(kept.size).toBeLessThanOrEqual(q.inFlight + late);
      // Marks of consumers done early belong to deliveries the queue still waits on.
      expect(sim.rt.messages.consumerDone.size).toBeLessThanOrEqual(q.inFlight);
      // Each entry kept is one the queue or the consumer may still ask about.
      for (const c of kept.keys()) expect(calls.status[c] === CallStatus.PENDING || consumerOpen(sim, c)).toBe(true);
    }
  });

  it('is empty once every message is settled', () => {
    const sim = new Simulation(troubled('10s', '40s'));
    sim.runUntil(sim.scenario.duration);
    const q = buildReport(sim).queues.q;
    expect(q.inFlight + q.ready).toBe(0);
    expect(q.redelivered).toBeGreaterThan(20);
    expect(q.lateAcks + q.deduplicated).toBeGreaterThan(0);
    expect(sim.rt.messages.byDelivery.size).toBe(0);
    expect(sim.rt.messages.consumerDone.size).toBe(0);
  });
});
