/**
 * A message lost on the network (packet loss, a partition) falls off its link: for the first part
 * of the time it stays visible it travels along the link, short of the middle (where the link's
 * label and a cut are drawn, which would hide it), then drops below the line as it fades, so a
 * learner sees messages go missing on that link rather than arriving. Positions only: the
 * simulated times and figures are untouched.
 */

/** The share of a lost message's visible time spent on the link before it falls. */
export const FALL_STARTS = 0.5;
/** How far along the link a lost message gets before it falls (short of the label at the middle). */
export const FALL_AT = 0.3;
/** How far below the line it has fallen when it vanishes, screen px at zoom 1. */
export const FALL_PX = 36;

/** Where along its link (0 sender, 1 receiver) a lost message is drawn at `progress` of its visible time. */
export function lostAlong(progress: number): number {
  return FALL_AT * Math.min(1, progress / FALL_STARTS);
}

/** How far below its point on the link a lost message is drawn at `progress` (screen px): zero, then falling faster and faster. */
export function lostDrop(progress: number, zoom: number): number {
  const fall = Math.max(0, (progress - FALL_STARTS) / (1 - FALL_STARTS));
  return FALL_PX * Math.min(1.5, Math.max(0.8, zoom)) * fall * fall;
}

/** How opaque a lost message is at `progress`: whole on the link, fading as it falls. */
export function lostAlpha(progress: number): number {
  const fall = Math.max(0, (progress - FALL_STARTS) / (1 - FALL_STARTS));
  return 1 - 0.75 * fall;
}
