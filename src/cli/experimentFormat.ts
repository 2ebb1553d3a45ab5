/** The readable tables printed by `npm run sim -- experiment NAME` (without --json). */
import type { EjectionResult, EjectionWindow } from '../experiments/outlierEjection.ts';
import { formatDuration } from '../model/index.ts';
import type { CascadeResult, CascadeVariant } from '../experiments/cascade.ts';
import { JITTERS, type ContentionResult, type ContentionRow } from '../experiments/contention.ts';
import type { SyncAsyncResult, SyncAsyncVariant } from '../experiments/syncVsAsync.ts';

/** A duration for a table cell: whole ms below a second (one decimal below 10 ms), else seconds to two places. */
function cellTime(ms: number): string {
  if (Number.isNaN(ms)) return 'unfinished';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Columns right-aligned under their headers, two spaces apart; the first left-aligned if it holds labels. */
function table(header: readonly string[], rows: readonly (readonly string[])[], labels = true): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 && labels ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The lowest and highest of some ratios, as "1.6–4.4×". */
function ratioRange(ratios: readonly number[]): string {
  const finite = ratios.filter(Number.isFinite);
  if (finite.length === 0) return 'n/a';
  const lo = Math.min(...finite),
    hi = Math.max(...finite);
  return lo.toFixed(1) === hi.toFixed(1) ? `${lo.toFixed(1)}×` : `${lo.toFixed(1)}–${hi.toFixed(1)}×`;
}

/** Two matrices (callers × jitter): the calls sent, and the time until the last caller succeeded. */
export function formatContention(result: ContentionResult): string {
  const { setup, rows } = result;
  const jitters = JITTERS.filter((j) => rows.some((r) => r.jitter === j));
  const callers = [...new Set(rows.map((r) => r.callers))];
  const cell = (jitter: string, n: number) => rows.find((r) => r.jitter === jitter && r.callers === n) as ContentionRow;
  const matrix = (value: (r: ContentionRow) => string) =>
    table(
      ['callers', ...jitters],
      callers.map((n) => [String(n), ...jitters.map((j) => value(cell(j, n)))]),
      false,
    );
  const lines = [
    `${setup.name} — seed ${setup.seed}`,
    `N callers write at once to one store that takes one write at a time (${formatDuration(setup.writeTime)} each, no waiting line);`,
    `a rejected write is retried after exponential backoff: ${formatDuration(setup.base)}, ×${setup.multiplier} per retry, capped at ${formatDuration(setup.cap)}, up to ${setup.maxAttempts} attempts.`,
    '',
    'Calls (attempts, retries included)',
    ...matrix((r) => String(r.calls)),
    '',
    "Time to finish (until the last caller's write succeeded)",
    ...matrix((r) => cellTime(r.timeToFinish)),
  ];
  const unfinished = rows.filter((r) => r.completed < r.callers);
  if (unfinished.length > 0) {
    lines.push(
      '',
      `Unfinished: ${unfinished.map((r) => `${r.jitter} × ${r.callers} (${r.completed} done)`).join(', ')}: raise maxAttempts.`,
    );
  }
  if (jitters.includes('none')) {
    lines.push('');
    for (const j of jitters.filter((x) => x !== 'none')) {
      const calls = callers.map((n) => cell('none', n).calls / cell(j, n).calls);
      const time = callers.map((n) => cell('none', n).timeToFinish / cell(j, n).timeToFinish);
      lines.push(`No jitter vs ${j} jitter: ${ratioRange(calls)} the calls, ${ratioRange(time)} the time.`);
    }
  }
  return lines.join('\n');
}

/** The two variants side by side, one measure a row. */
export function formatCascade(result: CascadeResult): string {
  const vs = result.variants;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const measures: [string, (v: CascadeVariant) => string][] = [
    ['requests sent', (v) => String(v.sent)],
    ['answered', (v) => String(v.ok)],
    ['failed (of which timed out)', (v) => `${v.failed} (${v.timedOut})`],
    ['error/timeout rate', (v) => pct(v.errorRate)],
    ['throughput (answered/s)', (v) => v.throughput.toFixed(1)],
    ['edge latency p50', (v) => cellTime(v.edgeP50)],
    ['edge latency p99', (v) => cellTime(v.edgeP99)],
    ['edge longest line', (v) => String(v.edgeMaxLine)],
    ['edge workers busy', (v) => pct(v.edgeUtilization)],
    ['edge replies too late', (v) => String(v.lateReplies)],
    ["users' latency p50", (v) => cellTime(v.usersP50)],
    ["users' latency p99", (v) => cellTime(v.usersP99)],
    ['answered by fallback', (v) => String(v.fallbacks)],
    ['refused by breaker', (v) => String(v.breakerRefused)],
  ];
  const slow = result.slow ? `; ${result.slow.target} ${result.slow.factor}× slower from ${formatDuration(result.slow.at)}` : '';
  return [
    `Cascade: a slow dependency down a chain of calls (${result.chain.join(' → ')}${slow}) — seed ${result.seed}`,
    '',
    ...table(
      ['', ...vs.map((v) => v.variant)],
      measures.map(([label, value]) => [label, ...vs.map(value)]),
    ),
    '',
    "Edge latency is the edge's time in service (arrival to reply), including requests whose user had given up;",
    "users' latency covers the requests they got an answer to (they give up after their own timeout).",
  ].join('\n');
}

/** The sync-vs-async case study as a table: one column per variant. */
export function formatSyncVsAsync(result: SyncAsyncResult): string {
  const columns = result.variants;
  const rows: [string, (v: SyncAsyncVariant) => string][] = [
    ['checkouts', (v) => String(v.checkouts)],
    ['  answered', (v) => String(v.ok)],
    ['  failed', (v) => String(v.failed)],
    ['  by the fallback', (v) => String(v.fallbacks)],
    ['checkout p50', (v) => cellTime(v.p50)],
    ['checkout p99', (v) => cellTime(v.p99)],
    ['OrderPlaced published', (v) => String(v.published)],
    ['emails sent', (v) => String(v.emails)],
    ['messages lost', (v) => String(v.lost)],
    ['deepest backlog', (v) => String(v.deepest)],
    ['still waiting at the end', (v) => String(v.pending)],
    ['emails sent twice', (v) => String(v.duplicates)],
    ['requests to Order', (v) => String(v.orderRequests)],
    ['email time p50', (v) => cellTime(v.emailP50)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const colWidth = Math.max(...columns.map((v) => v.variant.length)) + 2;
  const lines = [
    `Sync vs async: Order → Payment (sync), Order → order-placed queue → Notification (async); seed ${result.seed}; outages ${result.outage.duration / 1000} s from ${result.outage.at / 1000} s;`,
    '"event only": OrderPlaced carries only the order\'s id, and Notification calls Order back for the rest.',
    '',
    ''.padEnd(width) + columns.map((v) => v.variant.padStart(colWidth)).join(''),
    ...rows.map(([label, cell]) => label.padEnd(width) + columns.map((v) => cell(v).padStart(colWidth)).join('')),
  ];
  return lines.join('\n');
}

/** The outlier-ejection experiment as a table: per window of the run, one column per variant. */
export function formatOutlierEjection(result: EjectionResult): string {
  const vs = result.variants;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const names = ['before', 'while slow', 'after'];
  const rows: string[][] = [];
  result.variants[0].windows.forEach((w, i) => {
    const at = (f: (x: EjectionWindow) => string) => vs.map((v) => f(v.windows[i]));
    rows.push([`${names[i] ?? `window ${i + 1}`} (${formatDuration(w.from)}–${formatDuration(w.to)})`, ...vs.map(() => '')]);
    rows.push(['  requests (failed)', ...at((x) => `${x.sent} (${x.failed})`)]);
    rows.push(['  sent to the slow instance', ...at((x) => pct(x.toSlowInstance))]);
    rows.push(['  slow or failed (> 100 ms)', ...at((x) => pct(x.slowShare))]);
    rows.push(['  latency p50', ...at((x) => cellTime(x.p50))]);
    rows.push(['  latency p99', ...at((x) => cellTime(x.p99))]);
  });
  rows.push(['ejections of the slow instance', ...vs.map((v) => String(v.ejections))]);
  return [
    `Outlier ejection: instance ${result.slow.instance} of three ${result.slow.factor}× slower from ${formatDuration(result.slow.at)} to ${formatDuration(result.slow.until)} — seed ${result.seed}`,
    '',
    ...table(['', ...vs.map((v) => v.variant)], rows),
    '',
    'Latency is the time until a shopper had an answer or gave up (a timed-out request counts with its 250 ms).',
  ].join('\n');
}
