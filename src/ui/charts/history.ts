/**
 * A node's figures over the run, for the inspector's charts: sampled from the replay at evenly
 * spaced times up to the horizon (each sample replays at most a checkpoint's rows), so a chart
 * costs a few dozen replay queries when the run grows, not one per frame. Pure: tests share it.
 */
import type { TraceReplay } from '../../engine/replay/traceReplay.ts';

/** What a chart plots for a node: a queue's ready messages, or a stream's total lag per consumer group. */
export type HistoryMetric = 'depth' | 'lag';

export interface History {
  /** Sample times (ms) and, per series, the values at them. */
  readonly times: readonly number[];
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
  readonly max: number;
}

/** `samples` + 1 points of `metric` for node `node` from 0 to the replay's horizon. */
export function historyOf(replay: TraceReplay, node: number, metric: HistoryMetric, samples = 48): History {
  const end = replay.horizon;
  const times = Array.from({ length: samples + 1 }, (_, i) => (end * i) / samples);
  if (metric === 'depth') {
    const values = times.map((t) => replay.stateAt(t).nodes[node].line);
    return { times, series: [{ name: 'ready', values }], max: Math.max(1, ...values) };
  }
  const groups = replay.topology.streams?.[node]?.groups ?? [];
  const lags = times.map((t) => replay.streams.partitionsAt(node, t) ?? []);
  const series = groups.map((name, g) => ({ name, values: lags.map((parts) => parts.reduce((sum, p) => sum + p.lag[g], 0)) }));
  return { times, series, max: Math.max(1, ...series.flatMap((s) => s.values)) };
}
