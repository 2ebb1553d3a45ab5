/**
 * Comparing two designs over seeds (src/experiments/compare.ts, src/experiments/confidence.ts,
 * `npm run sim -- compare`): the Student t interval on known numbers; a known difference (an
 * M/M/1 queue whose service time doubles: mean time in system 1/(μ − λ) goes from 66.7 ms to
 * 200 ms) that the interval of the mean delta finds, excluding 0 and containing the theory; no
 * difference (the same design) whose interval contains 0; and the command's exit codes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/index.ts';
import { validateScenario, type Scenario, type ScenarioInput } from '../../src/model/index.ts';
import { clientFigure, compareScenarios, parseSeeds } from '../../src/experiments/compare.ts';
import { meanInterval, studentT975 } from '../../src/experiments/confidence.ts';
import { sim } from '../support/cli.ts';

/** An M/M/1 queue: Poisson arrivals at `rate` per second into one worker with exponential service of mean `serviceMs`. */
function mm1(rate: number, serviceMs: number): ScenarioInput {
  return {
    version: 1,
    name: `M/M/1 ${serviceMs} ms`,
    seed: 1,
    duration: '120s',
    nodes: [
      { id: 'client', kind: 'client', target: 'server', workload: { pattern: 'poisson', rate } },
      { id: 'server', kind: 'service', workers: 1, serviceTime: { dist: 'exponential', mean: serviceMs } },
    ],
    links: [{ from: 'client', to: 'server', latency: 0 }],
  } as ScenarioInput;
}

function parse(doc: ScenarioInput): Scenario {
  const result = validateScenario(doc);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.scenario;
}

describe('confidence interval (Student t)', () => {
  it('has the t quantiles of the table and tends to the normal one', () => {
    expect(studentT975(1)).toBe(12.706);
    expect(studentT975(19)).toBe(2.093);
    expect(studentT975(40)).toBeCloseTo(2.021, 3);
    expect(studentT975(120)).toBeCloseTo(1.98, 3);
    expect(studentT975(1e6)).toBeCloseTo(1.96, 3);
  });

  it('is mean ± t · s / √n', () => {
    const i = meanInterval([1, 2, 3, 4, 5]);
    expect(i.mean).toBe(3);
    expect(i.high - i.mean).toBeCloseTo(2.776 * Math.sqrt(2.5 / 5), 9);
    expect(i.low).toBeCloseTo(3 - 2.776 * Math.sqrt(2.5 / 5), 9);
    expect(meanInterval([4])).toEqual({ mean: 4, low: -Infinity, high: Infinity, n: 1 });
  });
});

describe('compare two designs over seeds', () => {
  const seeds = parseSeeds('1..20') as number[];

  it('finds a known difference: service time doubled in an M/M/1 queue (λ = 5/s; 50 → 100 ms)', () => {
    const c = compareScenarios(parse(mm1(5, 50)), parse(mm1(5, 100)), seeds);
    const d = c.clients[0].delta;
    const theory = (1 / (10 - 5)) * 1000 - (1 / (20 - 5)) * 1000; // 200 − 66.7 ms
    expect(d.mean.low).toBeGreaterThan(0);
    expect(d.mean.low).toBeLessThan(theory);
    expect(d.mean.high).toBeGreaterThan(theory);
    // Exponential time in system: the median is ln 2 / (μ − λ).
    expect(d.p50.low).toBeLessThan(Math.LN2 * theory);
    expect(d.p50.high).toBeGreaterThan(Math.LN2 * theory);
    expect(d.mean.n).toBe(20);
  });

  it('finds no difference between a design and itself (same seeds: the same runs)', () => {
    const c = compareScenarios(parse(mm1(5, 50)), parse(mm1(5, 50)), seeds.slice(0, 5));
    for (const m of ['mean', 'p95', 'successRate'] as const)
      expect([c.clients[0].delta[m].low, c.clients[0].delta[m].high]).toEqual([0, 0]);
  });

  it('gives an interval containing 0 for runs of one design on other seeds (noise, no difference)', () => {
    const scenario = parse(mm1(5, 50));
    const mean = (seed: number) => clientFigure(simulate(scenario, { seed, record: 'summary' }).report.clients.client, 'mean');
    const deltas = seeds.map((s) => mean(s + 1000) - mean(s));
    const i = meanInterval(deltas);
    expect(i.high - i.low).toBeGreaterThan(1); // real noise, not a degenerate interval
    expect(i.low).toBeLessThan(0);
    expect(i.high).toBeGreaterThan(0);
  });

  it('reads seed lists', () => {
    expect(parseSeeds('1..3,7')).toEqual([1, 2, 3, 7]);
    expect(parseSeeds('5')).toEqual([5]);
    for (const bad of ['', '3..1', 'a', '1..', '-1']) expect(parseSeeds(bad), bad).toBeUndefined();
  });
});

describe('npm run sim -- compare', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosstalk-compare-'));
  const a = join(dir, 'a.json'),
    b = join(dir, 'b.json'),
    bad = join(dir, 'bad.json');
  writeFileSync(a, JSON.stringify(mm1(5, 50)));
  writeFileSync(b, JSON.stringify(mm1(5, 100)));
  writeFileSync(bad, JSON.stringify({ ...mm1(5, 50), links: [{ from: 'client', to: 'nowhere' }] }));

  it('prints the deltas per client, as a table or as JSON', () => {
    const table = sim('compare', a, b, '--seeds', '1..4', '--until', '20s');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/client\s+mean latency\s+[\d.]+ ms\s+[\d.]+ ms\s+\+[\d.]+ ms\s+\[/);
    const json = sim('compare', a, b, '--seeds', '1,2', '--json');
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out) as { seeds: number[]; clients: { client: string; delta: { mean: { n: number } } }[] };
    expect(parsed.seeds).toEqual([1, 2]);
    expect(parsed.clients[0].delta.mean.n).toBe(2);
  });

  it('exits 2 with the problems of an invalid file, or a plain word on wrong arguments', () => {
    const invalid = sim('compare', a, bad);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toMatch(/bad\.json is not a valid scenario \(\d+ problems?\):\n\s+links/);
    expect(invalid.err).not.toMatch(/at .*\.ts:\d+/);
    expect(sim('compare', a).code).toBe(2);
    expect(sim('compare', a, b, '--seeds', 'x').err).toMatch(/--seeds needs seeds like 1\.\.20/);
    expect(sim('compare', a, join(dir, 'missing.json')).err).toMatch(/cannot read .*missing\.json: no such file/);
  });
});
