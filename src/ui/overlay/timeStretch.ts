/**
 * The overlay's time stretch: a message whose hop is shorter than the eye can follow (most links
 * take 1–2 ms, some 0) is drawn crossing its link in at least `MIN_ON_SCREEN_MS` of wall-clock time
 * at the playback speed, starting when it really leaves. Only the drawing is stretched: the run,
 * its times and every figure are the simulation's. The legend says so.
 */

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
