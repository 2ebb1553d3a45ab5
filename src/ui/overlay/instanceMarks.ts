/**
 * Which instance a balanced call goes to, on the canvas: a dot of a call the caller's load
 * balancer routed (a ROUTE row: node = caller, a = the call, b = the instance's engine node) carries
 * its instance's number beside it ("#2"), the number its card in the service's box shows. The
 * cards' places inside the box are the page's layout, not the overlay's, so the dot still ends at
 * the service's handle; the number says which card it is for. A queue's or stream's delivery to a
 * replicated consumer (a DELIVER or STREAM_DELIVER row: the broker hands it to one instance itself,
 * no balancer) carries its instance's number the same way. The routes come from the replay's
 * routed-instances index (engine/replay/indexes/routedInstances.ts); a run without replicas builds none.
 */
import type { TraceReplay } from '../../engine/replay/traceReplay.ts';
import { routedInstances } from '../../engine/replay/indexes/routedInstances.ts';
import type { RetryFrame } from './retryMarks.ts';

/** Draws the instance number beside each dot of a routed call; returns how many it drew. */
export function drawInstanceNumbers(ctx: CanvasRenderingContext2D, replay: TraceReplay, frame: RetryFrame): number {
  const instances = routedInstances(replay);
  if (!instances) return 0;
  const { messages, xs, ys, radius } = frame;
  let drawn = 0;
  for (let i = 0; i < messages.count; i++) {
    const call = messages.call[i];
    const n = instances.of(call);
    if (n === 0 || !frame.isDot(i)) continue;
    if (drawn === 0) {
      ctx.font = `600 ${Math.round(radius * 1.5 + 2)}px system-ui, sans-serif`;
      ctx.textBaseline = 'top';
      ctx.lineWidth = 3;
      ctx.strokeStyle = frame.palette.outline;
      ctx.fillStyle = frame.palette.badge;
    }
    // Below and right of the dot (the attempt number sits above it).
    const x = xs[i] + radius * 0.8,
      y = ys[i] + radius * 0.8;
    const text = `#${n}`;
    ctx.strokeText(text, x, y);
    ctx.fillText(text, x, y);
    drawn++;
  }
  return drawn;
}
