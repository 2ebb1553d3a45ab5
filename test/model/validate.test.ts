import { describe, expect, it } from 'vitest';
import {
  describeProblem,
  migrate,
  parseDuration,
  formatDuration,
  validateScenario,
  validateScenarioText,
  type Migration,
} from '../../src/model/index.ts';

const client = { id: 'c', kind: 'client', target: 's', workload: { pattern: 'poisson', rate: 10 } };
const service = { id: 's', kind: 'service' };
const valid = { version: 1, nodes: [client, service], links: [{ from: 'c', to: 's' }] };

function problems(doc: unknown): string[] {
  const result = validateScenario(doc);
  return result.ok ? [] : result.problems.map(describeProblem);
}

describe('durations', () => {
  it('reads every unit and plain milliseconds', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('60s')).toBe(60_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('300us')).toBeCloseTo(0.3);
    expect(parseDuration(' 12 ')).toBe(12);
    expect(parseDuration(42)).toBe(42);
  });
  it('refuses what is not a duration', () => {
    for (const bad of ['10 sec', '-5ms', 'ms', '', '5 m s', 'abc']) expect(parseDuration(bad)).toBeUndefined();
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration(Number.NaN)).toBeUndefined();
  });
  it('agrees with the schema on every spelling, and refuses infinite or absurdly long ones', () => {
    expect(parseDuration('.5s')).toBe(500);
    expect(parseDuration('.5')).toBe(0.5);
    expect(parseDuration('1000h')).toBe(3_600_000_000);
    for (const bad of ['1001h', `${'9'.repeat(400)}ms`, '1e3ms']) expect(parseDuration(bad)).toBeUndefined();
    expect(parseDuration(Infinity)).toBeUndefined();
    for (const text of ['.5', '.5s', '2', '2.25ms']) {
      const result = validateScenario({ ...valid, duration: text });
      expect(result.ok && result.scenario.duration).toBe(parseDuration(text));
    }
    expect(problems({ ...valid, duration: `${'9'.repeat(400)}` })).toEqual(['duration: must be at most 1000h']);
    expect(problems({ ...valid, duration: 1e17 })).toEqual(['duration: must be at most 1000h']);
  });
  it('formats for people', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(12_500)).toBe('12.5s');
    expect(formatDuration(180_000)).toBe('3m');
    expect(formatDuration(0.25)).toBe('250us');
  });
});

