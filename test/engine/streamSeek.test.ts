/**
 * Replaying an event stream from an offset: a stream change moves a consumer group's committed
 * offsets (earliest, latest, an offset, a time). Back is a replay: those messages are delivered
 * and processed again, in key order; forward skips them. Deliveries in flight are revoked; a
 * group not yet reading starts where the change put it; the playhead's replay agrees. And an
 * idempotent group (`dedupe`), whose members share their memory of processed ids, has the repeats
 * of a rebalance without a second effect.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.ts';
import { lagOf } from '../../src/engine/features/stream/eventStream.ts';
import { TraceType } from '../../src/engine/trace/eventTypes.ts';
import { validateScenario, type ScenarioInput } from '../../src/model/index.ts';
import { scenario, runToEnd } from '../support/scenarios.ts';
import { replayInBatches } from '../support/scenarioHelpers.ts';
import { commitsOf, inKeyOrder, keysOf, streamOf } from '../support/streams.ts';

type Offsets = 'earliest' | 'latest' | { offset: number } | { time: number | string };

/** A producer appending 20/s for 10 s (6 keys) to a 3-partition stream read by group "billing" (one consumer, c). */
function doc(
  o: { offsets?: Offsets; at?: string; faults?: ScenarioInput['faults']; startFrom?: 'latest'; mean?: number } = {},
): ScenarioInput {
  return {
    version: 1,
    seed: 4,
    duration: '20s',
    nodes: [
      { id: 'p', kind: 'client', target: 's', workload: { pattern: 'poisson', rate: 20, stop: '10s' } },
      { id: 's', kind: 'stream', partitions: 3, rebalancePause: '1s' },
      { id: 'c', kind: 'service', workers: 2, serviceTime: { dist: 'exponential', mean: o.mean ?? 20 } },
    ],
    links: [
      { from: 'p', to: 's', kind: 'async', keys: 6 },
      { from: 's', to: 'c', kind: 'async', group: 'billing', ...(o.startFrom ? { startFrom: o.startFrom } : {}) },
    ],
    faults: o.faults ?? [],
    changes:
      o.offsets === undefined ? [] : [{ kind: 'stream', target: 's', group: 'billing', at: o.at ?? '12s', set: { offsets: o.offsets } }],
  };
}

function run(input: ScenarioInput, until?: number) {
  const { sim, report } = runToEnd(scenario(input as Parameters<typeof scenario>[0]), until);
  return { sim, report: report.streams.s };
}

/** Messages appended at or after `t` ms (from the trace). */
function appendedFrom(sim: Simulation, t: number): number {
  const trace = sim.rt.trace;
  let n = 0;
  for (let i = 0; i < trace.length; i++) if (trace.type(i) === TraceType.STREAM_APPEND && trace.time(i) >= t) n++;
  return n;
}

