/**
 * Pluggable indexes over a replay's trace (see replay/indexes/). An index answers one question
 * about the run at any instant ("which instances are ejected at t?") from rows the replay's own
 * folds do not keep. It is built the first time someone asks for it, caught up over the rows the
 * replay holds then, and from then on fed every batch as the replay ingests it (before a long
 * run's window forgets any of its rows), so it never re-reads the trace.
 *
 * Indexes are named by their definition object, not by a string looked up in a registry here:
 * the replay imports none of them, so each stays in the (lazily loaded) chunk of the code that
 * asks for it, and a run that never asks never builds one.
 *
 * Windows (replayWindow.ts): an index asked for before the replay forgot any row is exact at
 * every instant (it keeps its own data, which the window does not trim); one first asked for
 * later has not seen the forgotten rows, so it is exact only from the replay's `retainedFrom` then
 * on, and only for what those rows alone decide (a window opened earlier is missing). A playhead
 * before the window is answered by a re-simulated replay (store/runStore.ts), whose indexes are
 * built afresh from its first batch.
 */
import type { TraceLog } from '../trace/traceLog.ts';
import type { RunTopology } from './topology.ts';

/** What an index may read of its replay: the trace, the run's shape, and the calls' ends. */
export interface IndexedReplay {
  readonly trace: TraceLog;
  readonly topology: RunTopology;
  call(c: number): { readonly caller: number; readonly callee: number; readonly link: number };
}

/** A built index: takes in trace rows [from, to), in order, each once. */
export interface ReplayIndex {
  feed(from: number, to: number): void;
}

/** How to build an index (the key it is asked for by). */
export interface ReplayIndexDef<I extends ReplayIndex> {
  /** For messages and debugging; two definitions may not share one. */
  readonly name: string;
  create(replay: IndexedReplay): I;
}

/** The indexes one replay has built so far, fed as it ingests. */
export class IndexHost {
  private readonly built = new Map<ReplayIndexDef<ReplayIndex>, ReplayIndex>();
  private readonly names = new Set<string>();

  constructor(private readonly replay: IndexedReplay) {}

  /** Index `def`, built (and caught up over the rows held) on the first ask. */
  get<I extends ReplayIndex>(def: ReplayIndexDef<I>): I {
    let index = this.built.get(def);
    if (!index) {
      if (this.names.has(def.name)) throw new Error(`two replay indexes are named ${def.name}`);
      index = def.create(this.replay);
      const trace = this.replay.trace;
      index.feed(trace.first, trace.length);
      this.built.set(def, index);
      this.names.add(def.name);
    }
    return index as I;
  }

  /** Feeds every built index the rows [from, to) just ingested. */
  feed(from: number, to: number): void {
    if (from >= to) return;
    for (const index of this.built.values()) index.feed(from, to);
  }
}

/** A replay that hosts indexes (TraceReplay), as the indexes' query helpers take it. */
export interface HostsIndexes {
  index<I extends ReplayIndex>(def: ReplayIndexDef<I>): I;
}
