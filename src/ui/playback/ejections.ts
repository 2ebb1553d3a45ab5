/**
 * Which instances the callers keep out of rotation, or know of, at the playhead: the trace records
 * each as a pair of rows (node = caller instance, a = link, b = the instance's engine node) that open and
 * close a window: an outlier ejection (EJECT..EJECT_END), a health check's verdict
 * (MARKED_UNHEALTHY..MARKED_HEALTHY), an instance in a discovering caller's cache
 * (CACHE_ADD..CACHE_REMOVE). The engine's replay does not fold them, so this index reads them out
 * of the replay's trace once, as batches arrive, into windows [start, end). Asking for an instant
 * is then a walk over the windows that began by then: these are rare events (a few per instance),
 * so there are few.
 */
import type { TraceReplay } from '../../engine/replay/traceReplay.ts';
import { TraceType } from '../../engine/trace/eventTypes.ts';

/** The kinds of window, by what opens them. */
export const InstanceWindow = { EJECTED: 0, UNHEALTHY: 1, CACHED: 2 } as const;
export type WindowKind = (typeof InstanceWindow)[keyof typeof InstanceWindow];

/** Per row type: the window kind it opens (+1) or closes (−1 − kind); 0 for other rows. */
const OPENS: Readonly<Record<number, number>> = {
  [TraceType.EJECT]: 1 + InstanceWindow.EJECTED, [TraceType.EJECT_END]: -1 - InstanceWindow.EJECTED,
  [TraceType.MARKED_UNHEALTHY]: 1 + InstanceWindow.UNHEALTHY, [TraceType.MARKED_HEALTHY]: -1 - InstanceWindow.UNHEALTHY,
  [TraceType.CACHE_ADD]: 1 + InstanceWindow.CACHED, [TraceType.CACHE_REMOVE]: -1 - InstanceWindow.CACHED,
};

interface Windows {
  /** Per window, in trace order (so by start): start and end times (Infinity: not over yet, as far as the trace goes), link, instance. */
  readonly starts: number[];
  readonly ends: number[];
  readonly links: number[];
  readonly nodes: number[];
  /** The open window of a (caller instance, link, instance) triple: each instance of a replicated caller has its own. */
  readonly open: Map<string, number>;
}

interface WindowIndex {
  /** Trace rows read so far. */
  scanned: number;
  readonly kinds: readonly Windows[];
}

const indexes = new WeakMap<TraceReplay, WindowIndex>();
const windows = (): Windows => ({ starts: [], ends: [], links: [], nodes: [], open: new Map() });

/** The index of `replay`, brought up to the rows it has now. */
function indexOf(replay: TraceReplay): WindowIndex {
  let index = indexes.get(replay);
  if (!index) {
    index = { scanned: 0, kinds: [windows(), windows(), windows()] };
    indexes.set(replay, index);
  }
  const trace = replay.trace;
  for (let row = Math.max(index.scanned, trace.first); row < trace.length; row++) { // (rows a long run's window forgot are gone)
    const code = OPENS[trace.type(row)];
    if (code === undefined) continue;
    const w = index.kinds[code > 0 ? code - 1 : -1 - code];
    const link = trace.a(row), node = trace.b(row), key = `${trace.node(row)} ${link} ${node}`;
    if (code > 0) {
      w.open.set(key, w.starts.length);
      w.starts.push(trace.time(row)); w.ends.push(Infinity); w.links.push(link); w.nodes.push(node);
    } else {
      const open = w.open.get(key);
      if (open !== undefined) w.ends[open] = trace.time(row);
      w.open.delete(key);
    }
  }
  index.scanned = trace.length;
  return index;
}

/**
 * Per engine node, the links whose callers hold a `kind` window on it at `time` (after every row
 * at or before it, as the replay's state: a window that ends at `time` is over), each link once
 * however many of its caller's instances hold one; undefined when none does.
 */
export function windowsAt(replay: TraceReplay, kind: WindowKind, time: number): readonly (readonly number[] | undefined)[] | undefined {
  const w = indexOf(replay).kinds[kind];
  let out: (number[] | undefined)[] | undefined;
  for (let i = 0; i < w.starts.length && w.starts[i] <= time; i++) {
    if (w.ends[i] <= time) continue;
    out ??= [];
    const links = (out[w.nodes[i]] ??= []);
    if (!links.includes(w.links[i])) links.push(w.links[i]);
  }
  return out;
}

/** Per engine node, the links whose callers eject it at `time` (outlier ejection); undefined when none is. */
export function ejectionsAt(replay: TraceReplay, time: number): readonly (readonly number[] | undefined)[] | undefined {
  return windowsAt(replay, InstanceWindow.EJECTED, time);
}
