/**
 * The live state as people read it: figures in node boxes and the summary change every frame while
 * playing, faster than anyone can read and at a real cost (100 node boxes re-rendered and repainted
 * 60 times a second). These copies of the live store follow it at most once per `SAMPLE_MS` window
 * while playing, and at once otherwise (paused, scrubbing, stepping), so what is shown at rest is
 * always exactly the playhead's state. The overlay and the clock keep reading the live store itself.
 *
 * The clock and the timeline follow it too (lane 0): a 100 ms step of the clock is still exact
 * to what the figures beside it say, and the overlay keeps the motion smooth.
 *
 * There are `SAMPLE_LANES` copies whose windows are staggered: node boxes spread over them (by
 * id), so a frame that updates boxes updates only some of them (100 text-filled boxes at once
 * cost 10–15 ms in Chromium: a frame that long misses its vsync).
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import { usePlayback, useStores, type Stores } from '../app/stores.tsx';
import { createLiveStore, type LiveState, type LiveStore } from './liveState.ts';

/** How often the sampled figures change while playing, ms (10 per second). */
export const SAMPLE_MS = 100;
/**
 * How many staggered copies there are. Two, half a window apart: each frame in which the page
 * changes costs Chromium a repaint and a re-layering of the whole page (~3 ms with 100 node boxes)
 * before anything that changed is drawn, so the changes are gathered into two frames of every six
 * (the others only redraw the message overlay), each carrying half the node boxes.
 */
export const SAMPLE_LANES = 2;

const sampled = new WeakMap<Stores, readonly LiveStore[]>();

/** The lane a key (a node id) samples in: the same key always gets the same lane. */
export function sampleLane(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return (hash >>> 0) % SAMPLE_LANES;
}

/**
 * Sample window `lane` is in at wall time `now`: windows are SAMPLE_MS long and lane k's start
 * k/SAMPLE_LANES of a window later than lane 0's.
 */
export function sampleWindow(now: number, lane: number): number {
  return Math.floor((now - (lane * SAMPLE_MS) / SAMPLE_LANES) / SAMPLE_MS);
}

/** The sampled live store of `stores` for `lane` (0 by default); created on first use. */
export function sampledLive(stores: Stores, lane = 0): LiveStore {
  let lanes = sampled.get(stores);
  if (!lanes) {
    lanes = Array.from({ length: SAMPLE_LANES }, (_, k) => followLive(stores, k));
    sampled.set(stores, lanes);
  }
  return lanes[lane % SAMPLE_LANES];
}

/** A copy of the live store that takes one new state per sample window of `lane` while playing. */
function followLive(stores: Stores, lane: number): LiveStore {
  const store = createLiveStore();
  store.setState(stores.live.getState());
  let window = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Takes the live state as the sample of window `into` (a timer may fire a little early: it says which window it is for). */
  const copy = (into = sampleWindow(performance.now(), lane)) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    window = Math.max(into, sampleWindow(performance.now(), lane));
    store.setState(stores.live.getState());
  };
  // Lives as long as the stores do (a page's lifetime): nothing to unsubscribe.
  stores.live.subscribe(() => {
    if (!stores.playback.getState().playing) return copy();
    const now = performance.now();
    if (sampleWindow(now, lane) > window) return copy();
    // Within this window the lane has its sample: the latest state arrives when the next one opens.
    const next = (window + 1) * SAMPLE_MS + (lane * SAMPLE_MS) / SAMPLE_LANES;
    const into = window + 1;
    timer ??= setTimeout(() => copy(into), Math.max(0, next - now));
  });
  return store;
}

/** The playhead's simulated time and how far the run is known, as sampled (lane 0); before a run, the playback store's time. */
export function useSampledPlayhead(): { readonly time: number; readonly horizon: number } {
  const sampled = useSampledFigures(selectPlayhead);
  // Subscribed to the playback store's time only while there is no run: otherwise every frame would re-render the caller.
  const fallback = usePlayback((s) => (sampled ? 0 : s.time));
  return sampled ?? { time: fallback, horizon: 0 };
}

function selectPlayhead(live: LiveState): { time: number; horizon: number } | undefined {
  return live.state ? { time: live.state.time, horizon: live.horizon ?? 0 } : undefined;
}

/** Whether two flat records of figures hold the same values (both undefined counts as the same). */
export function sameFigures(a: object | undefined, b: object | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const x = a as Record<string, unknown>,
    y = b as Record<string, unknown>;
  let keys = 0;
  for (const key in x) {
    if (!Object.is(x[key], y[key])) return false; // NaN equals NaN: a NaN figure must not re-render forever
    keys++;
  }
  for (const _ in y) keys--;
  return keys === 0;
}

/**
 * Figures picked from the sampled live state of `lane` by `selector` (a flat record, or
 * undefined): the component re-renders only when one of them changes. A plain loop instead of
 * zustand's `useShallow`, whose generic comparison builds Maps on every call (100 node boxes × 10
 * a second).
 */
export function useSampledFigures<T extends object>(selector: (state: LiveState) => T | undefined, lane = 0): T | undefined {
  const store = sampledLive(useStores(), lane);
  const last = useRef<T | undefined>(undefined);
  const snapshot = useCallback(() => {
    const next = selector(store.getState());
    if (sameFigures(last.current, next)) return last.current;
    last.current = next;
    return next;
  }, [store, selector]);
  return useSyncExternalStore(store.subscribe, snapshot, snapshot);
}
