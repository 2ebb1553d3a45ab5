/** The script API (issue 22): what its builders build, what run() returns, what the publishing functions publish. */
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/script/runInNode.ts';
import { parseScenario, validateScenario, withDuration } from '../../src/model/index.ts';
import { simulate } from '../../src/engine/index.ts';
import type { ScriptItem } from '../../src/script/output.ts';
import reference from '../../simulations/examples/reference.json';

/** Runs a script that must end without error; its items. */
async function items(source: string, seed = 1): Promise<readonly ScriptItem[]> {
  const result = await runScript(source, { seed, timeLimitMs: 60_000 });
  expect(result.error).toBeUndefined();
  return result.items;
}

/** The scenario a script opened (its first `open` item). */
function opened(list: readonly ScriptItem[]) {
  const item = list.find((i) => i.kind === 'open');
  if (item?.kind !== 'open') throw new Error('the script opened nothing');
  return item.scenario;
}

describe('the builders', () => {
  it('build a valid scenario with every kind of node, link, fault and change, chained or as parts', async () => {
    const list = await items(`
      const sys = system({ name: 'all kinds', duration: '20s', seed: 4 })
        .client('web', { target: 'gw', workload: { pattern: 'poisson', rate: 10 } })
        .client('mobile', { target: 'lb', workload: { pattern: 'constant', rate: 5 } })
        .gateway('gw', { routes: [{ prefix: '/', to: 'api' }] })
        .loadBalancer('lb', { to: 'api' })
        .registry('reg')
        .topic('events')
        .stream('log', { partitions: 2 })
        .link('web', 'gw').link('gw', 'api').link('mobile', 'lb').link('lb', 'api')
        .fault({ kind: 'crash', target: 'api', at: '5s', duration: '1s' })
        .change({ kind: 'service', target: 'api', at: '10s', set: { workers: 8 } });
      sys.add(service('api', { workers: 4, calls: [{ to: 'jobs' }] }), queue('jobs'), service('worker'),
        link('api', 'jobs', { kind: 'async' }), link('jobs', 'worker', { kind: 'async' }));
      check('no problems', problems(sys).length === 0, problems(sys).join('; '));
      check('node() finds a node', sys.node('api')?.kind === 'service');
      const variant = sys.copy();
      variant.service('extra');
      check('copy() leaves the original alone', sys.scenario.nodes.length === 10 && variant.scenario.nodes.length === 11);
      open(sys, 'all');
    `);
    expect(list.filter((i) => i.kind === 'check')).toEqual([
      { kind: 'check', name: 'no problems', passed: true, detail: '' },
      { kind: 'check', name: 'node() finds a node', passed: true },
      { kind: 'check', name: 'copy() leaves the original alone', passed: true },
    ]);
    const scenario = opened(list);
    // What open() carries is the model's validated document, defaults applied.
    expect(validateScenario(scenario).ok).toBe(true);
    expect(scenario.nodes.map((n) => n.kind).sort()).toEqual(
      ['client', 'client', 'gateway', 'loadBalancer', 'queue', 'registry', 'service', 'service', 'stream', 'topic'].sort(),
    );
    expect(scenario).toMatchObject({
      name: 'all kinds',
      duration: 20_000,
      seed: 4,
      faults: [{ kind: 'crash', target: 'api', at: 5000, duration: 1000 }],
      changes: [{ kind: 'service', at: 10_000 }],
    });
  });

  it('system({ nodes, links }) takes a whole document too', async () => {
    const list = await items(
      `open(system({ nodes: [client('c', { target: 's', workload: { pattern: 'constant', rate: 1 } }), service('s')], links: [link('c', 's')] }));`,
    );
    expect(opened(list).nodes.map((n) => n.id)).toEqual(['c', 's']);
  });
});

