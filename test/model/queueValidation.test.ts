/** What the schema and the reference checks say about queues, topics, async links, publishes and polling. */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/model/index.ts';

const base = {
  version: 1,
  nodes: [
    { id: 'web', kind: 'client', target: 'q', workload: { pattern: 'poisson', rate: 5 } },
    { id: 'q', kind: 'queue' },
    { id: 'mail', kind: 'service' },
  ],
  links: [
    { from: 'web', to: 'q', kind: 'async' },
    { from: 'q', to: 'mail', kind: 'async' },
  ],
};

const problems = (doc: unknown) => {
  const result = validateScenario(doc);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
};
const warnings = (doc: unknown) => validateScenario(doc).warnings.map((p) => `${p.path}: ${p.message}`);

describe('queues in a scenario', () => {
  it("accept a producer → queue → consumer system, with SQS's and RabbitMQ's defaults filled in", () => {
    const result = validateScenario(base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.nodes[1]).toEqual({ id: 'q', kind: 'queue', visibilityTimeout: 30_000, maxLength: null, overflow: 'dropHead' });
    expect(result.warnings).toEqual([]);
  });

  it('want async links to and from a queue, and sync ones elsewhere', () => {
    expect(
      problems({
        ...base,
        links: [
          { from: 'web', to: 'q' },
          { from: 'q', to: 'mail', kind: 'async' },
        ],
      }),
    ).toEqual(['links[0].kind: a link to a queue is async: set its kind to "async"']);
    expect(
      problems({
        ...base,
        links: [
          { from: 'web', to: 'q', kind: 'async' },
          { from: 'q', to: 'mail', kind: 'sync' },
        ],
      }),
    ).toEqual(['links[1].kind: a link from a queue is async: set its kind to "async"']);
    expect(
      problems({
        version: 1,
        nodes: [
          { id: 'web', kind: 'client', target: 's', workload: { pattern: 'poisson', rate: 5 } },
          { id: 's', kind: 'service' },
        ],
        links: [{ from: 'web', to: 's', kind: 'async' }],
      }),
    ).toEqual(['links[0].kind: an async link goes to or from a queue, topic or stream; between these two use "sync"']);
    expect(problems({ ...base, links: [...base.links, { from: 'q', to: 'web', kind: 'async' }] })).toEqual([
      'links[2].to: a queue delivers to services (its consumers), not to a client',
    ]);
  });

  it('let a service publish as a step of its plan, but not fall back to a queue', () => {
    const doc = {
      version: 1,
      nodes: [
        { id: 'web', kind: 'client', target: 'order', workload: { pattern: 'poisson', rate: 5 } },
        { id: 'order', kind: 'service', calls: [{ to: 'pay' }, { to: 'q', fallback: { kind: 'service', to: 'q' } }] },
        { id: 'pay', kind: 'service' },
        { id: 'q', kind: 'queue' },
        { id: 'mail', kind: 'service' },
      ],
      links: [
        { from: 'web', to: 'order' },
        { from: 'order', to: 'pay' },
        { from: 'order', to: 'q', kind: 'async' },
        { from: 'q', to: 'mail', kind: 'async' },
      ],
    };
    expect(problems(doc)).toEqual([
      'nodes[1].calls[1].fallback.to: "q" is a queue; only services, gateways and load balancers can be called',
    ]);
  });

  it('warn about a queue nothing consumes from', () => {
    expect(warnings({ ...base, links: [base.links[0]] })).toEqual([
      'nodes[1]: nothing consumes from "q": its messages pile up (link it to a service)',
    ]);
  });

  it('take a crash (a broker outage) but not a slowdown', () => {
    expect(problems({ ...base, faults: [{ kind: 'crash', target: 'q', at: '1s', duration: '2s' }] })).toEqual([]);
    expect(problems({ ...base, faults: [{ kind: 'slow', target: 'q', at: '1s', factor: 2 }] })).toEqual([
      'faults[0].target: "q" is a queue; this fault applies to services, gateways and load balancers',
    ]);
  });

  it('let topics take publishes and send copies only to queues', () => {
    const withTopic = {
      version: 1,
      nodes: [...base.nodes, { id: 't', kind: 'topic' }, { id: 'q2', kind: 'queue' }],
      links: [
        ...base.links,
        { from: 'mail', to: 't', kind: 'async' },
        { from: 't', to: 'q2', kind: 'async' },
        { from: 'q2', to: 'mail', kind: 'async' },
      ],
    };
    expect(problems(withTopic)).toEqual([]);
    expect(
      problems({ ...withTopic, links: [...withTopic.links.slice(0, 3), { from: 't', to: 'mail', kind: 'async' }, withTopic.links[4]] }),
    ).toEqual(['links[3].to: a topic sends its copies to queues (its subscriptions), not to a service']);
    expect(problems({ ...withTopic, links: [...withTopic.links, { from: 'q', to: 't', kind: 'async' }] })).toEqual([
      'links[5].to: a queue delivers to services (its consumers), not to a topic',
    ]);
    expect(
      problems({ ...withTopic, links: [...withTopic.links.slice(0, 2), { from: 'mail', to: 't' }, ...withTopic.links.slice(3)] }),
    ).toEqual(['links[2].kind: a link to a topic is async: set its kind to "async"']);
    expect(warnings({ ...withTopic, links: withTopic.links.slice(0, 3) })).toEqual([
      'nodes[3]: no queue subscribes to "t": what is published to it goes nowhere (link it to a queue)',
      'nodes[4]: nothing consumes from "q2": its messages pile up (link it to a service)',
    ]);
  });

  it('let a client or service poll a service for a job (async HTTP), nothing else', () => {
    const doc = {
      version: 1,
      nodes: [
        { id: 'web', kind: 'client', target: 'jobs', workload: { pattern: 'poisson', rate: 5 } },
        { id: 'jobs', kind: 'service' },
      ],
      links: [{ from: 'web', to: 'jobs', polling: { interval: '500ms' } }],
    };
    const result = validateScenario(doc);
    expect(result.ok && result.scenario.links[0].polling).toEqual({ interval: 500, multiplier: 1, cap: 30_000 });
    expect(problems({ ...base, links: [{ ...base.links[0], polling: {} }, base.links[1]] })).toEqual([
      'links[0].polling: polling is for a client or service calling a service; a broker already answers at once',
    ]);
    expect(problems({ ...doc, links: [{ ...doc.links[0], breaker: {} }] })).toEqual([
      'links[0].polling: polling does not combine with a circuit breaker yet',
    ]);
    expect(problems({ ...doc, links: [{ ...doc.links[0], polling: { interval: 0, multiplier: 0.5 } }] })).toEqual([
      'links[0].polling.interval: must be greater than 0',
      'links[0].polling.multiplier: must be at least 1',
    ]);
  });

  it('let a service publish events only if each consumer can call it back', () => {
    const doc = {
      version: 1,
      nodes: [
        { id: 'web', kind: 'client', target: 'order', workload: { pattern: 'poisson', rate: 5 } },
        { id: 'order', kind: 'service', calls: [{ to: 'q' }] },
        { id: 'q', kind: 'queue' },
        { id: 'mail', kind: 'service' },
      ],
      links: [
        { from: 'web', to: 'order' },
        { from: 'order', to: 'q', kind: 'async', content: 'event' },
        { from: 'q', to: 'mail', kind: 'async' },
      ],
    };
    expect(problems(doc)).toEqual([
      'links[1].content: consumer "mail" has no link to "order" to fetch what an event-only publish leaves out; connect them',
    ]);
    expect(problems({ ...doc, links: [...doc.links, { from: 'mail', to: 'order' }] })).toEqual([]);
    expect(problems({ ...base, links: [{ ...base.links[0], content: 'event' }, base.links[1]] })).toEqual([
      'links[0].content: an event-only publish needs a publisher its consumers can call back; "web" is a client',
    ]);
  });

  it('bound their settings', () => {
    expect(
      problems({
        ...base,
        nodes: [base.nodes[0], { id: 'q', kind: 'queue', visibilityTimeout: 0, maxLength: -1, overflow: 'drop' }, base.nodes[2]],
      }),
    ).toEqual([
      'nodes[1].visibilityTimeout: must be greater than 0',
      'nodes[1].maxLength: must not be negative',
      'nodes[1].overflow: must be one of "dropHead", "rejectPublish" (got the text "drop")',
    ]);
  });
});
