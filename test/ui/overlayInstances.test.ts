/**
 * Balanced calls on the overlay: over a real run of a service with three instances (round robin),
 * every dot of a call its caller routed carries the number of the instance it goes to ("#2", as
 * its card reads); a queue's or stream's delivery to a replicated consumer carries the number of
 * the instance the broker handed it to; and a run without replicas draws no such numbers.
 */
import { describe, expect, it } from 'vitest';
import { messagesBuffer } from '../../src/engine/replay/messageIndex.ts';
import { TraceType } from '../../src/engine/trace/eventTypes.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { routedInstances } from '../../src/engine/replay/indexes/routedInstances.ts';
import { OverlayRenderer } from '../../src/ui/overlay/OverlayRenderer.ts';
import { webAndApi } from './playbackSupport.tsx';
import { box, palette, recordingContext, replayOf, view } from './overlaySupport.ts';

const replicated: DocumentInput = {
  ...webAndApi,
  nodes: [
    { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'constant', rate: 20 } },
    { id: 'api', kind: 'service', replicas: 3, workers: 4, serviceTime: { dist: 'constant', value: '20ms' } },
  ],
  links: [{ from: 'web', to: 'api', latency: { dist: 'constant', value: '50ms' } }],
};

const nodes = { web: box(0, 0), api: box(400, 0) };
const numbers = (calls: { name: string; args: unknown[] }[]) =>
  calls.filter((c) => c.name === 'fillText' && /^#\d+$/.test(String(c.args[0]))).map((c) => String(c.args[0]));

describe('instance numbers on the overlay', () => {
  it('marks each dot of a balanced call with its instance, round robin over the three', async () => {
    const replay = await replayOf(replicated, 3000);
    const instances = routedInstances(replay)!;
    const buffer = messagesBuffer();
    const seen = new Set<string>();
    for (let t = 100; t < 3000; t += 41) {
      replay.messagesAt(t, buffer);
      const expected = Array.from({ length: buffer.count }, (_, i) => `#${instances.of(buffer.call[i])}`).sort();
      const renderer = new OverlayRenderer(palette);
      const { ctx, calls } = recordingContext();
      renderer.draw(ctx, 800, 400, replay, t, view(nodes));
      expect({ t, marks: numbers(calls).sort() }).toEqual({ t, marks: expected });
      expect(renderer.instancesMarked).toBe(expected.length);
      for (const n of expected) seen.add(n);
    }
    expect([...seen].sort()).toEqual(['#1', '#2', '#3']);
  });

  it("marks a queue's and a stream's deliveries with the instance of the consumer they went to", async () => {
    const consumers: DocumentInput = {
      ...webAndApi,
      nodes: [
        { id: 'web', kind: 'client', target: 'q', workload: { pattern: 'constant', rate: 20 } },
        { id: 'web2', kind: 'client', target: 's', workload: { pattern: 'constant', rate: 20 } },
        { id: 'q', kind: 'queue' },
        { id: 's', kind: 'stream', partitions: 3 },
        { id: 'worker', kind: 'service', replicas: 3, workers: 2, serviceTime: { dist: 'constant', value: '20ms' } },
        { id: 'reader', kind: 'service', replicas: 3, workers: 2, serviceTime: { dist: 'constant', value: '5ms' } },
      ],
      links: [
        { from: 'web', to: 'q', kind: 'async' },
        { from: 'web2', to: 's', kind: 'async' },
        { from: 'q', to: 'worker', kind: 'async' },
        { from: 's', to: 'reader', kind: 'async' },
      ],
    };
    const replay = await replayOf(consumers, 3000);
    const instances = routedInstances(replay)!;
    const numbers = replay.topology.instanceNumber!;
    const seen = { q: new Set<number>(), s: new Set<number>() };
    for (let row = 0; row < replay.trace.length; row++) {
      const type = replay.trace.type(row);
      if (type !== TraceType.DELIVER && type !== TraceType.STREAM_DELIVER) continue;
      const call = replay.trace.a(row);
      expect(instances.of(call)).toBe(numbers[replay.call(call).callee]);
      seen[type === TraceType.DELIVER ? 'q' : 's'].add(instances.of(call));
    }
    expect([...seen.q].sort()).toEqual([1, 2, 3]);
    expect([...seen.s].sort()).toEqual([1, 2, 3]);
  });

  it('draws none for a service of one instance', async () => {
    const replay = await replayOf(webAndApi, 3000);
    expect(routedInstances(replay)).toBeUndefined();
    const renderer = new OverlayRenderer(palette);
    const { ctx, calls } = recordingContext();
    renderer.draw(ctx, 800, 400, replay, 1500, view({ web: box(0, 0), api: box(400, 0) }));
    expect(numbers(calls)).toEqual([]);
    expect(renderer.instancesMarked).toBe(0);
  });
});
