/**
 * An event stream (features/stream/eventStream.ts): order per key within a partition, and none across
 * partitions; one owner per partition within a group; every group reads everything; a member's
 * crash rebalances its partitions to the survivor after the pause, from the committed offsets
 * (uncommitted work done twice); lag grows while a group is down and shrinks after; retention
 * expires old messages; a group starting late reads from the earliest or the latest offset; an
 * outage refuses publishes and keeps the log.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, Simulation } from '../../src/engine/index.ts';
import { lagOf } from '../../src/engine/features/stream/eventStream.ts';
import { TraceType } from '../../src/engine/trace/eventTypes.ts';
import { scenario } from '../support/scenarios.ts';
import { commitsOf, inKeyOrder, keysOf, streamOf } from '../support/streams.ts';

type Parts = Parameters<typeof scenario>[0];
type Member = { id: string; group?: string; startFrom?: 'earliest' | 'latest'; extra?: Record<string, unknown> };

function parts(o: {
  rate?: number;
  stop?: string;
  keys?: number;
  stream?: Record<string, unknown>;
  members: Member[];
  faults?: Parts['faults'];
  duration?: string;
  latency?: number;
}): Parts {
  return {
    nodes: [
      { id: 'p', kind: 'client', target: 's', workload: { pattern: 'poisson', rate: o.rate ?? 20, stop: o.stop ?? '10s' } },
      { id: 's', kind: 'stream', ...o.stream },
      ...o.members.map((m) => ({
        id: m.id,
        kind: 'service' as const,
        workers: 4,
        serviceTime: { dist: 'exponential' as const, mean: 20 },
        ...m.extra,
      })),
    ],
    links: [
      { from: 'p', to: 's', kind: 'async', ...(o.keys === undefined ? {} : { keys: o.keys }) },
      ...o.members.map((m) => ({
        from: 's',
        to: m.id,
        kind: 'async' as const,
        latency: o.latency ?? 1,
        ...(m.group ? { group: m.group } : {}),
        ...(m.startFrom ? { startFrom: m.startFrom } : {}),
      })),
    ],
    faults: o.faults ?? [],
    duration: o.duration ?? '20s',
  };
}

function run(p: Parts, until?: number) {
  const s = scenario(p);
  const sim = new Simulation(s);
  sim.runUntil(until ?? s.duration);
  return { sim, report: buildReport(sim) };
}

describe('an event stream', () => {
  it("keeps each key's messages in publish order within its partition, and processes each once", () => {
    const { sim, report } = run(parts({ keys: 6, members: [{ id: 'c' }] }));
    const commits = commitsOf(sim, 's', 'c');
    const appended = keysOf(sim, 's').length;
    expect(appended).toBeGreaterThan(150);
    expect(commits.length).toBe(appended);
    expect(inKeyOrder(commits)).toBe(true);
    // Within a partition, offsets are committed one after the other.
    for (let p = 0; p < 3; p++)
      expect(commits.filter((c) => c.partition === p).map((c) => c.offset)).toEqual([...Array(report.streams.s.partitions[p].end).keys()]);
    // The key chooses the partition: key mod 3.
    expect(commits.every((c) => c.partition === c.key % 3)).toBe(true);
    expect(report.streams.s).toMatchObject({ published: appended, committed: appended, duplicates: 0, retained: appended, inFlight: 0 });
    expect(report.streams.s.partitions.every((p) => p.lag.c === 0)).toBe(true);
  });

  it('does not keep order across partitions: two keys are processed in another order than published', () => {
    const { sim } = run(parts({ keys: 6, members: [{ id: 'c' }] }));
    const commits = commitsOf(sim, 's', 'c');
    const overall = commits.map((c) => c.seq);
    expect(overall).not.toEqual([...overall].sort((a, b) => a - b));
    // A message of one key was published before one of a key in another partition, but processed after it.
    const inverted = commits.find((x, i) => commits.slice(0, i).some((y) => y.partition !== x.partition && y.seq > x.seq));
    expect(inverted).toBeDefined();
    // Within every partition, though, order holds.
    expect(inKeyOrder(commits)).toBe(true);
  });

  it('gives each partition exactly one owner within a group, round robin over its members', () => {
    const { sim } = run(
      parts({
        keys: 9,
        members: [
          { id: 'c1', group: 'g' },
          { id: 'c2', group: 'g' },
        ],
      }),
    );
    const commits = commitsOf(sim, 's', 'g');
    const owners = [0, 1, 2].map((p) => [...new Set(commits.filter((c) => c.partition === p).map((c) => c.consumer))]);
    expect(owners).toEqual([['c1'], ['c2'], ['c1']]);
    // One message at a time per partition: a delivery starts only after the one before it ended.
    const s = streamOf(sim, 's'),
      trace = sim.rt.trace,
      open = new Map<number, number>();
    for (let i = 0; i < trace.length; i++) {
      if (trace.node(i) !== s.node) continue;
      const d = s.deliveries.get(trace.a(i));
      if (trace.type(i) === TraceType.STREAM_DELIVER && d) {
        expect(open.has(d.partition)).toBe(false);
        open.set(d.partition, trace.a(i));
      }
      if (trace.type(i) === TraceType.STREAM_COMMIT && d) open.delete(d.partition);
    }
  });

  it('lets every group read everything', () => {
    const { sim, report } = run(
      parts({
        keys: 5,
        members: [
          { id: 'a', group: 'audit' },
          { id: 'b1', group: 'billing' },
          { id: 'b2', group: 'billing' },
        ],
      }),
    );
    const appended = keysOf(sim, 's').length;
    for (const group of ['audit', 'billing']) {
      const seqs = commitsOf(sim, 's', group)
        .map((c) => c.seq)
        .sort((x, y) => x - y);
      expect(seqs).toEqual([...Array(appended).keys()]);
    }
    expect(report.streams.s.committed).toBe(2 * appended);
    expect(report.nodes.a.ok).toBe(appended);
    expect(report.nodes.b1.ok + report.nodes.b2.ok).toBe(appended);
  });

  it("rebalances a crashed member's partitions to the survivor after the pause, from the committed offsets, processing uncommitted work again", () => {
    // 50 ms each way to the consumers: a reply is on its way for 50 ms, long enough for a crash to overtake its commit.
    const base = parts({
      keys: 6,
      members: [
        { id: 'c1', group: 'g' },
        { id: 'c2', group: 'g' },
      ],
      latency: 50,
    });
    const probe = run(base).sim;
    // A reply c1 sent after 2 s: crash c1 10 ms later, while it travels.
    const trace = probe.rt.trace,
      c1 = probe.nodeIndexOf('c1');
    let at = -1;
    for (let i = 0; i < trace.length && at < 0; i++)
      if (trace.type(i) === TraceType.REPLY && trace.node(i) === c1 && trace.time(i) > 2000) at = trace.time(i) + 10;
    const { sim, report } = run({ ...base, faults: [{ kind: 'crash', target: 'c1', at, duration: '60s' }] });
    const commits = commitsOf(sim, 's', 'g');
    const pause = 3000;
    // Nothing of c1's partitions (0 and 2) is committed during the pause; after it, c2 owns them.
    expect(commits.filter((c) => c.partition !== 1 && c.t > at && c.t < at + pause)).toEqual([]);
    const after = commits.filter((c) => c.t >= at + pause);
    expect(new Set(after.map((c) => c.consumer))).toEqual(new Set(['c2']));
    for (const p of [0, 2]) {
      const before = commits.filter((c) => c.partition === p && c.t <= at);
      const resumed = after.find((c) => c.partition === p);
      // The survivor resumes at the committed offset.
      expect(resumed?.offset).toBe(before.length === 0 ? 0 : before[before.length - 1].committed);
    }
    // The message whose reply was overtaken was processed by c1 and again by c2.
    expect(report.streams.s.duplicates).toBeGreaterThanOrEqual(1);
    expect(report.streams.s.rebalances).toBe(1);
    // Everything appended is committed once, in key order.
    expect(commits.length).toBe(keysOf(sim, 's').length);
    expect(inKeyOrder(commits)).toBe(true);
  });

  it('lets the lag grow while a group is down and shrink after it is back', () => {
    const p = parts({ keys: 3, members: [{ id: 'c' }], faults: [{ kind: 'crash', target: 'c', at: '2s', duration: '4s' }] });
    const lagAt = (t: number) => {
      const { sim } = run(p, t);
      const s = streamOf(sim, 's');
      return [0, 1, 2].reduce((sum, i) => sum + lagOf(s, s.groups[0], i), 0);
    };
    const [atCrash, whileDown, backPaused, end] = [lagAt(2000), lagAt(5900), lagAt(8900), lagAt(20_000)];
    // 20 per second pile up for 4 s, and for the rebalance pause after the return.
    expect(whileDown - atCrash).toBeGreaterThan(50);
    expect(backPaused).toBeGreaterThan(whileDown);
    expect(end).toBe(0);
  });

  it('expires messages older than the retention, and counts those a group had not read', () => {
    const { sim, report } = run(
      parts({ stream: { retention: '1s' }, members: [{ id: 'c' }], faults: [{ kind: 'crash', target: 'c', at: '2s', duration: '4s' }] }),
    );
    const s = report.streams.s;
    expect(s.expired).toBe(s.published - s.retained);
    expect(s.retained).toBe(0); // the producer stopped at 10 s, 10 s before the end
    // While c was down (and paused), messages expired before it read them.
    expect(s.expiredUnread).toBeGreaterThan(50);
    expect(s.committed + s.expiredUnread).toBe(s.published);
    expect(commitsOf(sim, 's', 'c').length).toBe(s.committed);
  });

  it('starts a late group at the earliest offset (re-reading history) or the latest one', () => {
    // c starts 5 s into the run; its group's first assignment ends the pause 3 s later.
    const late = (startFrom: 'earliest' | 'latest') =>
      run(parts({ keys: 3, members: [{ id: 'c', startFrom, extra: { startupTime: '5s' } }] }));
    const earliest = late('earliest'),
      latest = late('latest');
    const appended = keysOf(earliest.sim, 's').length;
    expect(earliest.report.streams.s.committed).toBe(appended);
    const commits = commitsOf(latest.sim, 's', 'c');
    const firstAtEight = keysOf(latest.sim, 's').length - commits.length;
    // Only what was appended after 8 s: about 2 s of 20 per second.
    expect(commits.length).toBeGreaterThan(20);
    expect(commits.length).toBeLessThan(70);
    expect(Math.min(...commits.map((c) => c.t))).toBeGreaterThanOrEqual(8000);
    expect(firstAtEight).toBeGreaterThan(120);
  });

  it('refuses publishes during an outage, delivers nothing, and keeps its log', () => {
    const { sim, report } = run(
      parts({ keys: 3, members: [{ id: 'c' }], faults: [{ kind: 'crash', target: 's', at: '3s', duration: '2s' }] }),
    );
    const s = report.streams.s;
    expect(s.rejected).toBeGreaterThan(20);
    expect(report.clients.p.rejected).toBe(s.rejected);
    const commits = commitsOf(sim, 's', 'c');
    expect(commits.filter((c) => c.t > 3000.5 && c.t < 5000)).toEqual([]);
    // Published counts what it appended; the refusals are apart, and the two make every publish that arrived.
    expect(s.committed).toBe(s.published);
    expect(s.retained).toBe(s.published);
    expect(s.published + s.rejected).toBe(report.clients.p.sent);
  });
});
