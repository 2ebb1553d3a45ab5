/**
 * The sampled live state that node boxes and the summary read: while playing it follows the live
 * store at most every SAMPLE_MS (the last value always arrives); paused, at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStores } from '../../src/ui/app/stores.tsx';
import { SAMPLE_MS, sameFigures, sampledLive } from '../../src/ui/playback/sampledLive.ts';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { setLive, webAndApi } from './playbackSupport.tsx';

beforeEach(() => { vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }); });
afterEach(() => { vi.useRealTimers(); });

const completed = (store: ReturnType<typeof sampledLive>) => store.getState().state?.totals.completed;

describe('the sampled live state', () => {
  it('follows at once while paused', () => {
    const stores = createStores(createSimulationApi(), webAndApi);
    const sampled = sampledLive(stores);
    expect(sampledLive(stores)).toBe(sampled); // one per set of stores
    setLive(stores, 10, { completed: 1 }, {});
    expect(completed(sampled)).toBe(1);
    setLive(stores, 20, { completed: 2 }, {});
    expect(completed(sampled)).toBe(2);
  });

  it('while playing, changes at most every SAMPLE_MS, and ends on the latest state', () => {
    const stores = createStores(createSimulationApi(), webAndApi);
    const sampled = sampledLive(stores);
    stores.playback.getState().play();
    setLive(stores, 10, { completed: 1 }, {});
    expect(completed(sampled)).toBe(1); // the first change shows at once
    vi.advanceTimersByTime(16);
    setLive(stores, 26, { completed: 2 }, {});
    vi.advanceTimersByTime(16);
    setLive(stores, 42, { completed: 3 }, {});
    expect(completed(sampled)).toBe(1);
    vi.advanceTimersByTime(SAMPLE_MS);
    expect(completed(sampled)).toBe(3);
  });

  it('compares flat records of figures by value', () => {
    expect(sameFigures({ a: 1, b: 2 }, { a: 1, b: 2 })).toBe(true);
    expect(sameFigures({ a: 1, b: 2 }, { a: 1, b: 3 })).toBe(false);
    expect(sameFigures({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameFigures(undefined, undefined)).toBe(true);
    expect(sameFigures({ a: NaN }, { a: NaN })).toBe(true);
    expect(sameFigures(undefined, { a: 1 })).toBe(false);
  });
});
