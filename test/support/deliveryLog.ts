/**
 * Every delivery → message pair a run's queues made, kept for the whole run. The engine's own map
 * (`MessageTable.byDelivery`) forgets a delivery once the queue and its consumer are done with it,
 * so tests that judge a finished run (which message did each acked delivery carry?) record the
 * pairs as the engine enters them. Attach before the run starts.
 */
import type { Simulation } from '../../src/engine/index.ts';

export function recordDeliveries(sim: Simulation): ReadonlyMap<number, number> {
  const all = new Map<number, number>();
  const live = sim.rt.messages.byDelivery;
  const set = live.set.bind(live);
  live.set = (delivery: number, message: number) => {
    all.set(delivery, message);
    return set(delivery, message);
  };
  return all;
}