describe('run()', () => {
  it('returns the report the engine gives for the same scenario and seed', async () => {
    const list = await items(`
      const doc = ${JSON.stringify(reference)};
      const a = run(doc, { seed: 3, until: '5s' });
      const b = run(system(doc));
      log(JSON.stringify(a)); log(JSON.stringify(b));
    `);
    const [a, b] = list.map((i) => (i.kind === 'log' ? JSON.parse(i.text) : undefined));
    const scenario = parseScenario(reference);
    expect(a).toEqual(JSON.parse(JSON.stringify(simulate(withDuration(scenario, 5000), { seed: 3, record: 'summary' }).report)));
    // No seed in the options: the system's own (7 in reference.json).
    expect(b).toEqual(JSON.parse(JSON.stringify(simulate(scenario, { record: 'summary' }).report)));
    expect(b.seed).toBe(7);
  });

  it("uses the script's seed for a system without one, so --seed changes the run", async () => {
    const source = `const r = run(system({ duration: '5s' }).client('c', { target: 's', workload: { pattern: 'poisson', rate: 50 } }).service('s').link('c', 's'));
      log(r.seed, r.clients.c.sent);`;
    const [one, two, again] = await Promise.all([items(source, 1), items(source, 2), items(source, 2)]);
    expect(one[0]).toMatchObject({ text: expect.stringMatching(/^1 /) });
    expect(two[0]).toMatchObject({ text: expect.stringMatching(/^2 /) });
    expect(again).toEqual(two);
  });

  it("refuses a run far beyond a script's budget before it starts", async () => {
    const result = await runScript(
      `run(system({ duration: '1000h' }).client('c', { target: 's', workload: { pattern: 'poisson', rate: 10000 } }).service('s').link('c', 's'))`,
    );
    expect(result.error).toMatchObject({
      kind: 'runtime',
      message: expect.stringMatching(
        /^RangeError: run\(\): simulating 1000 ?h of this system would take about .* events, beyond a script's/,
      ),
    });
    expect(result.elapsedMs).toBeLessThan(5000);
  });

  it('refuses bad options with a plain message', async () => {
    const result = await runScript(`run(system().service('s'), { until: 'soon' })`);
    expect(result.error).toMatchObject({ kind: 'runtime', message: expect.stringContaining('until must be a duration like 250ms') });
  });
});

describe('publishing', () => {
  it("table() takes the columns from the rows' keys in order of appearance; cells are plain values", async () => {
    const list = await items(`table([{ a: 1, b: 'x' }, { b: true, c: null, d: undefined }, { a: { nested: 1 } }], 'T');`);
    expect(list).toEqual([
      {
        kind: 'table',
        title: 'T',
        columns: ['a', 'b', 'c', 'd'],
        rows: [
          [1, 'x', null, null],
          [null, true, null, null],
          ['{"nested":1}', null, null, null],
        ],
      },
    ]);
  });

  it('chart() takes one series or several, and axis labels', async () => {
    const list = await items(
      `chart({ name: 'p99', points: [[1, 2], [3, 4]] }, 'C', { x: 'workers', y: 'ms' }); chart([{ name: 'a', points: [] }, { name: 'b', points: [[0, 1]] }]);`,
    );
    expect(list).toEqual([
      {
        kind: 'chart',
        title: 'C',
        xLabel: 'workers',
        yLabel: 'ms',
        series: [
          {
            name: 'p99',
            points: [
              [1, 2],
              [3, 4],
            ],
          },
        ],
      },
      {
        kind: 'chart',
        series: [
          { name: 'a', points: [] },
          { name: 'b', points: [[0, 1]] },
        ],
      },
    ]);
  });

  it('check() publishes and returns its verdict; only true passes; log() and console.log write lines', async () => {
    const list = await items(
      `log(check('a', true), check('b', 1 as unknown as boolean, 'truthy is not true')); console.log('x', [1, 2], undefined);`,
    );
    expect(list).toEqual([
      { kind: 'check', name: 'a', passed: true },
      { kind: 'check', name: 'b', passed: false, detail: 'truthy is not true' },
      { kind: 'log', text: 'true false' },
      { kind: 'log', text: 'x [1,2] undefined' },
    ]);
  });

  it('random() and Math.random are one seeded generator: same seed, same numbers; another seed, others', async () => {
    const source = 'log(random(), Math.random(), random(), seed());';
    const [a, b, c] = await Promise.all([items(source, 5), items(source, 5), items(source, 6)]);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const numbers = (a[0] as { text: string }).text.split(' ').map(Number);
    expect(new Set(numbers.slice(0, 3)).size).toBe(3);
    expect(numbers.slice(0, 3).every((x) => x >= 0 && x < 1)).toBe(true);
    expect(numbers[3]).toBe(5);
  });
});