describe("moving a consumer group's offsets", () => {
  it('replays everything from the earliest offset: each message is processed a second time, in key order again', () => {
    const { sim, report } = run(doc({ offsets: 'earliest' }));
    const appended = keysOf(sim, 's').length;
    expect(appended).toBeGreaterThan(150);
    expect(report).toMatchObject({
      committed: 2 * appended,
      effects: 2 * appended,
      duplicates: appended,
      rewound: appended,
      skippedAhead: 0,
      redelivered: appended,
    });
    const commits = commitsOf(sim, 's', 'billing');
    const second = commits.filter((c) => c.t >= 12_000);
    expect(second.length).toBe(appended);
    expect(inKeyOrder(second)).toBe(true);
    expect(report.partitions.every((p) => p.lag.billing === 0)).toBe(true);
  });

  it('without the change, processes each message once', () => {
    const { sim, report } = run(doc());
    expect(report).toMatchObject({ committed: keysOf(sim, 's').length, duplicates: 0, rewound: 0 });
  });

  it('replays from a time: only the messages appended at or after it', () => {
    const { sim, report } = run(doc({ offsets: { time: '6s' } }));
    const again = appendedFrom(sim, 6000);
    expect(again).toBeGreaterThan(50);
    expect(again).toBeLessThan(keysOf(sim, 's').length - 50);
    expect(report).toMatchObject({ duplicates: again, rewound: again });
  });

  it('replays from an offset, the same in every partition', () => {
    const { report } = run(doc({ offsets: { offset: 10 } }));
    const again = report.partitions.reduce((sum, p) => sum + p.end - 10, 0);
    expect(report).toMatchObject({ duplicates: again, rewound: again });
  });

  it("keeps an offset beyond a partition's end at its end: nothing to replay, nothing skipped", () => {
    const { report } = run(doc({ offsets: { offset: 10_000 } }));
    expect(report).toMatchObject({ duplicates: 0, rewound: 0, skippedAhead: 0 });
  });

  it('skips ahead to the latest offset: a backlog built up while the consumer was down is never processed', () => {
    // c is down from 2 s to 8 s; at 8 s (before its group's rebalance pause ends) the group jumps to the end.
    const { sim, report } = run(doc({ offsets: 'latest', at: '8s', faults: [{ kind: 'crash', target: 'c', at: '2s', duration: '6s' }] }));
    const appended = keysOf(sim, 's').length;
    expect(report.skippedAhead).toBeGreaterThan(80);
    expect(report.effects).toBe(appended - report.skippedAhead);
    expect(report.duplicates).toBe(0);
    expect(report.partitions.every((p) => p.lag.billing === 0)).toBe(true);
  });

  it('revokes deliveries in flight: their replies commit nothing, and the messages go again', () => {
    // Slow work (1 s each), so every partition has a delivery in flight at 5 s.
    const { sim } = run(doc({ offsets: 'earliest', at: '5s', mean: 1000 }), 5000);
    const trace = sim.rt.trace,
      s = streamOf(sim, 's');
    const revoked: number[] = [];
    for (let i = 0; i < trace.length; i++)
      if (trace.type(i) === TraceType.STREAM_REVOKE && trace.time(i) === 5000) revoked.push(trace.a(i));
    expect(revoked.length).toBe(3);
    expect(revoked.every((c) => s.deliveries.get(c)?.live === false)).toBe(true);
    // Each partition reads its first message again at once.
    expect([0, 1, 2].map((p) => s.deliveries.get(s.groups[0].inFlight[p])?.offset)).toEqual([0, 0, 0]);
  });

  it('starts a group not yet reading where the change puts it, not at its startFrom', () => {
    // c is down until 6 s; at 4 s its group is moved to the latest offset, so it never reads the first 4 s.
    const { sim, report } = run(doc({ offsets: 'latest', at: '4s', faults: [{ kind: 'crash', target: 'c', at: 0, duration: '6s' }] }));
    const before = keysOf(sim, 's').length - appendedFrom(sim, 4000);
    expect(before).toBeGreaterThan(50);
    expect(report.effects).toBe(keysOf(sim, 's').length - before);
    expect(report.skippedAhead).toBe(before);
  });

  it("is seen the same at the playhead: every group's lag before and after the change", () => {
    const s = scenario(doc({ offsets: { time: '3s' }, at: '6s' }) as Parameters<typeof scenario>[0]);
    const replay = replayInBatches(s, 700, 500);
    for (const t of [5999, 6000, 6001, 6500, 9000]) {
      const sim = new Simulation(s);
      sim.runUntil(t);
      const stream = sim.rt.streams[1]!;
      const view = replay.streams.partitionsAt(1, t)!;
      expect({ t, lags: view.map((p) => p.lag[0]) }).toEqual({ t, lags: [0, 1, 2].map((p) => lagOf(stream, stream.groups[0], p)) });
    }
    const at = (t: number) => replay.streams.partitionsAt(1, t)!.reduce((sum, p) => sum + p.lag[0], 0);
    expect(at(6000) - at(5999)).toBeGreaterThan(40);
  });
});