describe('validateScenario', () => {
  it('accepts a minimal document and fills in the defaults', () => {
    const result = validateScenario(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const s = result.scenario;
    expect(s.seed).toBe(1);
    expect(s.duration).toBe(60_000);
    expect(s.faults).toEqual([]);
    const svc = s.nodes[1];
    expect(svc.kind === 'service' && svc.workers).toBe(4);
    expect(svc.kind === 'service' && svc.serviceTime).toEqual({ dist: 'exponential', mean: 10 });
    expect(s.links[0]).toMatchObject({ kind: 'sync', protocol: 'http', latency: { dist: 'constant', value: 1 }, loss: 0 });
  });

  it('turns duration strings and bare distributions into milliseconds', () => {
    const result = validateScenario({
      ...valid,
      duration: '2m',
      nodes: [client, { ...service, serviceTime: '5ms' }],
      links: [{ from: 'c', to: 's', latency: { dist: 'uniform', min: '1ms', max: '0.5s' } }],
    });
    expect(result.ok && result.scenario.duration).toBe(120_000);
    expect(result.ok && result.scenario.nodes[1]).toMatchObject({ serviceTime: { dist: 'constant', value: 5 } });
    expect(result.ok && result.scenario.links[0].latency).toEqual({ dist: 'uniform', min: 1, max: 500 });
  });

  it('reports every problem at once, each with a path and a plain sentence', () => {
    const found = problems({
      version: 1,
      duration: 'soon',
      nodes: [
        { ...client, workload: { pattern: 'poisson', rate: 0 } },
        { ...service, serviceTime: { dist: 'exponential', mean: 0 }, workers: 2.5, sevriceTime: 1 },
        { id: 'x', kind: 'servcie' },
      ],
      links: [
        { from: 'c', to: 's' },
        { from: 's', to: 'nowhere' },
      ],
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'duration: must be a duration like 250ms, 60s or 5m (or a number of milliseconds)',
        'nodes[0].workload.rate: must be greater than 0',
        'nodes[1].serviceTime.mean: must be greater than 0',
        'nodes[1].workers: must be a whole number (got number 2.5)',
        'nodes[1].sevriceTime: is not a known property (check the spelling)',
        'nodes[2].kind: must be one of "client", "service", "queue", "topic", "stream", "registry", "gateway", "loadBalancer" (got the text "servcie")',
        'links[1].to: no node has the id "nowhere"',
      ]),
    );
    expect(found.join('\n')).not.toMatch(/at .*\.ts:\d+|Error:/); // never a stack trace
  });

  it('flags duplicate ids, calls without a link, and calls to clients', () => {
    const found = problems({
      version: 1,
      nodes: [
        client,
        service,
        { id: 's', kind: 'service' },
        { id: 'a', kind: 'service', calls: [{ to: 's' }, { parallel: [{ to: 'c' }, { to: 'ghost' }] }] },
      ],
      links: [
        { from: 'c', to: 's' },
        { from: 'a', to: 'c' },
        { from: 'c', to: 's', id: 'again' },
      ],
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'nodes[2].id: "s" is already used by nodes[1]',
        'nodes[3].calls[0].to: there is no link from "a" to "s"; connect them first',
        'nodes[3].calls[1].parallel[0].to: "c" is a client; only services, gateways and load balancers can be called or queues, topics and streams published to',
        'nodes[3].calls[1].parallel[1].to: no node has the id "ghost"',
        'links[2]: there is already a link from "c" to "s" (links[0])',
      ]),
    );
  });

  it('checks fault targets', () => {
    const found = problems({
      ...valid,
      faults: [
        { kind: 'crash', target: 'c', at: '1s' },
        { kind: 'latency', link: 'nope', at: 0, add: '5ms' },
        { kind: 'partition', between: ['c', 'c'], at: 0 },
        { kind: 'loss', link: 'c->s', at: 0, rate: 0.5 },
      ],
    });
    expect(found).toEqual([
      'faults[0].target: "c" is a client; this fault applies to services, gateways and load balancers, queues, topics, streams and registries',
      'faults[1].link: no link has the id "nope"',
      'faults[2].between: must name two different nodes',
    ]);
  });

  it('warns about a cycle of sync calls without rejecting the file', () => {
    const result = validateScenario({
      version: 1,
      nodes: [
        { ...client, target: 'a' },
        { id: 'a', kind: 'service', calls: [{ to: 'b' }] },
        { id: 'b', kind: 'service', calls: [{ to: 'a' }] },
      ],
      links: [
        { from: 'c', to: 'a' },
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
      ],
    });
    expect(result.ok).toBe(true);
    expect(result.warnings.map(describeProblem)).toEqual([
      'warning: nodes[1].calls: calls go round in a circle (a → b → a): each waits for the next, which can exhaust every worker pool',
    ]);
  });

  it('explains bad JSON and bad versions instead of throwing', () => {
    expect(validateScenarioText('{ "version": 1, ').ok).toBe(false);
    expect(problems(null)).toEqual(['(document): must be a JSON object describing a scenario']);
    expect(problems({ nodes: [] })).toEqual(['version: is required (this version of Crosstalk writes 1)']);
    expect(problems({ version: 9, nodes: [] })).toEqual(['version: is 9, made by a newer Crosstalk; this one reads up to version 1']);
  });
});

