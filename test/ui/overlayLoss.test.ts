/**
 * Loss on the overlay, over a real run whose link loses every message for a while: a lost message
 * is drawn on its link at first, short of the middle (where the label is), then falls below the
 * line as it fades.
 */
import { describe, expect, it } from 'vitest';
import { messagesBuffer } from '../../src/engine/replay/messageIndex.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { OverlayRenderer } from '../../src/ui/overlay/OverlayRenderer.ts';
import { FALL_STARTS } from '../../src/ui/overlay/lossFall.ts';
import { webAndApi } from './playbackSupport.tsx';
import { box, palette, recordingContext, replayOf, view } from './overlaySupport.ts';

const lossy: DocumentInput = { ...webAndApi, faults: [{ kind: 'loss', link: 'web->api', rate: 1, at: '1s', duration: '1s' }] };
/** The link runs level from web's right side (100, 20) to api's left side (400, 20). */
const nodes = { web: box(0, 0), api: box(400, 0) };
const LINE_Y = 20,
  MIDDLE_X = 250;
/** Half a short label's width ("HTTP"): a lost message stays clear of it. */
const LABEL_HALF = 20;

/** The centres of the circles (requests) drawn hollow in the lost colour, and of those filled. */
function drawnAt(replayTime: number, replay: Awaited<ReturnType<typeof replayOf>>) {
  const renderer = new OverlayRenderer(palette);
  const { ctx, calls } = recordingContext();
  renderer.draw(ctx, 800, 400, replay, replayTime, view(nodes));
  const lost: { x: number; y: number }[] = [];
  let stroke = '';
  for (const c of calls) {
    if (c.name === 'set strokeStyle') stroke = String(c.args[0]);
    if (c.name === 'arc' && stroke === palette.lost) lost.push({ x: c.args[0] as number, y: c.args[1] as number });
  }
  return lost;
}

describe('lost messages on the overlay', () => {
  it('go along the link to its middle, then fall off below it', async () => {
    const replay = await replayOf(lossy, 3000);
    const buffer = messagesBuffer();
    let early = 0,
      falling = 0;
    for (let t = 1000; t < 2000; t += 0.5) {
      replay.messagesAt(t, buffer);
      const lost = [];
      for (let i = 0; i < buffer.count; i++) if (buffer.lost[i] === 1) lost.push(buffer.progress[i]);
      if (lost.length !== 1) continue; // one at a time: which drawn circle is which is then plain
      const [at] = drawnAt(t, replay);
      expect(at.x).toBeLessThanOrEqual(MIDDLE_X - LABEL_HALF);
      if (lost[0] < FALL_STARTS) {
        expect(Math.abs(at.y - LINE_Y)).toBeLessThanOrEqual(4);
        early++;
      }
      if (lost[0] > FALL_STARTS + 0.2) {
        expect(at.y).toBeGreaterThan(LINE_Y + 4);
        falling++;
      }
    }
    expect(early).toBeGreaterThan(3);
    expect(falling).toBeGreaterThan(3);
    // Outside the fault nothing is lost.
    expect(drawnAt(500, replay)).toEqual([]);
  });
});
