/** What the schema and the reference checks say about queues, async links and publishes. */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/model/index.ts';

const base = {
  version: 1,
  nodes: [
    { id: 'web', kind: 'client', target: 'q', workload: { pattern: 'poisson', rate: 5 } },
    { id: 'q', kind: 'queue' },
    { id: 'mail', kind: 'service' },
  ],
  links: [{ from: 'web', to: 'q', kind: 'async' }, { from: 'q', to: 'mail', kind: 'async' }],
};

const problems = (doc: unknown) => {
  const result = validateScenario(doc);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
};
const warnings = (doc: unknown) => validateScenario(doc).warnings.map((p) => `${p.path}: ${p.message}`);

describe('queues in a scenario', () => {
  it('accept a producer → queue → consumer system, with SQS\'s and RabbitMQ\'s defaults filled in', () => {
    const result = validateScenario(base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.nodes[1]).toEqual({ id: 'q', kind: 'queue', visibilityTimeout: 30_000, maxLength: null, overflow: 'dropHead' });
    expect(result.warnings).toEqual([]);
  });

  it('want async links to and from a queue, and sync ones elsewhere', () => {
    expect(problems({ ...base, links: [{ from: 'web', to: 'q' }, { from: 'q', to: 'mail', kind: 'async' }] }))
      .toEqual(['links[0].kind: a link to a queue is async: set its kind to "async"']);
    expect(problems({ ...base, links: [{ from: 'web', to: 'q', kind: 'async' }, { from: 'q', to: 'mail', kind: 'sync' }] }))
      .toEqual(['links[1].kind: a link from a queue is async: set its kind to "async"']);
    expect(problems({
      version: 1, nodes: [{ id: 'web', kind: 'client', target: 's', workload: { pattern: 'poisson', rate: 5 } }, { id: 's', kind: 'service' }],
      links: [{ from: 'web', to: 's', kind: 'async' }],
    })).toEqual(['links[0].kind: an async link goes to or from a queue; between these two use "sync"']);
    expect(problems({ ...base, links: [...base.links, { from: 'q', to: 'web', kind: 'async' }] }))
      .toEqual(['links[2].to: a queue delivers to services (its consumers), not to a client']);
  });

  it('let a service publish as a step of its plan, but not fall back to a queue', () => {
    const doc = {
      version: 1,
      nodes: [
        { id: 'web', kind: 'client', target: 'order', workload: { pattern: 'poisson', rate: 5 } },
        { id: 'order', kind: 'service', calls: [{ to: 'pay' }, { to: 'q', fallback: { kind: 'service', to: 'q' } }] },
        { id: 'pay', kind: 'service' }, { id: 'q', kind: 'queue' }, { id: 'mail', kind: 'service' },
      ],
      links: [{ from: 'web', to: 'order' }, { from: 'order', to: 'pay' }, { from: 'order', to: 'q', kind: 'async' }, { from: 'q', to: 'mail', kind: 'async' }],
    };
    expect(problems(doc)).toEqual(['nodes[1].calls[1].fallback.to: "q" is a queue; only services can be called']);
  });

  it('warn about a queue nothing consumes from', () => {
    expect(warnings({ ...base, links: [base.links[0]] })).toEqual(['nodes[1]: nothing consumes from "q": its messages pile up (link it to a service)']);
  });

  it('take a crash (a broker outage) but not a slowdown', () => {
    expect(problems({ ...base, faults: [{ kind: 'crash', target: 'q', at: '1s', duration: '2s' }] })).toEqual([]);
    expect(problems({ ...base, faults: [{ kind: 'slow', target: 'q', at: '1s', factor: 2 }] }))
      .toEqual(['faults[0].target: "q" is a queue; this fault applies to services']);
  });

  it('bound their settings', () => {
    expect(problems({ ...base, nodes: [base.nodes[0], { id: 'q', kind: 'queue', visibilityTimeout: 0, maxLength: -1, overflow: 'drop' }, base.nodes[2]] })).toEqual([
      'nodes[1].visibilityTimeout: must be greater than 0',
      'nodes[1].maxLength: must not be negative',
      'nodes[1].overflow: must be one of "dropHead", "rejectPublish" (got the text "drop")',
    ]);
  });
});
