/**
 * Which instance a balanced call goes to, on the canvas: a dot of a call the caller's load
 * balancer routed (a ROUTE row: node = caller, a = the call, b = the instance's engine node) carries
 * its instance's number beside it ("#2"), the number its card in the service's box shows. The
 * cards' places inside the box are the page's layout, not the overlay's, so the dot still ends at
 * the service's handle; the number says which card it is for. A queue's or stream's delivery to a
 * replicated consumer (a DELIVER or STREAM_DELIVER row: the broker hands it to one instance itself,
 * no balancer) carries its instance's number the same way. The routes are read out of the
 * replay's trace once, as batches arrive; a run without replicas reads nothing.
 */
import type { TraceReplay } from '../../engine/replay/traceReplay.ts';
import type { RunTopology } from '../../engine/replay/topology.ts';
import { TraceType } from '../../engine/trace/eventTypes.ts';
import type { RetryFrame } from './retryMarks.ts';

interface Routes {
  /** Trace rows read so far. */
  scanned: number;
  /** The instance number (1 and up) each call was routed to; 0 for a call no balancer routed. */
  instance: Int32Array;
}

const routes = new WeakMap<TraceReplay, Routes>();
const replicated = new WeakMap<RunTopology, boolean>();
const instanceNodes = new WeakMap<RunTopology, Uint8Array>();

/** Per engine node: 1 if it is an instance of a service with several. */
function ofReplicated(topology: RunTopology): Uint8Array {
  let marks = instanceNodes.get(topology);
  if (!marks) {
    const owner = topology.instanceOf ?? [], numbers = topology.instanceNumber ?? [];
    const many = new Set<number>();
    numbers.forEach((n, i) => { if (n > 1) many.add(owner[i] ?? i); });
    marks = Uint8Array.from(topology.nodeIds, (_, i) => (many.has(owner[i] ?? i) ? 1 : 0));
    instanceNodes.set(topology, marks);
  }
  return marks;
}

/** Whether the run has a service of several instances (only then are calls routed). */
function hasReplicas(topology: RunTopology): boolean {
  let known = replicated.get(topology);
  if (known === undefined) {
    known = (topology.instanceNumber ?? []).some((n) => n > 1);
    replicated.set(topology, known);
  }
  return known;
}

/** The instance numbers of `replay`'s calls, brought up to the rows it has now; undefined for a run without replicas. */
export function routedInstances(replay: TraceReplay): Int32Array | undefined {
  if (!hasReplicas(replay.topology)) return undefined;
  let index = routes.get(replay);
  if (!index) {
    index = { scanned: 0, instance: new Int32Array(1024) };
    routes.set(replay, index);
  }
  const trace = replay.trace, numbers = replay.topology.instanceNumber ?? [], many = ofReplicated(replay.topology);
  for (let row = Math.max(index.scanned, trace.first); row < trace.length; row++) { // (rows a long run's window forgot are gone)
    const type = trace.type(row);
    let node: number;
    if (type === TraceType.ROUTE) node = trace.b(row);
    else if (type === TraceType.DELIVER || type === TraceType.STREAM_DELIVER) {
      node = replay.call(trace.a(row)).callee;
      if (many[node] !== 1) continue;
    } else continue;
    const call = trace.a(row);
    if (call >= index.instance.length) {
      let capacity = index.instance.length;
      while (capacity <= call) capacity *= 2;
      const grown = new Int32Array(capacity);
      grown.set(index.instance);
      index.instance = grown;
    }
    index.instance[call] = numbers[node] ?? 1;
  }
  index.scanned = trace.length;
  return index.instance;
}

/** Draws the instance number beside each dot of a routed call; returns how many it drew. */
export function drawInstanceNumbers(ctx: CanvasRenderingContext2D, replay: TraceReplay, frame: RetryFrame): number {
  const instances = routedInstances(replay);
  if (!instances) return 0;
  const { messages, xs, ys, radius } = frame;
  let drawn = 0;
  for (let i = 0; i < messages.count; i++) {
    const call = messages.call[i];
    const n = call < instances.length ? instances[call] : 0;
    if (n === 0 || !frame.isDot(i)) continue;
    if (drawn === 0) {
      ctx.font = `600 ${Math.round(radius * 1.5 + 2)}px system-ui, sans-serif`;
      ctx.textBaseline = 'top';
      ctx.lineWidth = 3;
      ctx.strokeStyle = frame.palette.outline;
      ctx.fillStyle = frame.palette.badge;
    }
    // Below and right of the dot (the attempt number sits above it).
    const x = xs[i] + radius * 0.8, y = ys[i] + radius * 0.8;
    const text = `#${n}`;
    ctx.strokeText(text, x, y);
    ctx.fillText(text, x, y);
    drawn++;
  }
  return drawn;
}
