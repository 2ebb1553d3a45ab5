/**
 * The one overlay that draws every message in flight, rendered inside <ReactFlow>: a single
 * canvas over the flow pane, redrawn from simulated time at the playhead (so it pauses, scrubs and
 * speeds up with playback), never from wall time. It draws in the same frame as the playhead
 * moves (on the live store's refresh), and otherwise only when the view changes (pan, zoom, a node
 * moved, resize, theme). Clicks on the pane that land on a message select its call and follow its
 * request (FollowChip, followTracker.ts).
 */
import { useEffect, useRef } from 'react';
import { useStoreApi } from '@xyflow/react';
import { useStores } from '../app/stores.tsx';
import { canvasSurface } from './dotSprites.ts';
import { HIT_RADIUS, OverlayRenderer } from './OverlayRenderer.ts';
import { readPalette } from './messageStyles.ts';
import { overlayDisabled } from './overlaySwitch.ts';
import { minFlightAt, StretchNote } from './timeStretch.tsx';
import { FollowChip } from './FollowChip.tsx';
import { FollowTracker } from './followTracker.ts';
import './overlay.css';

/** Clicks on these are theirs (a node, the minimap, the controls), not a message's. */
const NOT_THE_PANE = '.react-flow__node, .react-flow__panel, .react-flow__controls, .react-flow__minimap, .react-flow__edgelabel-renderer';

export function MessageOverlay() {
  const stores = useStores();
  const flow = useStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d', { desynchronized: true });
    if (!canvas || !ctx || overlayDisabled()) return;
    const renderer = new OverlayRenderer(readPalette(), canvasSurface);
    let width = 0,
      height = 0,
      ratio = 0;
    let frame = 0;
    let paletteStale = false;
    let shown = -1;
    const tracker = new FollowTracker(stores.ui);

    const resize = () => {
      width = canvas.clientWidth;
      height = canvas.clientHeight;
      ratio = window.devicePixelRatio || 1;
      canvas.width = Math.max(1, Math.round(width * ratio));
      canvas.height = Math.max(1, Math.round(height * ratio));
    };
    const draw = () => {
      if (frame) {
        cancelAnimationFrame(frame);
        frame = 0;
      }
      if (ratio === 0) resize();
      if (paletteStale) {
        renderer.palette = readPalette();
        paletteStale = false;
      }
      const live = stores.live.getState().state;
      const { transform, nodeLookup } = flow.getState();
      const replay = live ? stores.run.getState().replay : undefined;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      renderer.minFlight = minFlightAt(stores.playback.getState().speed);
      renderer.followed = tracker.update(replay, live?.time ?? 0);
      renderer.draw(ctx, width, height, replay, live?.time ?? 0, { transform, nodeLookup }, ratio);
      // For tests and curious people: how many messages the overlay shows now, and of a followed request.
      if (renderer.shown !== shown) {
        shown = renderer.shown;
        canvas.dataset.messages = String(shown);
      }
      canvas.dataset.followed = renderer.followed ? String(renderer.followedShown) : '';
    };
    const drawSoon = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };

    // The playhead moved or the run grew: draw now, in the frame that moved it.
    const unsubscribeLive = stores.live.subscribe(draw);
    const unsubscribeFlow = flow.subscribe(drawSoon);
    // The theme attribute is set by an effect after the store changes: read the colours when drawing.
    const unsubscribeSpeed = stores.playback.subscribe((s, before) => {
      if (s.speed !== before.speed) drawSoon();
    });
    const unsubscribeUi = stores.ui.subscribe((s, before) => {
      if (s.theme !== before.theme) {
        paletteStale = true;
        drawSoon();
      }
      if (s.following?.request !== before.following?.request) drawSoon();
    });
    const observer = new ResizeObserver(() => {
      resize();
      drawSoon();
    });
    observer.observe(canvas);

    const pane = canvas.parentElement;
    const onClick = (event: MouseEvent) => {
      if ((event.target as Element | null)?.closest(NOT_THE_PANE)) return;
      const rect = canvas.getBoundingClientRect();
      const call = renderer.hit(event.clientX - rect.left, event.clientY - rect.top, HIT_RADIUS);
      if (call === undefined) return;
      // The pane's own click would clear the selection just made.
      event.stopPropagation();
      stores.ui.getState().select({ call });
      // And follow the request it is part of, hop by hop.
      const replay = stores.run.getState().replay;
      const request = replay && replay.knows(call) ? replay.requests.requestOf(call) : -1;
      if (request >= 0) stores.ui.getState().follow(request);
    };
    pane?.addEventListener('click', onClick, true);
    drawSoon();
    return () => {
      if (frame) cancelAnimationFrame(frame);
      unsubscribeLive();
      unsubscribeFlow();
      unsubscribeUi();
      unsubscribeSpeed();
      observer.disconnect();
      pane?.removeEventListener('click', onClick, true);
    };
  }, [stores, flow]);

  return (
    <>
      <canvas ref={canvasRef} className="message-overlay" aria-hidden="true" data-testid="message-overlay" />
      <FollowChip />
      <StretchNote />
    </>
  );
}
