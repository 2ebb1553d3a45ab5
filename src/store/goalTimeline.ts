/**
 * A lesson run's goal measurements over simulated time (the checkpoints the worker measured, then
 * its end): which one a playhead shows, which of the previous run's sits beside it, and how new
 * measurements join a timeline. Pure functions over `GoalPoint` lists, used by the run store and
 * the lesson panel.
 */
import type { GoalPoint } from '../worker/simulationApi.ts';
import { partitionPoint } from '../engine/core/search.ts';

/** The measurement shown at simulated time `time`: the last checkpoint at or before it (undefined: none yet). */
export function goalPointAt(timeline: readonly GoalPoint[], time: number): GoalPoint | undefined {
  const count = partitionPoint(0, timeline.length, (i) => timeline[i].time <= time);
  return count > 0 ? timeline[count - 1] : undefined;
}

/** Where the previous run's figure beside a goal comes from: the same checkpoint, an earlier one, or its end. */
export type PreviousPoint = { readonly point: GoalPoint; readonly at: 'same' | 'earlier' | 'end' };

/**
 * The previous run's measurement to set beside this run's `point`: at the same checkpoint when the
 * previous run reached it; else at its nearest earlier checkpoint (a run stopped or paused early
 * was measured only up to there, and at its end); else at its end. Undefined only when the
 * previous run has no measurement of the same goals (`goals` of them) at all: while a new run
 * plays, a goal always has a "before" figure.
 */
export function previousPointFor(previous: readonly GoalPoint[], point: GoalPoint, goals: number): PreviousPoint | undefined {
  const usable = previous.filter((p) => p.results.length === goals);
  const found = goalPointAt(usable, point.time);
  if (found && found.time === point.time) return { point: found, at: 'same' };
  const end = usable[usable.length - 1];
  // The last point is the run's end (finishGoals measures it): an earlier checkpoint is one before that.
  if (found && found !== end) return { point: found, at: 'earlier' };
  return end && { point: end, at: 'end' };
}

/** `points` added to `timeline` (usually after its end; a checkpoint measured twice keeps the later measurement). */
export function mergePoints(timeline: readonly GoalPoint[], points: readonly GoalPoint[]): readonly GoalPoint[] {
  if (points.length === 0) return timeline;
  if (timeline.length === 0 || points[0].time > timeline[timeline.length - 1].time) return [...timeline, ...points];
  const byTime = new Map<number, GoalPoint>();
  for (const p of [...timeline, ...points]) byTime.set(p.time, p);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}
