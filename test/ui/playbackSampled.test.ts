/**
 * The sampled live state that node boxes and the summary read: while playing it follows the live
 * store at most every SAMPLE_MS (the last value always arrives); paused, at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStores } from '../../src/ui/app/stores.tsx';
import { SAMPLE_LANES, SAMPLE_MS, sameFigures, sampledLive, sampleLane, sampleWindow } from '../../src/ui/playback/sampledLive.ts';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { setLive, webAndApi } from './playbackSupport.tsx';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

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

  it('staggers its lanes: while playing each takes one sample per window, in a different frame from the others', () => {
    const stores = createStores(createSimulationApi(), webAndApi);
    const lanes = Array.from({ length: SAMPLE_LANES }, (_, k) => sampledLive(stores, k));
    expect(new Set(lanes).size).toBe(SAMPLE_LANES);
    stores.playback.getState().play();
    // 60 frames a second for a second: when does each lane change?
    const changedAt: number[][] = lanes.map(() => []);
    lanes.forEach((lane, k) => lane.subscribe(() => changedAt[k].push(performance.now())));
    for (let frame = 1; frame <= 60; frame++) {
      vi.advanceTimersByTime(1000 / 60);
      setLive(stores, frame * 16, { completed: frame }, {});
    }
    for (const times of changedAt) {
      // About ten samples a second, never two in one window (after the very first, which comes at once).
      expect(times.length).toBeGreaterThanOrEqual(9);
      expect(times.length).toBeLessThanOrEqual(12);
      for (let i = 2; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThan(SAMPLE_MS - 20);
    }
    // After the first frame (every lane takes the first state), no two lanes change in one frame.
    const perFrame = new Map<number, number>();
    for (const times of changedAt) for (const t of times.slice(1)) perFrame.set(t, (perFrame.get(t) ?? 0) + 1);
    expect(Math.max(...perFrame.values())).toBe(1);
    // Only frames with a lane's sample change the page: about SAMPLE_LANES × 10 of the 60.
    expect(perFrame.size).toBeLessThanOrEqual(SAMPLE_LANES * 11);
    // And each ends on the latest state once its window turns.
    vi.advanceTimersByTime(SAMPLE_MS);
    for (const lane of lanes) expect(completed(lane)).toBe(60);
  });

  it('gives a key the same lane every time, and lane windows start a frame or so apart', () => {
    expect(sampleLane('payments')).toBe(sampleLane('payments'));
    const used = new Set(Array.from({ length: 100 }, (_, i) => sampleLane(`g${i % 10}-s${Math.floor(i / 10)}`)));
    expect(used.size).toBe(SAMPLE_LANES);
    expect(sampleWindow(99, 0)).toBe(0);
    expect(sampleWindow(100, 0)).toBe(1);
    const laneStart = SAMPLE_MS / SAMPLE_LANES;
    expect(sampleWindow(100 + laneStart - 1, 1)).toBe(0);
    expect(sampleWindow(100 + laneStart, 1)).toBe(1);
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
