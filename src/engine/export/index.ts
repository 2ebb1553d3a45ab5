/**
 * A run exported to the tools people already use (issue 23): its spans as OTLP/JSON (Jaeger,
 * Grafana Tempo) or Chrome trace events (Perfetto), its metrics as CSV. The command line's
 * `--otlp`, `--chrome-trace`, `--metrics-csv` and the page's File menu (through the worker) write
 * `exportText`'s answer to a file.
 */
import type { Simulation } from '../simulation.ts';
import { toChromeTrace } from './chromeTrace.ts';
import { exportRunOf, type ExportOptions } from './exportRun.ts';
import { toMetricsCsv } from './metricsCsv.ts';
import { toOtlp } from './otlp.ts';

export { toOtlp, traceIdOf, spanIdOf, unixNano, DEFAULT_EPOCH_MS, type OtlpDocument, type OtlpSpan, type OtlpAttribute } from './otlp.ts';
export { toChromeTrace, type ChromeTrace, type ChromeTraceEvent } from './chromeTrace.ts';
export { toMetricsCsv, METRICS_CSV_HEADER, type MetricsInput } from './metricsCsv.ts';
export { exportRunOf, DEFAULT_MAX_REQUESTS, type ExportRun, type ExportOptions } from './exportRun.ts';

export type ExportFormat = 'otlp' | 'chrome-trace' | 'metrics-csv';

/** The file each format is usually saved as, and its media type. */
export const EXPORT_FILES: Readonly<Record<ExportFormat, { readonly suffix: string; readonly type: string }>> = {
  otlp: { suffix: '.otlp.json', type: 'application/json' },
  'chrome-trace': { suffix: '.trace.json', type: 'application/json' },
  'metrics-csv': { suffix: '.metrics.csv', type: 'text/csv' },
};

/**
 * A simulation's run so far in `format`, as the text of a file (it must keep its rows and calls: a 'full' record without reused call rows).
 */
export function exportText(simulation: Simulation, format: ExportFormat, options: ExportOptions = {}): string {
  if (format === 'metrics-csv')
    return toMetricsCsv({ source: exportRunOf(simulation, { maxRequests: 0 }).source, series: simulation.series });
  const run = exportRunOf(simulation, options);
  return JSON.stringify(format === 'otlp' ? toOtlp(run) : toChromeTrace(run));
}
