/**
 * Event streams under random load, keys, retention, failing and lossy consumers (some of several
 * instances, each a member of its group), and crashes of members, of single instances and of the
 * stream itself: for every group, each appended message it had to read is
 * committed, skipped, expired unread, or still in the log (its lag); offsets only move forward;
 * per-key order within a group's commits never breaks; and runs are deterministic (the same hash
 * twice, and in chunks).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport, Simulation } from '../../src/engine/index.ts';
import { lagOf } from '../../src/engine/features/stream/eventStream.ts';
import { TraceType } from '../../src/engine/trace/eventTypes.ts';
import { groupOfPacked, partitionOfPacked } from '../../src/engine/trace/rows.ts';
import { streamScenarioArbitrary } from '../support/arbitraries/streams.ts';
import { assertDeterministic, parse } from '../support/scenarioHelpers.ts';
import { commitsOf, inKeyOrder, streamOf } from '../support/streams.ts';

describe('event streams, with random crashes and outages', () => {
  it('account, per group, for every message: committed, skipped, expired unread, or still in the log; and keep per-key order', () => {
    let rebalances = 0,
      duplicates = 0,
      expiredUnread = 0,
      skipped = 0,
      outages = 0,
      latest = 0,
      sought = 0,
      idempotent = 0,
      spreadOutOfOrder = 0,
      replicatedGroups = 0,
      replicatedIdempotent = 0;
    fc.assert(
      fc.property(streamScenarioArbitrary, (doc) => {
        const scenario = parse(doc);
        const sim = new Simulation(scenario);
        sim.runUntil(scenario.duration);
        const report = buildReport(sim).streams.s;
        const s = streamOf(sim, 's');
        const trace = sim.rt.trace;
        // Keyed messages spread round robin (partitionBy: roundRobin) keep no order per key.
        const spread = s.spreadKeys.size > 0;
        s.groups.forEach((g, gi) => {
          // Walk the group's offsets through its rows: commits and skips move one on (or none, past expired ones), a loss jumps.
          const at = Array.from(g.origin);
          const moved = { commits: 0, skips: 0, lost: 0, sought: 0 };
          let seeks = 0;
          for (let i = 0; i < trace.length; i++) {
            const type = trace.type(i);
            if (trace.node(i) !== s.node) continue;
            if (type === TraceType.STREAM_LOST && groupOfPacked(trace.a(i)) === gi) {
              const p = partitionOfPacked(trace.a(i));
              expect(trace.b(i)).toBeGreaterThan(at[p]);
              moved.lost += trace.b(i) - at[p];
              at[p] = trace.b(i);
            }
            if (type === TraceType.STREAM_SEEK && groupOfPacked(trace.a(i)) === gi) {
              // A change moves the offset anywhere in what is retained, back or forward.
              const p = partitionOfPacked(trace.a(i));
              moved.sought += trace.b(i) - at[p];
              at[p] = trace.b(i);
              seeks++;
            }
            if (type !== TraceType.STREAM_COMMIT && type !== TraceType.STREAM_SKIP) continue;
            const d = s.deliveries.get(trace.a(i));
            if (!d || d.group !== gi) continue;
            const step = trace.b(i) - at[d.partition];
            expect(step === 0 || step === 1).toBe(true);
            if (type === TraceType.STREAM_COMMIT) moved.commits += step;
            else moved.skips += step;
            at[d.partition] = trace.b(i);
          }
          let lag = 0,
            toRead = 0;
          for (let p = 0; p < s.partitions; p++) {
            if (g.started) expect(at[p]).toBe(g.committed[p]);
            expect(g.committed[p]).toBeLessThanOrEqual(s.end[p]);
            if (g.started) expect(g.committed[p]).toBeGreaterThanOrEqual(s.start[p]);
            lag += lagOf(s, g, p);
            toRead += s.end[p] - (g.started ? g.origin[p] : s.start[p]);
          }
          expect(moved.commits + moved.skips + moved.lost + moved.sought + lag).toBe(toRead);
          // Per key (so per partition), a group commits in append order (a seek back starts again).
          if (seeks === 0 && !spread) expect(inKeyOrder(commitsOf(sim, 's', g.name))).toBe(true);
          else sought++;
          if (g.startLatest && g.started) latest++;
          // An idempotent group has each message's effect at most once (at-least-once delivery, exactly-once effects).
          if (g.seen) {
            expect(Array.from(g.effects).every((e) => e <= 1)).toBe(true);
            idempotent++;
          }
          // A replicated consumer's instances are members each: every delivery went to one of the group's members.
          const instances = new Set(Array.from(g.nodes));
          if (g.nodes.length > g.links.length || new Set(g.links).size < g.links.length) {
            replicatedGroups++;
            if (g.seen && s.redelivered > 0) replicatedIdempotent++;
          }
          for (const [c, d] of s.deliveries) if (d.group === gi) expect(instances.has(sim.rt.calls.callee[c])).toBe(true);
        });
        // Whatever was appended is retained or expired; every success is an effect, some of them again.
        expect(report.published).toBe(report.retained + report.expired);
        expect(report.duplicates).toBeLessThanOrEqual(report.effects);
        // By key, first processings come in append order, unless a seek, a skip or an expiry let a later message go first (the one passed
        // over may still finish late).
        if (!spread && scenario.changes.length === 0 && report.skipped === 0 && report.expiredUnread === 0)
          expect(report.outOfOrder).toBe(0);
        if (spread) spreadOutOfOrder += report.outOfOrder;
        if (scenario.faults.some((f) => 'target' in f && f.target === 's')) outages++;
        rebalances += report.rebalances;
        duplicates += report.duplicates;
        expiredUnread += report.expiredUnread;
        skipped += report.skipped;
      }),
      { numRuns: 120, seed: 11 },
    );
    // The generator reached the interesting cases.
    expect(rebalances).toBeGreaterThan(50);
    expect(duplicates).toBeGreaterThan(5);
    expect(expiredUnread).toBeGreaterThan(50);
    expect(skipped).toBeGreaterThan(10);
    expect(outages).toBeGreaterThan(10);
    expect(latest).toBeGreaterThan(10);
    expect(sought).toBeGreaterThan(10);
    expect(idempotent).toBeGreaterThan(20);
    expect(spreadOutOfOrder).toBeGreaterThan(20);
    expect(replicatedGroups).toBeGreaterThan(40);
    expect(replicatedIdempotent).toBeGreaterThan(10);
  });

  it('are deterministic: the same hash twice, and when run in chunks', () => {
    assertDeterministic(streamScenarioArbitrary, { numRuns: 40, seed: 12 });
  });
});
