/**
 * Which instances the callers keep out of rotation, or know of, at any instant: the trace records
 * each as a pair of rows (rows.ts `instanceWindowRow`) that open and close a window: an outlier
 * ejection (EJECT..EJECT_END), a health check's verdict (MARKED_UNHEALTHY..MARKED_HEALTHY), an
 * instance in a discovering caller's cache (CACHE_ADD..CACHE_REMOVE). The replay's folds do not
 * keep them, so this index gathers them into windows [start, end). Asking for an instant is a walk
 * over the windows that began by then: these are rare events (a few per instance), so there are few.
 */
import { TraceType } from '../../trace/eventTypes.ts';
import { instanceWindowRow } from '../../trace/rows.ts';
import type { HostsIndexes, IndexedReplay, ReplayIndex, ReplayIndexDef } from '../indexHost.ts';

/** The kinds of window, by what opens them. */
export const InstanceWindow = { EJECTED: 0, UNHEALTHY: 1, CACHED: 2 } as const;
export type WindowKind = (typeof InstanceWindow)[keyof typeof InstanceWindow];

/** Per row type: the window kind it opens (+1) or closes (−1 − kind). */
const OPENS: Readonly<Record<number, number>> = {
  [TraceType.EJECT]: 1 + InstanceWindow.EJECTED,
  [TraceType.EJECT_END]: -1 - InstanceWindow.EJECTED,
  [TraceType.MARKED_UNHEALTHY]: 1 + InstanceWindow.UNHEALTHY,
  [TraceType.MARKED_HEALTHY]: -1 - InstanceWindow.UNHEALTHY,
  [TraceType.CACHE_ADD]: 1 + InstanceWindow.CACHED,
  [TraceType.CACHE_REMOVE]: -1 - InstanceWindow.CACHED,
};

/** Per engine node, the links whose callers hold a window on it; undefined for a node none does. */
export type LinksByNode = readonly (readonly number[] | undefined)[];

class Windows {
  /** Per window, in trace order (so by start): start and end times (Infinity: not over yet, as far as the trace goes), link, instance. */
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly links: number[] = [];
  readonly nodes: number[] = [];
  /** The open window of a (caller instance, link, instance) triple: each instance of a replicated caller has its own. */
  readonly open = new Map<string, number>();
}

/** The windows of every kind (see the file comment). */
export class InstanceWindowsIndex implements ReplayIndex {
  private readonly kinds = [new Windows(), new Windows(), new Windows()];

  constructor(private readonly replay: IndexedReplay) {}

  feed(from: number, to: number): void {
    const trace = this.replay.trace;
    for (let row = from; row < to; row++) {
      const code = OPENS[trace.type(row)];
      if (code === undefined) continue;
      const w = this.kinds[code > 0 ? code - 1 : -1 - code];
      const r = instanceWindowRow(trace, row),
        key = `${r.caller} ${r.link} ${r.instance}`;
      if (code > 0) {
        w.open.set(key, w.starts.length);
        w.starts.push(r.time);
        w.ends.push(Infinity);
        w.links.push(r.link);
        w.nodes.push(r.instance);
      } else {
        const open = w.open.get(key);
        if (open !== undefined) w.ends[open] = r.time;
        w.open.delete(key);
      }
    }
  }

  /**
   * Per engine node, the links whose callers hold a `kind` window on it at `time` (after every row
   * at or before it, as the replay's state: a window that ends at `time` is over), each link once
   * however many of its caller's instances hold one; undefined when none does.
   */
  at(kind: WindowKind, time: number): LinksByNode | undefined {
    const w = this.kinds[kind];
    let out: (number[] | undefined)[] | undefined;
    for (let i = 0; i < w.starts.length && w.starts[i] <= time; i++) {
      if (w.ends[i] <= time) continue;
      out ??= [];
      const links = (out[w.nodes[i]] ??= []);
      if (!links.includes(w.links[i])) links.push(w.links[i]);
    }
    return out;
  }
}

export const instanceWindowsIndex: ReplayIndexDef<InstanceWindowsIndex> = {
  name: 'instanceWindows',
  create: (replay) => new InstanceWindowsIndex(replay),
};

/** Per engine node, the links whose callers hold a `kind` window on it at `time` in `replay`'s run (see `InstanceWindowsIndex.at`). */
export function windowsAt(replay: HostsIndexes, kind: WindowKind, time: number): LinksByNode | undefined {
  return replay.index(instanceWindowsIndex).at(kind, time);
}

/** Per engine node, the links whose callers eject it at `time` (outlier ejection); undefined when none is. */
export function ejectionsAt(replay: HostsIndexes, time: number): LinksByNode | undefined {
  return windowsAt(replay, InstanceWindow.EJECTED, time);
}
