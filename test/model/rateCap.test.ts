/**
 * The rate cap (MAX_RATE requests per second per client) holds for every workload pattern, not
 * only for the ones with a `rate` field: bursts of 100,000 every nanosecond, or 100,000 users who
 * never think, would otherwise pass validation and run until memory is gone.
 */
import { describe, expect, it } from 'vitest';
import { describeProblem, MAX_RATE, validateScenario } from '../../src/model/index.ts';

const service = { id: 's', kind: 'service' };
const withLoad = (workload: object, extra: object = {}) => ({
  version: 1,
  nodes: [{ id: 'c', kind: 'client', target: 's', workload }, service],
  links: [{ from: 'c', to: 's' }],
  ...extra,
});
function problems(doc: unknown): string[] {
  const result = validateScenario(doc);
  return result.ok ? [] : result.problems.map(describeProblem);
}

describe('the rate cap for every workload pattern', () => {
  it('bursts: size / every may not exceed the cap, and the message names the implied rate and the cap', () => {
    const [problem, ...rest] = problems(withLoad({ pattern: 'bursts', size: 100_000, every: 1e-9 }));
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^nodes\[0\]\.workload\.every: /);
    expect(problem).toContain('100000 requests every 1e-9ms');
    expect(problem).toContain('1.0e17 requests per second');
    expect(problem).toContain(`at most ${MAX_RATE} per second`);
    // Exactly at the cap is fine; just over it is not.
    expect(problems(withLoad({ pattern: 'bursts', size: 1000, every: 1 }))).toEqual([]);
    expect(problems(withLoad({ pattern: 'bursts', size: 1001, every: 1 }))).toHaveLength(1);
    expect(problems(withLoad({ pattern: 'bursts', size: 20, every: '1h' }))).toEqual([]);
  });

  it('closed loop: users over their think time (at least 1 ms a cycle) may not exceed the cap', () => {
    const [problem, ...rest] = problems(withLoad({ pattern: 'closed', users: 100_000 }));
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^nodes\[0\]\.workload\.users: /);
    expect(problem).toContain('100000000 requests per second');
    expect(problem).toContain(`at most ${MAX_RATE} per second`);
    expect(problems(withLoad({ pattern: 'closed', users: 1000 }))).toEqual([]);
    expect(problems(withLoad({ pattern: 'closed', users: 100_000, thinkTime: '100ms' }))).toEqual([]);
    expect(problems(withLoad({ pattern: 'closed', users: 100_000, thinkTime: { dist: 'exponential', mean: '50ms' } }))).toHaveLength(1);
  });

  it('ramp: both ends are rates, each capped', () => {
    expect(problems(withLoad({ pattern: 'ramp', from: 0, to: MAX_RATE * 2, over: '1s' }))).toEqual([
      'nodes[0].workload.to: must be at most 1000000 requests per second',
    ]);
  });

  it('a client change cannot get round the cap with a new workload', () => {
    const change = (workload: object) => ({ changes: [{ kind: 'client', target: 'c', at: 1000, set: { workload } }] });
    const found = problems(withLoad({ pattern: 'poisson', rate: 10 }, change({ pattern: 'bursts', size: 100_000, every: 1e-9 })));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^changes\[0\]\.set\.workload\.every: .*requests per second/);
    expect(
      problems(withLoad({ pattern: 'poisson', rate: 10 }, { changes: [{ kind: 'client', target: 'c', at: 1000, set: { rate: 1e9 } }] })),
    ).toEqual(['changes[0].set.rate: must be at most 1000000 requests per second']);
  });
});
