/**
 * The overlay's renderer over a real run's replay, drawing into a recording stand-in for a 2D
 * context: every message in flight is placed on its link's curve at its progress, clicks find
 * them, crowded links become a bundle with a count, and links whose nodes are not on the canvas
 * draw nothing.
 */
import { describe, expect, it } from 'vitest';
import { messagesBuffer } from '../../src/engine/replay/messageIndex.ts';
import type { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { linkPoint } from '../../src/ui/overlay/geometry.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { OverlayRenderer } from '../../src/ui/overlay/OverlayRenderer.ts';
import { MESSAGE_STYLES } from '../../src/ui/overlay/messageStyles.ts';
import { webAndApi } from './playbackSupport.tsx';
import { box, palette, recordingContext, replayOf, view } from './overlaySupport.ts';

/** A time in [from, to) with at least `min` messages in flight. */
function busyTime(replay: TraceReplay, from: number, to: number, min: number): number {
  const buffer = messagesBuffer(8192);
  for (let t = from; t < to; t += 1.7) {
    replay.messagesAt(t, buffer);
    if (buffer.count >= min) return t;
  }
  throw new Error('no busy moment');
}

describe('the overlay renderer', () => {
  it('places every message on its link at its progress, and a click finds it', async () => {
    const replay = await replayOf(webAndApi, 4000);
    const t = busyTime(replay, 100, 4000, 2);
    const messages = messagesBuffer();
    replay.messagesAt(t, messages);
    const renderer = new OverlayRenderer(palette);
    const { ctx, calls } = recordingContext();
    const nodes = { web: box(0, 0), api: box(400, 0) };
    renderer.draw(ctx, 800, 400, replay, t, view(nodes));

    expect(renderer.shown).toBe(messages.count);
    expect(calls[0]).toEqual({ name: 'clearRect', args: [0, 0, 800, 400] });
    const p = new Float64Array(4);
    for (let i = 0; i < messages.count; i++) {
      // From web's right side (100, 20) to api's left side (400, 20); replies run back, on the other side.
      const back = messages.backward[i] === 1;
      linkPoint(100, 20, 400, 20, back ? 1 - messages.progress[i] : messages.progress[i], p);
      const x = p[0] + p[2] * (back ? 3 : -3),
        y = p[1] + p[3] * (back ? 3 : -3);
      expect(renderer.hit(x + 1, y - 1)).toBe(messages.call[i]);
    }
    expect(renderer.hit(700, 350)).toBeUndefined();
    // Dots are filled once per kind present, not once per dot.
    expect(calls.filter((c) => c.name === 'fill').length).toBeLessThanOrEqual(5);
  });

  it("with a drawing surface, blits each dot from its kind's sprite, centred on its place and on whole device pixels", async () => {
    const replay = await replayOf(webAndApi, 4000);
    const t = busyTime(replay, 100, 4000, 2);
    const messages = messagesBuffer();
    replay.messagesAt(t, messages);
    const sprites: { image: object; calls: { name: string; args: unknown[] }[] }[] = [];
    const surface = (width: number, height: number) => {
      const { ctx, calls } = recordingContext();
      const image = { width, height };
      sprites.push({ image, calls });
      return { image: image as unknown as CanvasImageSource, ctx };
    };
    const renderer = new OverlayRenderer(palette, surface);
    const { ctx, calls } = recordingContext();
    const nodes = { web: box(0, 0), api: box(400, 0) };
    renderer.draw(ctx, 800, 400, replay, t, view(nodes), 2);
    renderer.draw(ctx, 800, 400, replay, t, view(nodes), 2);
    // One sprite per kind, made once for this radius, ratio and palette; each filled in its kind's colour.
    expect(sprites).toHaveLength(MESSAGE_STYLES.length);
    sprites.forEach((sprite, kind) => {
      expect(sprite.calls).toContainEqual({ name: 'set fillStyle', args: [palette.kinds[kind]] });
      expect(sprite.calls.filter((c) => c.name === 'fill')).toHaveLength(1);
    });
    const blits = calls.filter((c) => c.name === 'drawImage');
    expect(blits).toHaveLength(2 * messages.count);
    expect(calls.some((c) => c.name === 'fill' || c.name === 'arc')).toBe(false);
    const p = new Float64Array(4);
    for (let i = 0; i < messages.count; i++) {
      const back = messages.backward[i] === 1;
      linkPoint(100, 20, 400, 20, back ? 1 - messages.progress[i] : messages.progress[i], p);
      const x = p[0] + p[2] * (back ? 3 : -3),
        y = p[1] + p[3] * (back ? 3 : -3);
      const blit = blits.find(
        (c) =>
          c.args[0] === sprites[messages.kind[i]].image &&
          Math.abs((c.args[1] as number) + (c.args[3] as number) / 2 - x) <= 0.5 &&
          Math.abs((c.args[2] as number) + (c.args[4] as number) / 2 - y) <= 0.5,
      );
      expect(blit, `message ${i}`).toBeDefined();
      expect(Number.isInteger((blit!.args[1] as number) * 2) && Number.isInteger((blit!.args[2] as number) * 2)).toBe(true);
    }
  });

  it('draws a crowded link direction as a bundle with its count', async () => {
    const crowded: DocumentInput = {
      ...webAndApi,
      nodes: [
        { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'constant', rate: 1000 } },
        { id: 'api', kind: 'service', workers: 64, serviceTime: { dist: 'constant', value: '1ms' } },
      ],
      links: [{ from: 'web', to: 'api', latency: { dist: 'constant', value: '40ms' } }],
    };
    const replay = await replayOf(crowded, 500);
    const renderer = new OverlayRenderer(palette);
    const { ctx, calls } = recordingContext();
    renderer.draw(ctx, 800, 400, replay, 300, view({ web: box(0, 0), api: box(400, 0) }));
    // ~40 requests and ~40 replies in flight: two bundles, each with a badge.
    const counts = calls.filter((c) => c.name === 'fillText').map((c) => Number(c.args[0]));
    expect(counts).toHaveLength(2);
    for (const n of counts) expect(n).toBeGreaterThan(30);
    expect(renderer.shown).toBe(counts[0] + counts[1]);
    // No single request dots: the one circle is the request bundle's badge glyph.
    expect(calls.filter((c) => c.name === 'arc')).toHaveLength(1);
    expect(calls.some((c) => c.name === 'set lineWidth' && (c.args[0] as number) > 3)).toBe(true);
  });

  it('with the time stretch, draws a bundle for the messages it holds on screen, but badges count only those truly in flight', async () => {
    const link = (rate: number, latency: string): DocumentInput => ({
      ...webAndApi,
      nodes: [
        { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'constant', rate } },
        { id: 'api', kind: 'service', workers: 64, serviceTime: { dist: 'constant', value: '1ms' } },
      ],
      links: [{ from: 'web', to: 'api', latency: { dist: 'constant', value: latency } }],
    });
    const draw = async (doc: DocumentInput) => {
      const replay = await replayOf(doc, 1000);
      const truly = messagesBuffer();
      replay.messagesAt(500, truly);
      const renderer = new OverlayRenderer(palette);
      renderer.minFlight = 350;
      const { ctx, calls } = recordingContext();
      renderer.draw(ctx, 800, 400, replay, 500, view({ web: box(0, 0), api: box(400, 0) }));
      return {
        shown: renderer.shown,
        truly: truly.count,
        counts: calls.filter((c) => c.name === 'fillText').map((c) => Number(c.args[0])),
      };
    };
    // 200 a second over 10 ms: ~70 each way drawn (each held 350 ms), 2 truly in flight: a bundle, no badge.
    const sparse = await draw(link(200, '10ms'));
    expect(sparse.shown).toBeGreaterThan(100);
    expect(sparse.counts).toEqual([]);
    // 1000 a second over 40 ms: ~40 each way truly in flight, a crowd of their own: badges with those counts.
    const busy = await draw(link(1000, '40ms'));
    expect(busy.shown).toBeGreaterThan(busy.truly * 3);
    expect(busy.counts).toHaveLength(2);
    expect(busy.counts[0] + busy.counts[1]).toBe(busy.truly);
  });

  it('draws nothing for links whose nodes are not on the canvas, or without a run', async () => {
    const replay = await replayOf(webAndApi, 4000);
    const t = busyTime(replay, 100, 4000, 1);
    const renderer = new OverlayRenderer(palette);
    const { ctx } = recordingContext();
    renderer.draw(ctx, 800, 400, replay, t, view({ web: box(0, 0) }));
    expect(renderer.shown).toBe(0);
    expect(renderer.hit(200, 20, 1000)).toBeUndefined();
    renderer.draw(ctx, 800, 400, undefined, t, view({}));
    expect(renderer.shown).toBe(0);
  });
});
