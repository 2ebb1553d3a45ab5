/**
 * The live state as people read it: figures in node boxes and the summary change every frame while
 * playing, faster than anyone can read and at a real cost (100 node boxes re-rendered and repainted
 * 60 times a second). This copy of the live store follows it at most every `SAMPLE_MS` while
 * playing, and at once otherwise (paused, scrubbing, stepping), so what is shown at rest is always
 * exactly the playhead's state. The overlay and the clock keep reading the live store itself.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import { useStores, type Stores } from '../app/stores.tsx';
import { createLiveStore, type LiveState, type LiveStore } from './liveState.ts';

/** How often the sampled figures change while playing, ms (10 per second). */
export const SAMPLE_MS = 100;

const sampled = new WeakMap<Stores, LiveStore>();

/** The sampled live store of `stores` (one per set of stores, created on first use). */
export function sampledLive(stores: Stores): LiveStore {
  const existing = sampled.get(stores);
  if (existing) return existing;
  const store = createLiveStore();
  store.setState(stores.live.getState());
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const copy = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    last = performance.now();
    store.setState(stores.live.getState());
  };
  // Lives as long as the stores do (a page's lifetime): nothing to unsubscribe.
  stores.live.subscribe(() => {
    if (!stores.playback.getState().playing) return copy();
    const wait = SAMPLE_MS - (performance.now() - last);
    if (wait <= 0) copy();
    else timer ??= setTimeout(copy, wait);
  });
  sampled.set(stores, store);
  return store;
}

/** Whether two flat records of figures hold the same values (both undefined counts as the same). */
export function sameFigures(a: object | undefined, b: object | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const x = a as Record<string, unknown>, y = b as Record<string, unknown>;
  let keys = 0;
  for (const key in x) {
    if (!Object.is(x[key], y[key])) return false; // NaN equals NaN: a NaN figure must not re-render forever
    keys++;
  }
  for (const _ in y) keys--;
  return keys === 0;
}

/**
 * Figures picked from the sampled live state by `selector` (a flat record, or undefined): the
 * component re-renders only when one of them changes. A plain loop instead of zustand's
 * `useShallow`, whose generic comparison builds Maps on every call (100 node boxes × 10 a second).
 */
export function useSampledFigures<T extends object>(selector: (state: LiveState) => T | undefined): T | undefined {
  const store = sampledLive(useStores());
  const last = useRef<T | undefined>(undefined);
  const snapshot = useCallback(() => {
    const next = selector(store.getState());
    if (sameFigures(last.current, next)) return last.current;
    last.current = next;
    return next;
  }, [store, selector]);
  return useSyncExternalStore(store.subscribe, snapshot, snapshot);
}
