/**
 * What the schema and the reference checks say about event streams: defaults, link kinds, stream-only link fields, crash targets, a stream
 * nobody reads.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/model/index.ts';

const base = {
  version: 1,
  nodes: [
    { id: 'web', kind: 'client', target: 'orders', workload: { pattern: 'poisson', rate: 5 } },
    { id: 'orders', kind: 'service', calls: [{ to: 's' }] },
    { id: 's', kind: 'stream' },
    { id: 'billing', kind: 'service' },
  ],
  links: [
    { from: 'web', to: 'orders' },
    { from: 'orders', to: 's', kind: 'async', keys: 8 },
    { from: 's', to: 'billing', kind: 'async', group: 'b', startFrom: 'latest' },
  ],
};
const problems = (doc: unknown) => {
  const result = validateScenario(doc);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('streams in a scenario', () => {
  it('accept producer → stream → consumer group, with the defaults filled in', () => {
    const result = validateScenario(base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.nodes[2]).toEqual({ id: 's', kind: 'stream', partitions: 3, retention: null, rebalancePause: 3000 });
    expect(result.warnings).toEqual([]);
  });

  it('want async links, from clients and services, to services', () => {
    expect(problems({ ...base, links: [base.links[0], { from: 'orders', to: 's' }, base.links[2]] })).toEqual([
      'links[1].kind: a link to a stream is async: set its kind to "async"',
    ]);
    expect(
      problems({
        ...base,
        nodes: [...base.nodes, { id: 'q', kind: 'queue' }],
        links: [...base.links, { from: 's', to: 'q', kind: 'async' }, { from: 'q', to: 'billing', kind: 'async' }],
      }),
    ).toEqual(['links[3].to: a stream delivers to services (its consumers), not to a queue']);
    expect(
      problems({
        ...base,
        nodes: [...base.nodes, { id: 't', kind: 'topic' }],
        links: [...base.links, { from: 't', to: 's', kind: 'async' }],
      }),
    ).toContain('links[3].to: a topic sends its copies to queues (its subscriptions), not to a stream');
  });

  it('keep keys to links into a stream, and group and startFrom to links out of one', () => {
    expect(problems({ ...base, links: [{ from: 'web', to: 'orders', keys: 3, group: 'x' }, base.links[1], base.links[2]] })).toEqual([
      'links[0].group: group is for a stream\'s consumer; "web" is a client',
      'links[0].keys: keys to a service choose its instance only with consistentHash load balancing; set loadBalancing to consistentHash or leave keys out',
    ]);
    // An event-only append: each consumer group's members call the publisher back, so they need a link to it.
    expect(problems({ ...base, links: [base.links[0], { ...base.links[1], content: 'event' }, base.links[2]] })).toEqual([
      'links[1].content: consumer "billing" has no link to "orders" to fetch what an event-only publish leaves out; connect them',
    ]);
    expect(
      problems({
        ...base,
        links: [base.links[0], { ...base.links[1], content: 'event' }, base.links[2], { from: 'billing', to: 'orders' }],
      }),
    ).toEqual([]);
  });

  it("refuse policies a broker's deliveries would ignore: on a stream's links all but the timeout, on a queue's all", () => {
    const consumer = { ...base.links[2], timeout: '2s', retry: { maxAttempts: 3 }, breaker: {} };
    expect(problems({ ...base, links: [base.links[0], base.links[1], consumer] })).toEqual([
      "links[2].retry: a stream sends a failed delivery again itself (until its max deliveries), and only the link's timeout bounds a delivery; a retry here does nothing: leave it out",
      "links[2].breaker: a stream sends a failed delivery again itself (until its max deliveries), and only the link's timeout bounds a delivery; a breaker here does nothing: leave it out",
    ]);
    const queued = {
      ...base,
      nodes: [...base.nodes.slice(0, 2), { id: 'q', kind: 'queue' }, base.nodes[3]],
      links: [base.links[0], { from: 'orders', to: 'q', kind: 'async' }, { from: 'q', to: 'billing', kind: 'async', timeout: '2s' }],
    };
    queued.nodes[1] = { id: 'orders', kind: 'service', calls: [{ to: 'q' }] };
    expect(problems(queued)).toEqual([
      "links[2].timeout: a queue's deliveries are bounded by its visibility timeout and sent again up to its max deliveries; a timeout on its link to a consumer does nothing: leave it out",
    ]);
    // A change during the run is held to the same.
    expect(
      problems({
        ...base,
        changes: [{ kind: 'link', link: 's->billing', at: '1s', set: { timeout: '1s', bulkhead: { maxConcurrent: 2 } } }],
      }),
    ).toEqual([
      "changes[0].set.bulkhead: a stream sends a failed delivery again itself (until its max deliveries), and only the link's timeout bounds a delivery; a bulkhead here does nothing: leave it out",
    ]);
  });

  it('take a crash as an outage, and warn of a stream nobody reads', () => {
    expect(problems({ ...base, faults: [{ kind: 'crash', target: 's', at: 0 }] })).toEqual([]);
    expect(problems({ ...base, faults: [{ kind: 'slow', target: 's', at: 0, factor: 2 }] })).toEqual([
      'faults[0].target: "s" is a stream; this fault applies to services, gateways and load balancers',
    ]);
    expect(validateScenario({ ...base, links: base.links.slice(0, 2) }).warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      'nodes[2]: no consumer reads "s": its logs only grow (link it to a service)',
    ]);
  });
});
