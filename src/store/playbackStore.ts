/**
 * The playhead: simulated time shown now, whether it moves, and how fast. The time changes every
 * frame; components that show it subscribe (zustand `subscribe`) instead of re-rendering React trees.
 */
import { createStore } from 'zustand/vanilla';

export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;
/** Speeds offered by the speed control (simulated seconds per wall-clock second). */
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

export interface PlaybackState {
  /** Simulated time at the playhead, ms. */
  readonly time: number;
  readonly playing: boolean;
  readonly speed: number;
  /** True while the playhead waits for the simulation to get ahead of it. */
  readonly buffering: boolean;
  play(): void;
  pause(): void;
  toggle(): void;
  setSpeed(speed: number): void;
  /** Moves the playhead (clamped to ≥ 0; the clock clamps to what has been simulated). */
  seek(time: number): void;
  setBuffering(buffering: boolean): void;
}

export function createPlaybackStore() {
  return createStore<PlaybackState>()((set) => ({
    time: 0,
    playing: false,
    speed: 1,
    buffering: false,
    play: () => set({ playing: true }),
    pause: () => set({ playing: false }),
    toggle: () => set((s) => ({ playing: !s.playing })),
    setSpeed: (speed) => set({ speed: Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) }),
    seek: (time) => set({ time: Math.max(0, time) }),
    setBuffering: (buffering) => set({ buffering }),
  }));
}

export type PlaybackStore = ReturnType<typeof createPlaybackStore>;
