/** What the schema and the reference checks say about replicas, load balancing, outlier ejection and instance faults. */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/model/index.ts';

const base = {
  version: 1,
  nodes: [
    { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 5 } },
    { id: 'api', kind: 'service', replicas: 3 },
  ],
  links: [{ from: 'web', to: 'api', loadBalancing: 'powerOfTwo', outlierEjection: { consecutiveFailures: 2 } }],
};
const problems = (doc: unknown) => {
  const result = validateScenario(doc);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('replicas in a scenario', () => {
  it('accept a replicated service behind a balanced link, with the defaults filled in', () => {
    const result = validateScenario(base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.nodes[1]).toMatchObject({ replicas: 3 });
    expect(result.scenario.links[0].outlierEjection).toEqual({ consecutiveFailures: 2, ejectionTime: 30_000, maxEjectedPercent: 50 });
    const single = validateScenario({ ...base, nodes: [base.nodes[0], { id: 'api', kind: 'service' }] });
    expect(single.ok && single.scenario.nodes[1]).toMatchObject({ replicas: 1 });
  });

  it('bound the count and name the algorithms', () => {
    expect(problems({ ...base, nodes: [base.nodes[0], { id: 'api', kind: 'service', replicas: 0 }] })).toEqual([
      'nodes[1].replicas: must be greater than 0',
    ]);
    expect(problems({ ...base, nodes: [base.nodes[0], { id: 'api', kind: 'service', replicas: 101 }] })).toEqual([
      'nodes[1].replicas: must be at most 100 instances',
    ]);
    expect(problems({ ...base, links: [{ from: 'web', to: 'api', loadBalancing: 'fastest' }] })[0]).toMatch(
      /^links\[0\]\.loadBalancing: must be one of "roundRobin", "random", "leastOutstanding", "powerOfTwo", "consistentHash"/,
    );
  });

  it("want a fault's instance to exist, and only on a service", () => {
    expect(problems({ ...base, faults: [{ kind: 'crash', target: 'api', instance: 3, at: 0 }] })).toEqual([]);
    expect(problems({ ...base, faults: [{ kind: 'crash', target: 'api', instance: 4, at: 0 }] })).toEqual([
      'faults[0].instance: "api" has 3 instances at most; there is no instance 4',
    ]);
    // Scaled up to 5 later, instance 4 exists then.
    expect(
      problems({
        ...base,
        faults: [{ kind: 'crash', target: 'api', instance: 4, at: '5s' }],
        changes: [{ kind: 'service', target: 'api', at: '2s', set: { replicas: 5 } }],
      }),
    ).toEqual([]);
    expect(problems({ ...base, faults: [{ kind: 'slow', target: 'api', instance: 0, at: 0, factor: 2 }] })).toEqual([
      'faults[0].instance: must be at least 1 (the first instance)',
    ]);
    const withQueue = {
      ...base,
      nodes: [...base.nodes, { id: 'q', kind: 'queue' }],
      links: [...base.links, { from: 'api', to: 'q', kind: 'async' }],
    };
    expect(problems({ ...withQueue, faults: [{ kind: 'crash', target: 'q', instance: 1, at: 0 }] })).toContain(
      'faults[0].instance: a queue has no instances; leave instance out',
    );
  });

  it('want keys with consistent hashing, and balancing only towards a service', () => {
    expect(problems({ ...base, links: [{ from: 'web', to: 'api', loadBalancing: 'consistentHash' }] })).toEqual([
      'links[0].keys: consistent hashing needs a key per call: set keys (how many different keys there are)',
    ]);
    expect(problems({ ...base, links: [{ from: 'web', to: 'api', loadBalancing: 'consistentHash', keys: 100 }] })).toEqual([]);
    const toQueue = {
      ...base,
      nodes: [...base.nodes, { id: 'q', kind: 'queue' }],
      links: [...base.links, { from: 'api', to: 'q', kind: 'async', loadBalancing: 'random' }],
    };
    expect(problems(toQueue)).toContain('links[1].loadBalancing: loadBalancing spreads calls over a service\'s instances; "q" is a queue');
  });

  it('accept replicated consumers of queues, topics and streams, polled replicated services and replicated event publishers', () => {
    const nodes = [
      ...base.nodes,
      { id: 'q', kind: 'queue' },
      { id: 't', kind: 'topic' },
      { id: 's', kind: 'stream' },
      { id: 'mail', kind: 'service', replicas: 2 },
      { id: 'log', kind: 'service', replicas: 3 },
    ];
    const links = [
      ...base.links,
      { from: 'api', to: 't', kind: 'async', content: 'event' },
      { from: 't', to: 'q', kind: 'async' },
      { from: 'q', to: 'mail', kind: 'async', dedupe: 1000 },
      { from: 'api', to: 's', kind: 'async', keys: 8 },
      { from: 's', to: 'log', kind: 'async', dedupe: 1000 },
      { from: 'mail', to: 'api' },
    ];
    expect(problems({ ...base, nodes, links })).toEqual([]);
    expect(problems({ ...base, links: [{ from: 'web', to: 'api', polling: {} }] })).toEqual([]);
  });

  it('refuse balancing on a link from a queue or stream: it hands messages to the instances itself', () => {
    const doc = (extra: Record<string, unknown>, from = 'q') => ({
      ...base,
      nodes: [...base.nodes, { id: from, kind: from === 'q' ? 'queue' : 'stream' }, { id: 'mail', kind: 'service', replicas: 2 }],
      links: [...base.links, { from: 'api', to: from, kind: 'async' }, { from, to: 'mail', kind: 'async', ...extra }],
    });
    expect(problems(doc({ loadBalancing: 'random' }))).toEqual([
      "links[2].loadBalancing: a queue hands its messages to its consumer's instances itself (each takes what it has room for); loadBalancing does not apply to a link from it",
    ]);
    expect(problems(doc({ outlierEjection: { consecutiveFailures: 2 } }, 's'))).toEqual([
      "links[2].outlierEjection: a stream hands its messages to its consumer's instances itself (each takes what it has room for, or owns partitions); outlierEjection does not apply to a link from it",
    ]);
    expect(problems(doc({ keys: 4 }, 's'))).toEqual([
      "links[2].keys: keys belong on a producer's link to a stream (they choose its partition); a link from a stream to its consumer carries none",
    ]);
  });
});
