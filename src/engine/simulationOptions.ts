/** The options of a simulation (`Simulation`, `simulate`), and the defaults they fall back on. */

export interface SimulationOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Interval of the metric time series in ms (default: the duration / 600, at least 1 ms). */
  readonly sampleInterval?: number;
  /**
   * What the run keeps. 'full' (the default): every trace row and every call's row, for the
   * page's replay, `--trace` and the trace hash. 'summary': only what the report reads (the
   * components' counters, latency histograms and time series): no trace rows (the report's
   * `traceEvents` still counts them, its `traceHash` is absent), and in scenarios without brokers,
   * balancers and the like the rows of finished calls (and operations) are reused, so memory does
   * not grow with the run (kernel/callReuse.ts). The report is otherwise the same as a full run's, field for field.
   */
  readonly record?: 'full' | 'summary';
  /**
   * A full run ('full') whose call table reuses the rows of finished calls, as a summary-only run
   * does and in the same scenarios (kernel/callReuse.ts), so that the table stays as large as
   * the calls in flight need: for a long run played in the page, whose worker hands each call over
   * once (`CallTable.takeStatic`). The trace is the same, row for row (its rows name calls by id,
   * see `TraceLog.translateCalls`), and so is the report; but a finished call's row can no longer
   * be read from the table (a lesson's goals do: their runs do not reuse rows).
   */
  readonly reuseCallRows?: boolean;
  /**
   * Call rows a summary-only run that reuses them starts with (default `SUMMARY_CALL_ROWS`; at
   * least 16). The report does not depend on it; a small table collects finished calls often,
   * which tests use to exercise the reuse.
   */
  readonly summaryCallRows?: number;
}

/** Call rows a summary-only run that reuses them starts with (105 bytes each: about 430 kB). */
export const SUMMARY_CALL_ROWS = 1 << 12;

/**
 * Call rows a full run that reuses them (`reuseCallRows`) starts with: 32,768 (about 3.6 MB). It
 * also copies each call's fixed columns out and names its trace rows' calls by id before each
 * collection, so fewer collections pay: reference.json took 1.1-1.35× a full run's time with 4,096.
 */
export const TRACED_REUSE_CALL_ROWS = 1 << 15;

/** Most points a metric series may have over the scenario's duration (each point costs a few numbers per node). */
const MAX_SERIES_POINTS = 100_000;

/**
 * The interval of the metric time series: the caller's, or 1/600 of the duration (≥ 1 ms).
 * A caller's interval must be positive and leave at most `MAX_SERIES_POINTS` points.
 */
export function sampleIntervalFor(duration: number, requested: number | undefined): number {
  if (requested === undefined) return Math.max(1, duration / 600);
  const shortest = duration / MAX_SERIES_POINTS;
  if (!(requested > 0 && requested >= shortest && requested !== Infinity)) {
    throw new RangeError(
      `sampleInterval must be a finite number of ms of at least ${shortest} (the duration / ${MAX_SERIES_POINTS}); got ${requested}`,
    );
  }
  return requested;
}
