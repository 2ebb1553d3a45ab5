/**
 * Following one request on the canvas: the renderer draws the followed request's messages bright
 * and ringed, never merged into a bundle, and every other message faded; follow.ts says which links
 * it has taken and where it is at any time, from the replay's account of it.
 */
import { describe, expect, it } from 'vitest';
import { messagesBuffer } from '../../src/engine/replay/messageIndex.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { followedAt, membersOf } from '../../src/ui/overlay/follow.ts';
import { FOLLOW_FADE_ALPHA, OverlayRenderer } from '../../src/ui/overlay/OverlayRenderer.ts';
import { webAndApi } from './playbackSupport.tsx';
import { box, palette, recordingContext, replayOf, view } from './overlaySupport.ts';

const crowded: DocumentInput = {
  ...webAndApi,
  nodes: [
    { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'constant', rate: 1000 } },
    { id: 'api', kind: 'service', workers: 64, serviceTime: { dist: 'constant', value: '1ms' } },
  ],
  links: [{ from: 'web', to: 'api', latency: { dist: 'constant', value: '40ms' } }],
};

describe('following a request', () => {
  it('draws its message as a ringed dot over a faded bundle of the rest', async () => {
    const replay = await replayOf(crowded, 500);
    const messages = messagesBuffer();
    replay.messagesAt(300, messages);
    expect(messages.count).toBeGreaterThan(40);
    const path = replay.requests.pathOf(messages.call[0]);
    const renderer = new OverlayRenderer(palette);
    renderer.followed = membersOf(path);
    const { ctx, calls } = recordingContext();
    renderer.draw(ctx, 800, 400, replay, 300, view({ web: box(0, 0), api: box(400, 0) }));

    expect(renderer.followedShown).toBe(1);
    // The bundles are drawn faded, then full opacity again for the followed dot.
    const alphas = calls.filter((c) => c.name === 'set globalAlpha').map((c) => c.args[0]);
    expect(alphas[0]).toBe(FOLLOW_FADE_ALPHA);
    expect(alphas).toContain(1);
    // Its ring, in the followed colour.
    expect(calls.some((c) => c.name === 'set strokeStyle' && c.args[0] === palette.followed)).toBe(true);
    expect(calls.filter((c) => c.name === 'arc').length).toBeGreaterThanOrEqual(2); // the ring and the dot (filled as a path)
  });

  it('says where the request is and which links it has taken, then how it ended', async () => {
    const replay = await replayOf(webAndApi, 4000);
    const messages = messagesBuffer();
    let t = 100;
    for (; t < 4000; t += 1.3) {
      replay.messagesAt(t, messages);
      if (messages.count > 0) break;
    }
    const path = replay.requests.pathOf(messages.call[0]);
    const hop = path.hops[0];
    expect(path.hops).toHaveLength(1);
    expect(followedAt(path, replay.topology, hop.sent - 1)).toEqual({ links: [], status: 'not sent yet' });
    expect(followedAt(path, replay.topology, hop.sent)).toEqual({ links: ['web->api'], status: 'call 1: web → api' });
    expect(path.endedAt).toBe(hop.received);
    expect(followedAt(path, replay.topology, path.endedAt)).toEqual({
      links: ['web->api'],
      status: `completed after ${(path.endedAt - hop.sent).toFixed(1)} ms`,
    });
  });
});
