/**
 * The run as it stands at the playhead, computed once per frame for everyone who shows it (node
 * badges, the summary, the inspector): a replay query is cheap, but not cheap enough to do once
 * per node per frame.
 */
import { createStore } from 'zustand/vanilla';
import type { PlayheadState } from '../../engine/replay/traceReplay.ts';
import type { RunTopology } from '../../engine/replay/topology.ts';
import type { Stores } from '../app/stores.tsx';

export interface LiveState {
  /** State at the playhead, or undefined before any run. */
  readonly state: PlayheadState | undefined;
  readonly topology: RunTopology | undefined;
  /** Node index by id, for the current run's topology. */
  readonly nodeIndex: ReadonlyMap<string, number>;
  /** Simulated time up to which the run is known (0 before any run). */
  readonly horizon?: number;
}

export function createLiveStore() {
  return createStore<LiveState>()(() => ({ state: undefined, topology: undefined, nodeIndex: new Map() }));
}
export type LiveStore = ReturnType<typeof createLiveStore>;

/** Recomputes the live state from the replay at the current playhead. */
export function refreshLive(live: LiveStore, stores: Stores): void {
  const { replay } = stores.run.getState();
  if (!replay) {
    if (live.getState().state !== undefined) live.setState({ state: undefined, topology: undefined, nodeIndex: new Map() });
    return;
  }
  const time = Math.min(stores.playback.getState().time, replay.horizon);
  const topology = replay.topology;
  const current = live.getState();
  const nodeIndex = current.topology === topology ? current.nodeIndex : new Map(topology.nodeIds.map((id, i) => [id, i]));
  live.setState({ state: replay.stateAt(time), topology, nodeIndex, horizon: replay.horizon });
}
