/**
 * A call's role (src/engine/kernel/callRoles.ts) is what dispatch.ts routes on, so it must say
 * exactly what the engine's old predicates said: a call to a registry is a registry call, a
 * queue's or stream's call is its delivery, a call to a broker is a publish, and a poll or a probe
 * is one while it is in flight (its feature's map holds it) and a plain call to its callee after.
 * The behaviour pins prove the routing changed nothing; this proves the column itself.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/index.ts';
import { Role, ROLE_NAMES } from '../../src/engine/kernel/callRoles.ts';
import type { Runtime } from '../../src/engine/kernel/runtime.ts';
import { example } from '../support/scenarios.ts';

/** The role the old predicates gave call c, from the nodes it joins and the maps its features keep. */
function expectedRole(rt: Runtime, c: number): number {
  const caller = rt.calls.caller[c],
    callee = rt.calls.callee[c];
  if (rt.features.asyncHttp.pollJob.has(c)) return Role.POLL;
  if (rt.probeCalls.has(c)) return Role.PROBE;
  if (rt.registries[callee] !== undefined) return Role.REGISTRY;
  if (rt.queues[callee] !== undefined) return Role.QUEUE_PUBLISH;
  if (rt.topics[callee] !== undefined) return Role.TOPIC_PUBLISH;
  if (rt.streams[callee] !== undefined) return Role.STREAM_PUBLISH;
  if (rt.streams[caller] !== undefined) return Role.STREAM_DELIVERY;
  if (rt.queues[caller] !== undefined) return Role.QUEUE_DELIVERY;
  return Role.REQUEST;
}

describe('call roles', () => {
  it.each(['mm1', 'checkout', 'order-flow', 'competing-consumers', 'stream', 'discovery', 'slow-instance', 'gateway', 'reference'])(
    "match the nodes and the features' maps for every call, at several instants: %s",
    (name) => {
      const scenario = example(name);
      const { simulation } = simulate(scenario, { until: 0 });
      const rt = simulation.rt;
      const seen = new Set<number>();
      for (const t of [scenario.duration / 7, scenario.duration / 2, scenario.duration]) {
        simulation.runUntil(t);
        for (let c = 0; c < rt.calls.length; c++) {
          const role = rt.calls.role[c];
          seen.add(role);
          expect({ c, role: ROLE_NAMES[role] }).toEqual({ c, role: ROLE_NAMES[expectedRole(rt, c)] });
        }
      }
      // A plain scenario's calls are all plain requests; a scenario with brokers or registries has others.
      if (name === 'mm1') expect([...seen]).toEqual([Role.REQUEST]);
      if (name === 'order-flow' || name === 'discovery' || name === 'stream') expect(seen.size).toBeGreaterThan(1);
    },
  );
});
