/**
 * The dots of a gateway's refusals and of answers given without a worker: a gateway's 401, 429
 * and 404 come back as kinds of their own (not a plain refusal); a registry's answers to
 * heartbeats and lookups, and an instance's answers to health probes, travel back as replies.
 */
import { describe, expect, it } from 'vitest';
import { MessageKind, messagesBuffer } from '../../src/engine/replay/messageIndex.ts';
import type { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { example } from '../support/scenarios.ts';
import { parse, replayInBatches } from '../support/scenarioHelpers.ts';

/** The kinds seen on each link direction ("web->api back") over the run, sampled every `step` ms. */
function kindsSeen(replay: TraceReplay, until: number, step = 1, from = 0): Map<string, Set<number>> {
  const seen = new Map<string, Set<number>>();
  const buffer = messagesBuffer(8192);
  for (let t = from; t < until; t += step) {
    replay.messagesAt(t, buffer);
    for (let i = 0; i < buffer.count; i++) {
      const key = `${replay.topology.linkIds[buffer.link[i]]} ${buffer.backward[i] ? 'back' : 'forth'}`;
      if (!seen.has(key)) seen.set(key, new Set());
      seen.get(key)!.add(buffer.kind[i]);
    }
  }
  return seen;
}

describe("a gateway's refusals", () => {
  it('come back as 401s (bad tokens) and 429s (over the rate), apart from a plain refusal', () => {
    const replay = replayInBatches(example('gateway'), 1000, 2000);
    const seen = kindsSeen(replay, 10_000);
    expect([...seen.get('mobile->gateway back')!]).toContain(MessageKind.UNAUTHORIZED);
    expect([...seen.get('scraper->gateway back')!]).toContain(MessageKind.THROTTLED);
    expect([...seen.get('web->gateway back')!]).not.toContain(MessageKind.UNAUTHORIZED);
    for (const kinds of seen.values()) expect(kinds.has(MessageKind.NOT_FOUND)).toBe(false);
  });

  it('come back as 404s for a path no route matches', () => {
    const scenario = parse({
      version: 1,
      seed: 1,
      duration: '3s',
      nodes: [
        { id: 'web', kind: 'client', target: 'gw', path: '/nowhere', workload: { pattern: 'poisson', rate: 20 } },
        { id: 'gw', kind: 'gateway', routes: [{ prefix: '/orders', to: 'orders' }] },
        { id: 'orders', kind: 'service' },
      ],
      links: [
        { from: 'web', to: 'gw', latency: 5 },
        { from: 'gw', to: 'orders', latency: 1 },
      ],
    });
    const seen = kindsSeen(replayInBatches(scenario, 1000, 2000), 3000);
    expect([...seen.get('web->gw back')!]).toEqual([MessageKind.NOT_FOUND]);
  });
});

describe('answers without a worker', () => {
  it("are drawn as replies: a registry's to heartbeats and lookups, an instance's to health probes", () => {
    const scenario = parse({
      version: 1,
      seed: 1,
      duration: '12s',
      nodes: [
        { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'constant', rate: 1, stop: '1ms' } },
        { id: 'api', kind: 'service', replicas: 2 },
        { id: 'reg', kind: 'registry' },
      ],
      links: [
        { from: 'web', to: 'api', latency: 5, healthCheck: { interval: '1s' }, discovery: {} },
        { from: 'api', to: 'reg', latency: 5 },
        { from: 'web', to: 'reg', latency: 5 },
      ],
    });
    // After the one request is done, all that comes back is answers given without a worker.
    const seen = kindsSeen(replayInBatches(scenario, 1000, 2000), 12_000, 1, 2000);
    expect([...(seen.get('api->reg back') ?? [])]).toContain(MessageKind.REPLY);
    expect([...(seen.get('web->reg back') ?? [])]).toContain(MessageKind.REPLY);
    expect([...(seen.get('web->api back') ?? [])]).toContain(MessageKind.REPLY);
  });
});
