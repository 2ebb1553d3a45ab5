/**
 * The caption of an exported diagram: the system's name and the run's summary at the playhead, as
 * the playback bar shows it ("Checkout · at 12.000 s · Sent 240 · Completed 236 · … · p99 180 ms"),
 * so a picture says which run it shows.
 */
import type { LiveState } from '../playback/liveState.ts';
import { formatCount, formatLatency } from '../playback/format.ts';
import { formatSimTime } from '../playback/transport.ts';

/** The caption's parts, to be joined with " · " (see svgDiagram.ts). */
export function runCaption(name: string | undefined, live: Pick<LiveState, 'state'>): string[] {
  const parts = [name?.trim() || 'Untitled system'];
  const state = live.state;
  if (!state) return [...parts, 'not run yet'];
  const { totals, latency } = state;
  parts.push(
    `at ${formatSimTime(state.time)}`,
    `Sent ${formatCount(totals.sent)}`,
    `Completed ${formatCount(totals.completed)}`,
    `Failed ${formatCount(totals.failed)}`,
    `Timed out ${formatCount(totals.timedOut)}`,
  );
  if (totals.rejected > 0) parts.push(`Rejected ${formatCount(totals.rejected)}`);
  if (totals.dropped > 0) parts.push(`Dropped ${formatCount(totals.dropped)}`);
  if (latency.count > 0) parts.push(`p50 ${formatLatency(latency.p50)}`, `p99 ${formatLatency(latency.p99)}`);
  return parts;
}
