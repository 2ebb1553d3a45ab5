/**
 * Each stream partition at the playhead, against the engine: its end and first retained offsets,
 * and each consumer group's committed offset and lag, for generated stream scenarios with member
 * crashes, outages, retention and groups that start late or at the latest message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.ts';
import { lagOf } from '../../src/engine/features/stream/eventStream.ts';
import { streamScenarioArbitrary } from '../support/arbitraries/streams.ts';
import { parse, replayInBatches } from '../support/scenarioHelpers.ts';

describe('StreamReplay', () => {
  it("has every partition's offsets and every group's committed offset and lag at any time, as the engine had them", () => {
    fc.assert(
      fc.property(
        streamScenarioArbitrary,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 4 }),
        (doc, fractions) => {
          const scenario = parse(doc);
          const replay = replayInBatches(scenario, scenario.duration / 4, 1000);
          for (const f of fractions) {
            const t = Math.floor(f * scenario.duration);
            const sim = new Simulation(scenario);
            sim.runUntil(t);
            sim.rt.streams.forEach((s, node) => {
              if (!s) return;
              const view = replay.streams.partitionsAt(node, t)!;
              for (let p = 0; p < s.partitions; p++) {
                expect({ t, p, end: view[p].end, first: view[p].first }).toEqual({ t, p, end: s.end[p], first: s.start[p] });
                s.groups.forEach((g, gi) =>
                  expect({ t, p, group: g.name, lag: view[p].lag[gi] }).toEqual({ t, p, group: g.name, lag: lagOf(s, g, p) }),
                );
              }
            });
          }
        },
      ),
      { numRuns: 60, seed: 12 },
    );
  });
});

describe('StreamReplay, directed', () => {
  it('starts a late group at the latest message: its lag before is everything retained, after only what came since', () => {
    const scenario = parse({
      version: 1,
      seed: 1,
      duration: '10s',
      nodes: [
        { id: 'web', kind: 'client', target: 'events', workload: { pattern: 'constant', rate: 20 } },
        { id: 'events', kind: 'stream', partitions: 2, rebalancePause: '1s' },
        { id: 'late', kind: 'service', workers: 1, serviceTime: 5, startupTime: '3s' },
      ],
      links: [
        { from: 'web', to: 'events', kind: 'async' },
        { from: 'events', to: 'late', kind: 'async', startFrom: 'latest' },
      ],
    });
    const replay = replayInBatches(scenario, 1000, 1000);
    const lagAt = (t: number) => replay.streams.partitionsAt(1, t)!.reduce((sum, p) => sum + p.lag[0], 0);
    const endAt = (t: number) => replay.streams.partitionsAt(1, t)!.reduce((sum, p) => sum + p.end, 0);
    expect(lagAt(2000)).toBe(endAt(2000));
    expect(endAt(2000)).toBeGreaterThan(30);
    // Up at 3 s, reading after its rebalance pause from the end it found then: it never reads the first 80 or so.
    expect(lagAt(9000)).toBeLessThan(5);
    for (const t of [2000, 3500, 4500, 9000]) {
      const sim = new Simulation(scenario);
      sim.runUntil(t);
      const s = sim.rt.streams[1]!;
      expect({ t, lag: lagAt(t) }).toEqual({ t, lag: [0, 1].reduce((sum, p) => sum + lagOf(s, s.groups[0], p), 0) });
    }
  });
});
