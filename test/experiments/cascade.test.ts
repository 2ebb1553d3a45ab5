/**
 * The cascade experiment: without timeouts a slow dependency three hops down takes the edge
 * with it; with timeouts, a circuit breaker and a fallback the edge stays healthy. Seeds 1–3;
 * over seeds 1–10 the unprotected edge's p99 was always above 25 s and its users' failure rate
 * above 75 %, the protected edge's p99 below 120 ms with no failures, so the bounds below leave
 * wide room.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/index.ts';
import { cascadeScenarios, runCascade, type CascadeVariant } from '../../src/experiments/cascade.ts';

const SEEDS = [1, 2, 3];
const results = SEEDS.map((seed) => runCascade({ seed }));
const variant = (i: number, name: string): CascadeVariant => results[i].variants.find((v) => v.variant === name) as CascadeVariant;

describe('cascade experiment', () => {
  it("compares two scenarios that differ only in their links' timeouts, breaker and fallback", () => {
    const { unprotected, protected: guarded } = cascadeScenarios();
    const bare = (s: typeof guarded) => ({
      ...s,
      name: '',
      description: '',
      links: s.links.map(({ timeout: _t, breaker: _b, fallback: _f, ...rest }) => rest),
    });
    expect(bare(guarded)).toEqual(bare(unprotected));
    expect(unprotected.links.some((l) => l.timeout || l.breaker || l.fallback)).toBe(false);
    expect(guarded.links.find((l) => l.to === 'c')).toMatchObject({ timeout: 100, breaker: {}, fallback: { kind: 'static' } });
    expect(unprotected.faults).toEqual([expect.objectContaining({ kind: 'slow', target: 'c', factor: 10 })]);
    expect(results[0]).toMatchObject({ chain: ['users', 'edge', 'a', 'b', 'c'], slow: { target: 'c', at: 10_000, factor: 10 } });
  });

  it("unprotected: the edge's workers pile up waiting, its line and latency explode and most users fail", () => {
    for (let i = 0; i < SEEDS.length; i++) {
      const u = variant(i, 'unprotected');
      expect(u.edgeP99).toBeGreaterThan(10_000);
      expect(u.edgeMaxLine).toBeGreaterThan(1000);
      expect(u.edgeUtilization).toBeGreaterThan(0.8);
      expect(u.errorRate).toBeGreaterThan(0.5);
      expect(u.timedOut).toBe(u.failed); // the users gave up: nothing inside the chain ever fails
      expect(u.lateReplies).toBeGreaterThan(1000); // and the edge kept working for them anyway
      expect(u.fallbacks + u.breakerRefused).toBe(0);
    }
  });

  it("protected: the edge stays fast and answers nearly everyone, C's share with the fallback", () => {
    for (let i = 0; i < SEEDS.length; i++) {
      const p = variant(i, 'protected');
      const u = variant(i, 'unprotected');
      expect(p.edgeP99).toBeLessThan(250);
      expect(p.edgeP99 * 20).toBeLessThan(u.edgeP99);
      expect(p.edgeP50).toBeLessThan(50);
      expect(p.errorRate).toBeLessThan(0.01);
      expect(p.errorRate * 20).toBeLessThan(u.errorRate);
      expect(p.throughput).toBeGreaterThan(3 * u.throughput);
      expect(p.throughput).toBeGreaterThan(90); // of 100 arriving per second
      expect(p.edgeMaxLine).toBeLessThan(20);
      // Most of the answers after C turned slow came from the fallback, mostly without even trying C.
      expect(p.fallbacks).toBeGreaterThan(0.5 * p.sent * (50 / 60));
      expect(p.breakerRefused).toBeGreaterThan(0.8 * p.fallbacks);
      expect(p.sent).toBe(u.sent); // the same arrivals
    }
  });

  it('collapses because C turned slow: without the fault the unprotected chain is healthy', () => {
    const { unprotected } = cascadeScenarios();
    const { report } = simulate({ ...unprotected, faults: [] }, { seed: 1 });
    expect(report.nodes.edge.latency.p99).toBeLessThan(100);
    expect(report.clients.users.timedOut).toBe(0);
  });
});
