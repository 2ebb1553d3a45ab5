/**
 * A stream's partitions at the playhead as its box draws them, picked out of the live state
 * (the replay's per-partition view, see the engine's streamReplay.ts) as a flat record of numbers
 * (so a frame that moves no offset re-renders nothing), and read back into lanes. Pure.
 */
import type { LiveState } from './liveState.ts';

/** One partition's lane: its end offset, first retained offset, and per group committed and lag. */
export interface Lane {
  readonly end: number;
  readonly first: number;
  readonly committed: readonly number[];
  readonly lag: readonly number[];
}

/**
 * Flat figures of stream `nodeId`'s partitions: `n` partitions, `g` groups, `e<p>`, `f<p>`, `c<p>_<g>`; undefined without the replay's
 * view.
 */
export function selectStreamLanes(live: LiveState, nodeId: string): Record<string, number> | undefined {
  const index = live.nodeIndex.get(nodeId);
  const view = index === undefined ? undefined : live.partitions?.[index];
  if (!view) return undefined;
  const out: Record<string, number> = { n: view.length, g: view[0]?.committed.length ?? 0 };
  view.forEach((p, i) => {
    out[`e${i}`] = p.end;
    out[`f${i}`] = p.first;
    p.committed.forEach((c, g) => {
      out[`c${i}_${g}`] = c;
    });
  });
  return out;
}

/** The lanes of figures made by selectStreamLanes (lag = end − committed, as the replay counts it). */
export function lanesOf(figures: Readonly<Record<string, number>>): Lane[] {
  return Array.from({ length: figures.n }, (_, p) => {
    const end = figures[`e${p}`];
    const committed = Array.from({ length: figures.g }, (_, g) => figures[`c${p}_${g}`]);
    return { end, first: figures[`f${p}`], committed, lag: committed.map((c) => end - c) };
  });
}

/** One empty list: a selector must return the same value while nothing changed. */
const NO_GROUPS: readonly string[] = [];

/** The consumer groups of stream `nodeId` in the run, in the replay's order (their names). */
export function streamGroupNames(live: LiveState, nodeId: string): readonly string[] {
  const index = live.nodeIndex.get(nodeId);
  return (index === undefined ? undefined : live.topology?.streams?.[index]?.groups) ?? NO_GROUPS;
}
