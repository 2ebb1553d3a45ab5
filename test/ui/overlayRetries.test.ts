/**
 * Retries on the overlay, over a real run whose service fails half its requests and whose caller
 * retries with exponential backoff: a retry's dots carry their attempt number, and while the caller
 * waits to retry, a countdown ring at its end of the link empties as the wait runs out.
 */
import { describe, expect, it } from 'vitest';
import { messagesBuffer } from '../../src/engine/replay/messageIndex.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { OverlayRenderer } from '../../src/ui/overlay/OverlayRenderer.ts';
import { RING_RADIUS } from '../../src/ui/overlay/retryMarks.ts';
import { webAndApi } from './playbackSupport.tsx';
import { box, palette, recordingContext, replayOf, view } from './overlaySupport.ts';

const flaky: DocumentInput = {
  ...webAndApi,
  nodes: [
    { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 5 } },
    { id: 'api', kind: 'service', workers: 4, serviceTime: { dist: 'constant', value: '20ms' }, errorRate: 0.5 },
  ],
  links: [
    {
      from: 'web',
      to: 'api',
      latency: { dist: 'constant', value: '50ms' },
      retry: { maxAttempts: 4, backoff: 'exponential', base: '300ms', retryOn: ['error'] },
    },
  ],
};

const nodes = { web: box(0, 0), api: box(400, 0) };

describe('retry marks on the overlay', () => {
  it('numbers the dots of every retry, and only those', async () => {
    const replay = await replayOf(flaky, 8000);
    const buffer = messagesBuffer();
    let checked = 0;
    for (let t = 0; t < 8000; t += 37) {
      replay.messagesAt(t, buffer);
      const retries: number[] = [];
      for (let i = 0; i < buffer.count; i++)
        if (!buffer.lost[i] && replay.attemptOf(buffer.call[i]) >= 2) retries.push(replay.attemptOf(buffer.call[i]));
      const renderer = new OverlayRenderer(palette);
      const { ctx, calls } = recordingContext();
      renderer.draw(ctx, 800, 400, replay, t, view(nodes));
      expect({ t, marked: renderer.attemptsMarked }).toEqual({ t, marked: retries.length });
      expect(
        calls
          .filter((c) => c.name === 'fillText' && /^\d+$/.test(String(c.args[0])))
          .map((c) => Number(c.args[0]))
          .sort(),
      ).toEqual(retries.sort());
      checked += retries.length;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('draws a countdown ring at the caller while it waits to retry, emptying as the wait runs out', async () => {
    const replay = await replayOf(flaky, 8000);
    // A wait that is the only one under way through its middle half (so the ring shows it).
    const alone = (t: number) => replay.links.retryWaitsAt(t).length === 1;
    let wait: ReturnType<typeof replay.links.retryWaitsAt>[number] | undefined;
    for (let t = 0; t < 8000 && !wait; t += 10) {
      const w = replay.links.retryWaitsAt(t)[0];
      if (w && alone(w.start + (w.end - w.start) * 0.25) && alone(w.start + (w.end - w.start) * 0.75)) wait = w;
    }
    if (!wait) throw new Error('no lone retry wait');
    const arcsAt = (t: number) => {
      const renderer = new OverlayRenderer(palette);
      const { ctx, calls } = recordingContext();
      renderer.draw(ctx, 800, 400, replay, t, view(nodes));
      return {
        shown: renderer.waitsShown,
        arcs: calls.filter((c) => c.name === 'arc' && c.args[2] === RING_RADIUS).map((c) => c.args as number[]),
      };
    };
    const length = wait.end - wait.start;
    expect(length).toBeGreaterThan(299.9);
    const early = arcsAt(wait.start + length * 0.25),
      late = arcsAt(wait.start + length * 0.75);
    for (const frame of [early, late]) {
      expect(frame.shown).toBe(1);
      // At web's right side (100, 20), up and to the right.
      expect(frame.arcs.length).toBeGreaterThan(0);
      for (const [x, y] of frame.arcs) expect([x, y]).toEqual([114, 6]);
    }
    const share = (frame: typeof early) => (frame.arcs.at(-1)![4] + Math.PI / 2) / (2 * Math.PI);
    expect(share(early)).toBeCloseTo(0.75, 5);
    expect(share(late)).toBeCloseTo(0.25, 5);
    expect(arcsAt(wait.end + 1).shown).toBe(replay.links.retryWaitsAt(wait.end + 1).length > 0 ? 1 : 0);
  });
});