describe('bounds and messages for hostile input', () => {
  it('says plainly that 1e999 is too large instead of "got number Infinity"', () => {
    const doc = validateScenarioText(
      '{"version":1,"nodes":[{"id":"c","kind":"client","target":"s","workload":{"pattern":"poisson","rate":1e999}},{"id":"s","kind":"service"}],"links":[{"from":"c","to":"s"}]}',
    );
    expect(doc.ok ? [] : doc.problems.map(describeProblem)).toEqual([
      'nodes[0].workload.rate: must be a finite number (got a number too large to represent)',
    ]);
  });

  it('bounds rates, counts, factors and distribution parameters that would make a run endless or its numbers infinite', () => {
    const svc = (extra: object) => ({ ...valid, nodes: [client, { ...service, ...extra }] });
    expect(problems({ ...valid, nodes: [{ ...client, workload: { pattern: 'poisson', rate: 1e9 } }, service] })).toEqual([
      'nodes[0].workload.rate: must be at most 1000000 requests per second',
    ]);
    expect(problems({ ...valid, nodes: [{ ...client, workload: { pattern: 'closed', users: 1e9 } }, service] })).toEqual([
      'nodes[0].workload.users: must be at most 100000 users',
    ]);
    expect(problems(svc({ workers: 1e9 }))).toEqual(['nodes[1].workers: must be at most 100000 workers']);
    expect(problems(svc({ serviceTime: { dist: 'lognormal', mean: 1, stddev: 1e6 } }))).toEqual([
      'nodes[1].serviceTime.stddev: must be at most 100 times the mean',
    ]);
    expect(problems(svc({ serviceTime: { dist: 'pareto', scale: 1, shape: 1e-9 } }))).toEqual([
      'nodes[1].serviceTime.shape: must be at least 0.1',
    ]);
    expect(problems({ ...valid, faults: [{ kind: 'slow', target: 's', at: 0, factor: 1e9 }] })).toEqual([
      'faults[0].factor: must be at most 1000',
    ]);
    expect(problems({ ...valid, faults: [{ kind: 'crash', target: 's', at: 1e17 }] })).toEqual(['faults[0].at: must be at most 1000h']);
  });

  it('wants ids that start with a letter, so no id can collide with a JavaScript property or be reordered as a number', () => {
    for (const id of ['__proto__', '42', '_x', '-a']) {
      expect(problems({ ...valid, nodes: [client, { ...service, id }], links: [{ from: 'c', to: id }] })[0]).toBe(
        'nodes[1].id: must start with a letter and use only letters, digits and _ . : - >',
      );
    }
    expect(
      problems({
        ...valid,
        nodes: [
          { ...client, target: 'constructor' },
          { ...service, id: 'constructor' },
        ],
        links: [{ from: 'c', to: 'constructor' }],
      }),
    ).toEqual([]);
  });

  it('does not pile a second, confusing sentence on a node whose kind is wrong', () => {
    expect(problems({ ...valid, nodes: [client, { id: 's', kind: 'servce' }] })).toEqual([
      'nodes[1].kind: must be one of "client", "service", "queue", "topic", "stream", "registry", "gateway", "loadBalancer" (got the text "servce")',
    ]);
  });

  it('says a service cannot call itself, rather than that a link is missing', () => {
    expect(problems({ ...valid, nodes: [client, { ...service, calls: [{ to: 's' }] }] })).toEqual([
      'nodes[1].calls[0].to: a service cannot call itself ("s")',
    ]);
  });

  it('explains a version written as text', () => {
    expect(problems({ ...valid, version: '1' })).toEqual(['version: must be a number, not text: write "version": 1 without quotes']);
  });
});

describe('migrate', () => {
  it('applies each migration in order up to the current version', () => {
    const migrations: Record<number, Migration> = {
      1: (doc) => ({ ...doc, version: 2, renamed: doc.old, old: undefined }),
      2: (doc) => ({ ...doc, version: 3, touched: true }),
    };
    const result = migrate({ version: 1, old: 'x' }, migrations, 3);
    expect(result).toEqual({ ok: true, migratedFrom: 1, document: { version: 3, renamed: 'x', old: undefined, touched: true } });
    expect(migrate({ version: 2 }, { 1: migrations[1] }, 3)).toEqual({
      ok: false,
      path: 'version',
      message: 'no migration from version 2 to 3',
    });
  });
});
