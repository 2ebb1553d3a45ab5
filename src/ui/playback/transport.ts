/**
 * What the playback controls do, as plain functions over the stores, so the buttons, the keyboard
 * shortcuts and tests share one definition: play/pause (from the start again once the run has
 * ended), step to the next event, restart, and how simulated time reads.
 */
import { parseDuration } from '../../model/index.ts';
import type { DocumentInput } from '../../store/document/commands.ts';
import type { RunState } from '../../store/runStore.ts';
import type { Stores } from '../app/stores.tsx';

/** The run length used before a document says otherwise (the schema's default). */
const DEFAULT_DURATION_MS = 60_000;

/** Simulated time as people read it on the playback bar: `12.345 s`. */
export function formatSimTime(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(3)} s`;
}

/** Simulated time rounded to 0.1 ms: where faults and edits made at the playhead are placed. */
export function roundToTenthMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/**
 * How long the timeline is: the run's own duration once a run of the document exists, else the
 * document's `duration` (the default when it is missing or not a valid duration).
 */
export function timelineEnd(document: DocumentInput, run: Pick<RunState, 'status' | 'duration'>): number {
  if ((run.status === 'running' || run.status === 'done') && run.duration > 0) return run.duration;
  const own = document.duration === undefined ? undefined : parseDuration(document.duration);
  return own !== undefined && own > 0 ? own : DEFAULT_DURATION_MS;
}

/** The part of a trace log that stepping reads. */
export interface SteppableTrace {
  readonly length: number;
  time(i: number): number;
  indexAt(t: number): number;
}

/** The time of the first trace event strictly after `time`, or undefined if none is known yet. */
export function nextEventTime(trace: SteppableTrace, time: number): number | undefined {
  // indexAt gives the first row at or after `time`; rows exactly at `time` are the present.
  for (let i = trace.indexAt(time); i < trace.length; i++) {
    const t = trace.time(i);
    if (t > time) return t;
  }
  return undefined;
}

/**
 * Play or pause; pressing Play at the end of a finished run plays it again from the start. A
 * document that cannot run (its problems are shown) does not start playing.
 */
export function togglePlay(stores: Stores): void {
  const playback = stores.playback.getState();
  const run = stores.run.getState();
  if (!playback.playing && run.status === 'invalid') return;
  if (!playback.playing && run.status === 'done' && playback.time >= run.duration) playback.seek(0);
  playback.toggle();
}

/**
 * Pauses and moves the playhead to the next event of the trace. When the trace known so far has
 * no later event, asks for more of the run and returns false (the next press steps).
 */
export function stepToNextEvent(stores: Stores): boolean {
  const playback = stores.playback.getState();
  playback.pause();
  const run = stores.run.getState();
  if (!run.replay) return false;
  const next = nextEventTime(run.replay.trace, playback.time);
  if (next === undefined) {
    if (run.status === 'running') stores.run.ensure(Math.min(run.duration, run.horizon + 1000));
    return false;
  }
  playback.seek(next);
  return true;
}

/** Back to the start of the run (playing or not, as before). */
export function restart(stores: Stores): void {
  stores.playback.getState().seek(0);
}
