/**
 * The overlay's time stretch: a message whose hop is shorter than the eye can follow (most links
 * take 1–2 ms, some 0) is drawn crossing its link in at least `MIN_ON_SCREEN_MS` of wall-clock time
 * at the playback speed, starting when it really leaves. Only the drawing is stretched: the run,
 * its times and every figure are the simulation's. A note on the canvas says so.
 */
import { Panel } from '@xyflow/react';
import { useRun } from '../app/stores.tsx';
import { overlayDisabled } from './overlaySwitch.ts';

/** Wall-clock time a message takes at least to cross its link on screen, ms. */
export const MIN_ON_SCREEN_MS = 350;
/**
 * The most a hop is stretched to, in simulated ms: above ~6× the eye follows no single dot anyway,
 * and a longer stretch would only multiply the messages each frame draws.
 */
export const MAX_STRETCH_MS = 2000;

/** The simulated time (ms) a message is drawn for at least, at `speed` simulated s per wall s. */
export function minFlightAt(speed: number): number {
  return Math.min(MAX_STRETCH_MS, MIN_ON_SCREEN_MS * Math.max(0, speed));
}

/** What the note means, on hover. */
const STRETCH_NOTE = `Every message stays on screen for at least ${MIN_ON_SCREEN_MS / 1000} s of your time, however short its hop, so that it can be followed. Only the drawing is slowed: the simulated times and every figure are the run's.`;

/** The note on the canvas, while there is a run to draw: "short hops drawn slower". */
export function StretchNote() {
  const running = useRun((s) => s.replay !== undefined);
  if (!running || overlayDisabled()) return null;
  return (
    <Panel position="bottom-center" className="stretch-note" data-testid="stretch-note" title={STRETCH_NOTE}>
      short hops drawn slower
    </Panel>
  );
}
