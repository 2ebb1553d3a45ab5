/**
 * The kinds of the dots the overlay draws, from the trace: a publish to a queue, a queue's
 * delivery, a poll of an accepted job, each unlike a plain request; the broker's confirm is a
 * reply, a consumer's answer to a delivery an ack or a nack.
 */
import { describe, expect, it } from 'vitest';
import { MessageKind, messagesBuffer } from '../../src/engine/replay/messageIndex.ts';
import { parse, replayInBatches } from '../support/scenarioHelpers.ts';

describe('message kinds', () => {
  it('tells publishes, deliveries and polls from requests, on the links they travel', () => {
    const scenario = parse({
      version: 1,
      seed: 2,
      duration: '6s',
      nodes: [
        { id: 'web', kind: 'client', target: 'order', workload: { pattern: 'poisson', rate: 10 } },
        { id: 'order', kind: 'service', workers: 4, serviceTime: { dist: 'exponential', mean: 300 }, calls: [{ to: 'q' }] },
        { id: 'q', kind: 'queue' },
        { id: 'mail', kind: 'service', workers: 2, serviceTime: 30 },
      ],
      links: [
        { from: 'web', to: 'order', latency: 5, polling: { interval: '100ms' } },
        { from: 'order', to: 'q', kind: 'async', latency: 5 },
        { from: 'q', to: 'mail', kind: 'async', latency: 5 },
      ],
    });
    const replay = replayInBatches(scenario, 1000, 2000);
    const seen = new Map<string, Set<number>>();
    const buffer = messagesBuffer(4096);
    for (let t = 0; t < 6000; t += 3) {
      replay.messagesAt(t, buffer);
      for (let i = 0; i < buffer.count; i++) {
        const key = `${replay.topology.linkIds[buffer.link[i]]} ${buffer.backward[i] ? 'back' : 'forth'}`;
        if (!seen.has(key)) seen.set(key, new Set());
        seen.get(key)!.add(buffer.kind[i]);
      }
    }
    const kinds = (key: string) => [...(seen.get(key) ?? [])].sort();
    // Jobs go out as requests and come back as 202s (replies); polls go out, their answers come back.
    expect(kinds('web->order forth')).toEqual([MessageKind.REQUEST, MessageKind.POLL]);
    expect(kinds('web->order back')).toEqual([MessageKind.REPLY]);
    expect(kinds('order->q forth')).toEqual([MessageKind.PUBLISH]);
    expect(kinds('order->q back')).toEqual([MessageKind.REPLY]);
    expect(kinds('q->mail forth')).toEqual([MessageKind.DELIVERY]);
    expect(kinds('q->mail back')).toEqual([MessageKind.ACK]);
  });
});

describe('redeliveries', () => {
  it("number a queue's deliveries of one message, so the overlay marks a redelivery as it marks a retry", () => {
    const scenario = parse({
      version: 1,
      seed: 2,
      duration: '5s',
      nodes: [
        { id: 'web', kind: 'client', target: 'q', workload: { pattern: 'constant', rate: 1, stop: '1ms' } },
        { id: 'q', kind: 'queue', maxDeliveries: 3 },
        { id: 'mail', kind: 'service', workers: 1, serviceTime: 20, errorRate: 1 },
      ],
      links: [
        { from: 'web', to: 'q', kind: 'async', latency: 5 },
        { from: 'q', to: 'mail', kind: 'async', latency: 5 },
      ],
    });
    const replay = replayInBatches(scenario, 1000, 2000);
    const deliveries: number[] = [];
    for (let c = 0; c < 10; c++) if (replay.topology.linkIds[replay.call(c).link] === 'q->mail') deliveries.push(replay.attemptOf(c));
    // Each delivery fails (an error reply: a nack), so the message goes out three times, then to the dead-letter queue.
    expect(deliveries).toEqual([1, 2, 3]);
    const buffer = messagesBuffer(64);
    const nacks = new Set<number>();
    for (let t = 0; t < 5000; t += 1) {
      replay.messagesAt(t, buffer);
      for (let i = 0; i < buffer.count; i++) if (buffer.backward[i]) nacks.add(buffer.kind[i]);
    }
    expect([...nacks]).toEqual([MessageKind.REPLY, MessageKind.NACK]);
  });
});