describe('a stream change in a document', () => {
  const problems = (input: ScenarioInput) => {
    const r = validateScenario(input);
    return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
  };
  const base = doc();
  const withChange = (change: Record<string, unknown>) =>
    ({
      ...base,
      changes: [{ kind: 'stream', target: 's', group: 'billing', at: '1s', set: { offsets: 'earliest' }, ...change }],
    }) as ScenarioInput;

  it('must name a stream and one of its groups', () => {
    expect(problems(withChange({}))).toEqual([]);
    expect(problems(withChange({ group: 'c' }))).toEqual(['changes[0].group: "s" has no consumer group "c" (its groups: billing)']);
    expect(problems(withChange({ target: 'c' }))).toEqual(['changes[0].target: "c" is a service, not a stream']);
    expect(problems(withChange({ target: 'nope' }))).toEqual(['changes[0].target: no node has the id "nope"']);
  });

  it('says what offsets may be', () => {
    expect(problems(withChange({ set: { offsets: 'beginning' } }))).toEqual([
      'changes[0].set.offsets: must be one of "earliest", "latest" (got the text "beginning")',
    ]);
    expect(problems(withChange({ set: { offsets: { offset: -1 } } }))).toEqual(['changes[0].set.offsets.offset: must not be negative']);
    expect(problems(withChange({ set: { offsets: { time: '5s' } } }))).toEqual([]);
  });
});

describe('an idempotent consumer group on a stream', () => {
  const rebalanced = (dedupe?: number): ScenarioInput => ({
    version: 1,
    seed: 6,
    duration: '30s',
    nodes: [
      { id: 'p', kind: 'client', target: 's', workload: { pattern: 'poisson', rate: 40, stop: '20s' } },
      { id: 's', kind: 'stream', partitions: 4, rebalancePause: '1s' },
      { id: 'c1', kind: 'service', workers: 2, serviceTime: { dist: 'exponential', mean: 60 } },
      { id: 'c2', kind: 'service', workers: 2, serviceTime: { dist: 'exponential', mean: 60 } },
    ],
    links: [
      { from: 'p', to: 's', kind: 'async', keys: 16 },
      { from: 's', to: 'c1', kind: 'async', group: 'g', ...(dedupe ? { dedupe } : {}) },
      { from: 's', to: 'c2', kind: 'async', group: 'g', ...(dedupe ? { dedupe } : {}) },
    ],
    // c1 crashes mid-work twice: what it processed but had not committed goes to c2 (and back).
    faults: [
      { kind: 'crash', target: 'c1', at: '5s', duration: '3s' },
      { kind: 'crash', target: 'c1', at: '12s', duration: '3s' },
    ],
  });

  it("has each message's effect once, sharing its memory across members: a rebalance's repeats are skipped", () => {
    const plain = run(rebalanced()).report,
      idempotent = run(rebalanced(10_000)).report;
    expect(plain.duplicates).toBeGreaterThan(0);
    expect(idempotent.duplicates).toBe(0);
    expect(idempotent.deduplicated).toBeGreaterThan(0);
    expect(idempotent.effects).toBe(idempotent.published);
    expect(plain.effects).toBe(plain.published + plain.duplicates);
  });

  it("is for a queue's or stream's consumer only", () => {
    const doc = rebalanced();
    doc.links = [{ ...doc.links![0], to: 'c1', kind: 'sync', keys: undefined, dedupe: 5 } as never, ...doc.links!.slice(1)];
    doc.nodes[0] = { ...doc.nodes[0], target: 'c1' } as never;
    const result = validateScenario(doc);
    expect(result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`)).toContain(
      'links[0].dedupe: dedupe makes a queue\'s or stream\'s consumer idempotent; "p" is a client',
    );
  });
});
