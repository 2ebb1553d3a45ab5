/**
 * Which instances the callers eject at the playhead (outlier ejection): the trace records each
 * ejection as an EJECT row and its end as an EJECT_END row (node = caller, a = link, b = the
 * instance's engine node), and the engine's replay does not fold them, so this index reads them
 * out of the replay's trace once, as batches arrive, into windows [start, end). Asking for an
 * instant is then a walk over the windows that began by then: ejections are rare events (one per
 * instance per ejection time at most), so there are few.
 */
import type { TraceReplay } from '../../engine/replay/traceReplay.ts';
import { TraceType } from '../../engine/trace/eventTypes.ts';

interface EjectionIndex {
  /** Trace rows read so far. */
  scanned: number;
  /** Per window, in trace order (so by start): start and end times (Infinity: not over yet, as far as the trace goes), link, instance. */
  readonly starts: number[];
  readonly ends: number[];
  readonly links: number[];
  readonly nodes: number[];
  /** The open window of a (link, instance) pair, by `link * nodes + instance`. */
  readonly open: Map<number, number>;
}

const indexes = new WeakMap<TraceReplay, EjectionIndex>();

/** The index of `replay`, brought up to the rows it has now. */
function indexOf(replay: TraceReplay): EjectionIndex {
  let index = indexes.get(replay);
  if (!index) {
    index = { scanned: 0, starts: [], ends: [], links: [], nodes: [], open: new Map() };
    indexes.set(replay, index);
  }
  const trace = replay.trace, width = replay.topology.nodeIds.length;
  for (let row = index.scanned; row < trace.length; row++) {
    const type = trace.type(row);
    if (type !== TraceType.EJECT && type !== TraceType.EJECT_END) continue;
    const link = trace.a(row), node = trace.b(row), key = link * width + node;
    if (type === TraceType.EJECT) {
      index.open.set(key, index.starts.length);
      index.starts.push(trace.time(row)); index.ends.push(Infinity); index.links.push(link); index.nodes.push(node);
    } else {
      const open = index.open.get(key);
      if (open !== undefined) index.ends[open] = trace.time(row);
      index.open.delete(key);
    }
  }
  index.scanned = trace.length;
  return index;
}

/**
 * Per engine node, the links whose callers eject it at `time` (after every row at or before it,
 * as the replay's state: an ejection that ends at `time` is over); undefined when none is.
 */
export function ejectionsAt(replay: TraceReplay, time: number): readonly (readonly number[] | undefined)[] | undefined {
  const index = indexOf(replay);
  let out: (number[] | undefined)[] | undefined;
  for (let w = 0; w < index.starts.length && index.starts[w] <= time; w++) {
    if (index.ends[w] <= time) continue;
    out ??= [];
    (out[index.nodes[w]] ??= []).push(index.links[w]);
  }
  return out;
}
