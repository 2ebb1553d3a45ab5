/**
 * A run's metrics over simulated time as CSV, one value a line (`time_ms,kind,id,metric,value`),
 * which a spreadsheet pivots and pandas or Grafana's CSV source read as they are:
 * - per service instance, the engine's samples (series.ts) at each sampling instant: requests in
 *   line, busy workers, and the running totals of replies ok, errors and refusals;
 * - per link, over each sampling interval from `time_ms`: calls sent, calls that ended ok, failed
 *   (error, refusal, loss, a guard's refusal) and timed out, and the round trip of the calls that
 *   ended ok in it (p50, p95, p99, ms, nearest rank), from the trace rows.
 */
import { CallStatus, TraceType } from '../trace/eventTypes.ts';
import type { ServiceSeries } from '../trace/series.ts';
import type { SpanSource } from '../replay/spans.ts';

/** What the CSV reads: the span source (rows, calls, topology) and the engine's samples. */
export interface MetricsInput {
  readonly source: SpanSource;
  readonly series: { readonly times: readonly number[]; readonly interval: number; readonly services: ReadonlyMap<number, ServiceSeries> };
}

export const METRICS_CSV_HEADER = 'time_ms,kind,id,metric,value';

const SERVICE_METRICS: readonly (readonly [string, keyof ServiceSeries])[] = [
  ['line', 'line'],
  ['busy', 'busy'],
  ['ok_total', 'ok'],
  ['errors_total', 'errors'],
  ['rejected_total', 'rejected'],
];

/** A CSV field: quoted when it holds a comma, a quote or a line break. */
const field = (text: string): string => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const num = (n: number): string => String(Math.round(n * 1e6) / 1e6);

/** The run's metrics as CSV text (header line first). */
export function toMetricsCsv({ source, series }: MetricsInput): string {
  const { topology } = source;
  const lines = [METRICS_CSV_HEADER];
  for (let i = 0; i < series.times.length; i++) {
    const t = num(series.times[i]);
    for (const [node, s] of series.services) {
      const id = field(topology.nodeIds[node]);
      for (const [name, key] of SERVICE_METRICS) lines.push(`${t},service,${id},${name},${s[key][i]}`);
    }
  }
  for (const [start, link, values] of linkBuckets(source, series.interval)) {
    const id = field(topology.linkIds[link]);
    for (const [name, value] of values) lines.push(`${num(start)},link,${id},${name},${num(value)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The q-quantile of sorted values, nearest rank (an observed value). */
const rank = (sorted: Float64Array, q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

/** Per interval and link (in time order, then link order): what its calls did in it. */
function linkBuckets(source: SpanSource, interval: number): [number, number, [string, number][]][] {
  const { rows, calls, topology } = source;
  const links = topology.linkIds.length;
  const sentAt = new Float64Array(calls.parent.length).fill(NaN);
  // Round trips kept as numbers (a histogram per bucket would be 26 kB each, and most buckets hold a few calls).
  type Bucket = { sent: number; ok: number; failed: number; timeouts: number; latency: number[] };
  const buckets = new Map<number, Bucket>(); // interval index × links + link
  const at = (t: number, link: number): Bucket => {
    const key = Math.floor(t / interval) * links + link;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { sent: 0, ok: 0, failed: 0, timeouts: 0, latency: [] }));
    return b;
  };
  for (let i = rows.first ?? 0; i < rows.length; i++) {
    const type = rows.type(i);
    if (type !== TraceType.SEND && type !== TraceType.RECEIVE && type !== TraceType.TIMEOUT && type !== TraceType.NOT_PERMITTED) continue;
    const c = rows.a(i),
      t = rows.time(i),
      link = calls.link[c];
    if (type === TraceType.SEND) {
      sentAt[c] = t;
      at(t, link).sent++;
      continue;
    }
    const bucket = at(t, link);
    if (type === TraceType.TIMEOUT) bucket.timeouts++;
    else if (type === TraceType.RECEIVE && rows.b(i) === CallStatus.OK) {
      bucket.ok++;
      if (!Number.isNaN(sentAt[c])) bucket.latency.push(t - sentAt[c]);
    } else bucket.failed++;
  }
  return [...buckets.keys()]
    .sort((x, y) => x - y)
    .map((key) => {
      const b = buckets.get(key) as Bucket;
      const values: [string, number][] = [
        ['calls', b.sent],
        ['ok', b.ok],
        ['failed', b.failed],
        ['timeouts', b.timeouts],
      ];
      if (b.latency.length > 0) {
        const sorted = Float64Array.from(b.latency).sort();
        values.push(['p50_ms', rank(sorted, 0.5)], ['p95_ms', rank(sorted, 0.95)], ['p99_ms', rank(sorted, 0.99)]);
      }
      return [Math.floor(key / links) * interval, key % links, values];
    });
}
