/**
 * Order per key in an event stream: a key chooses its partition, so one key's messages are
 * processed in append order even with a group reading every partition in parallel; a producer
 * that spreads keyed messages round robin (partitionBy: roundRobin) fills the partitions evenly
 * and breaks that order, which the stream counts (outOfOrder) exactly as the commits show it.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, describeEvent, Simulation } from '../../src/engine/index.ts';
import { TraceType } from '../../src/engine/trace/eventTypes.ts';
import { validateScenario } from '../../src/model/index.ts';
import { scenario } from '../support/scenarios.ts';
import { commitsOf, inKeyOrder, type Committed } from '../support/streams.ts';

type Parts = Parameters<typeof scenario>[0];

function parts(o: { partitions: number; partitionBy?: 'key' | 'roundRobin'; members?: number; seed?: number }): Parts {
  const members = Array.from({ length: o.members ?? 3 }, (_, i) => `c${i + 1}`);
  return {
    seed: o.seed ?? 1,
    nodes: [
      { id: 'p', kind: 'client', target: 's', workload: { pattern: 'poisson', rate: 60, stop: '20s' } },
      { id: 's', kind: 'stream', partitions: o.partitions },
      ...members.map((id) => ({ id, kind: 'service' as const, workers: 1, serviceTime: { dist: 'exponential' as const, mean: 20 } })),
    ],
    links: [
      { from: 'p', to: 's', kind: 'async', keys: 10, ...(o.partitionBy ? { partitionBy: o.partitionBy } : {}) },
      ...members.map((id) => ({ from: 's', to: id, kind: 'async' as const, latency: 1, group: 'g' })),
    ],
    duration: '40s',
  };
}

function run(p: Parts) {
  const sim = new Simulation(scenario(p));
  sim.runUntil(sim.scenario.duration);
  return { sim, report: buildReport(sim) };
}

/** Out-of-order first commits per key, counted from the trace independently of the engine's count. */
function outOfOrderIn(commits: readonly Committed[]): number {
  const seen = new Set<number>(),
    last = new Map<number, number>();
  let n = 0;
  for (const c of commits) {
    if (seen.has(c.seq)) continue;
    seen.add(c.seq);
    if ((last.get(c.key) ?? -1) > c.seq) n++;
    else last.set(c.key, c.seq);
  }
  return n;
}

describe('order per key in a stream', () => {
  it('holds when the key chooses the partition, with three members reading in parallel', () => {
    for (const seed of [1, 2, 3]) {
      const { sim, report } = run(parts({ partitions: 3, seed }));
      const commits = commitsOf(sim, 's', 'g');
      expect(commits.length).toBeGreaterThan(1000);
      expect(new Set(commits.map((c) => c.consumer)).size).toBe(3);
      expect(inKeyOrder(commits)).toBe(true);
      expect(report.streams.s.outOfOrder).toBe(0);
    }
  });

  it('breaks when keyed messages spread round robin, and the stream counts each overtaken message', () => {
    for (const seed of [1, 2, 3]) {
      const { sim, report } = run(parts({ partitions: 3, partitionBy: 'roundRobin', seed }));
      const commits = commitsOf(sim, 's', 'g');
      // Round robin fills the partitions evenly, whatever the keys.
      const ends = report.streams.s.partitions.map((p) => p.end);
      expect(Math.max(...ends) - Math.min(...ends)).toBeLessThanOrEqual(1);
      expect(inKeyOrder(commits)).toBe(false);
      expect(report.streams.s.outOfOrder).toBeGreaterThan(10);
      expect(report.streams.s.outOfOrder).toBe(outOfOrderIn(commits));
      // The trace as described says where each message went: round robin, whatever its key.
      const appends: { key?: unknown; partition?: unknown }[] = [];
      for (let i = 0; i < sim.rt.trace.length; i++)
        if (sim.rt.trace.type(i) === TraceType.STREAM_APPEND) appends.push(describeEvent(sim, i) as { key?: unknown; partition?: unknown });
      expect(appends.map((e) => e.partition)).toEqual(appends.map((_, n) => n % 3));
      expect(appends.some((e, n) => e.key !== undefined && (e.key as number) % 3 !== n % 3)).toBe(true);
    }
  });

  it('holds with round robin over one partition: one reader, one order', () => {
    const { sim, report } = run(parts({ partitions: 1, partitionBy: 'roundRobin' }));
    expect(inKeyOrder(commitsOf(sim, 's', 'g'))).toBe(true);
    expect(report.streams.s.outOfOrder).toBe(0);
  });

  it('is refused off a stream, or without keys', () => {
    const problems = (doc: unknown) => {
      const r = validateScenario(doc);
      return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
    };
    const base = parts({ partitions: 3 });
    const noKeys = {
      version: 1,
      ...base,
      links: [{ from: 'p', to: 's', kind: 'async', partitionBy: 'key' }, ...(base.links ?? []).slice(1)],
    };
    expect(problems(noKeys)).toContain(
      'links[0].partitionBy: partitioning needs keys: set keys (how many different keys the messages carry), or leave partitionBy out to spread them round robin',
    );
    // Round robin is what no keys do anyway: nothing to refuse.
    expect(
      problems({ ...noKeys, links: [{ from: 'p', to: 's', kind: 'async', partitionBy: 'roundRobin' }, ...noKeys.links.slice(1)] }),
    ).toEqual([]);
    const toService = {
      version: 1,
      nodes: [
        { id: 'a', kind: 'client', target: 'b', workload: { pattern: 'constant', rate: 1 } },
        { id: 'b', kind: 'service' },
      ],
      links: [{ from: 'a', to: 'b', partitionBy: 'key', keys: 3, loadBalancing: 'consistentHash' }],
    };
    expect(problems(toService)).toEqual(['links[0].partitionBy: partitionBy chooses a stream\'s partition; "b" is a service']);
  });
});
