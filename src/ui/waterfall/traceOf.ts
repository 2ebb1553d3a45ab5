/**
 * One request's waterfall from the page's replay: its spans read from the rows and calls the
 * replay holds (engine/replay/runSpans.ts), its critical path, and the names and breaker states
 * the view shows. Runs once per opening, outside React; only this one trace reaches the component.
 */
import { criticalPath } from '../../engine/replay/criticalPath.ts';
import { replayRequestSpans } from '../../engine/replay/runSpans.ts';
import type { TraceReplay } from '../../engine/replay/traceReplay.ts';
import { buildWaterfall, type WaterfallTrace } from './waterfallModel.ts';

/** Request `request`'s waterfall, or undefined if the replay does not hold it (unknown, or before a long run's window). */
export function traceOf(replay: TraceReplay, request: number): WaterfallTrace | undefined {
  const spans = replayRequestSpans(replay, request);
  if (!spans) return undefined;
  return buildWaterfall(spans, criticalPath(spans, replay.topology), {
    topology: replay.topology,
    breakerStateAt: (link, t) => replay.links.breakerStateAt(link, t),
  });
}
