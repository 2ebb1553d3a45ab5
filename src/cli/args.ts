/** Command-line arguments of `npm run sim`, parsed without a framework (there are eight). */
import { parseDuration } from '../model/index.ts';
import { CLI_MAX_BYTES, CLI_MAX_EVENTS } from './budget.ts';
import type { ExportFormat } from '../engine/export/index.ts';

/** The export options and the format each writes. */
const EXPORT_OPTIONS: Readonly<Record<string, ExportFormat>> = {
  '--otlp': 'otlp',
  '--chrome-trace': 'chrome-trace',
  '--metrics-csv': 'metrics-csv',
};

export interface SimArgs {
  readonly file: string;
  readonly seed?: number;
  readonly until?: number;
  readonly json: boolean;
  readonly tracePath?: string;
  /** Export files to write after the run (src/engine/export): OTLP/JSON, Chrome trace events, metrics CSV. */
  readonly exports: readonly { readonly format: ExportFormat; readonly path: string }[];
  /** The run's budget: refused before it starts beyond this many events (trace rows) or bytes kept. */
  readonly maxEvents: number;
  readonly maxBytes: number;
  /** Run whatever the estimate. */
  readonly force: boolean;
}

export const USAGE = `usage: npm run sim -- FILE [--seed N] [--until DURATION] [--json] [--trace OUT.jsonl]
                           [--otlp OUT.json] [--chrome-trace OUT.json] [--metrics-csv OUT.csv]
                           [--max-events N] [--max-memory SIZE] [--force]
       npm run sim -- compare A.json B.json [--seeds 1..20] [--until DURATION] [--json]
       npm run sim -- experiment NAME [--seed N] [--json]
       npm run sim -- check LESSON_ID SOLUTION.json
       npm run sim -- script FILE.ts [--seed N] [--json] [--time-limit SECONDS]

  FILE               a scenario file (JSON), e.g. simulations/examples/mm1.json
  --seed N           run with this seed instead of the scenario's own (0 to 4294967295)
  --until DURATION   how long the run lasts, e.g. 250ms, 60s, 5m (default: the scenario's duration); as the
                     playground's Duration: clients without their own stop send until then, and every rate
                     in the report is over this time
  --json             print one JSON object instead of the readable report
  --trace FILE       write every trace event as one JSON line to FILE
  --otlp FILE        write the client requests' spans (the first 10,000 requests) as OTLP/JSON, which
                     Jaeger (Search > Upload JSON) and Grafana Tempo import
  --chrome-trace FILE  the same spans as Chrome trace events, which Perfetto (ui.perfetto.dev) opens
  --metrics-csv FILE write the run's metrics over time as CSV (time_ms,kind,id,metric,value)
  --max-events N     refuse, before starting, a run estimated at more than N events (trace rows);
                     default ${CLI_MAX_EVENTS}
  --max-memory SIZE  refuse a run estimated to keep more than SIZE of memory (trace and call rows),
                     e.g. 500MB, 16GB; default ${CLI_MAX_BYTES / 1024 ** 3}GB
  --force            run whatever the estimate (it is within about 2x of the truth)

  compare A B        run two scenarios on the same seeds and print, per client, B - A of the mean and
                     p50/p95/p99 latency and the success rate, with 95 % confidence intervals
  experiment NAME    run a built-in experiment and print its table:
    contention       10 to 50 callers retrying against one writer, with each backoff jitter
    cascade          a slow dependency three hops down, without and with timeouts, breaker and fallback
    sync-vs-async    the order flow: Notification down (a queue absorbs it) vs Payment down (sync: checkouts fail)
    outlier-ejection one of three instances turns slow, without and with outlier ejection at the caller`;

/** A seed as typed, or undefined if it is not a whole number from 0 to 2^32 − 1. */
export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text) || Number(text) > 2 ** 32 - 1) return undefined;
  return Number(text);
}

/** What is wrong with a seed `parseSeed` refused. */
export function seedProblem(text: string | undefined): string {
  return `--seed needs a whole number from 0 to 4294967295 (got ${text ?? 'nothing'})`;
}

export type ParsedArgs = { ok: true; args: SimArgs } | { ok: false; message: string } | { ok: 'help' };

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let file: string | undefined;
  let seed: number | undefined;
  let until: number | undefined;
  let json = false;
  let tracePath: string | undefined;
  const exports: { format: ExportFormat; path: string }[] = [];
  let maxEvents = CLI_MAX_EVENTS;
  let maxBytes = CLI_MAX_BYTES;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i];
    switch (arg) {
      case '-h':
      case '--help':
        return { ok: 'help' };
      case '--json':
        json = true;
        break;
      case '--force':
        force = true;
        break;
      case '--max-events': {
        const text = value();
        const n = text !== undefined && /^\d+(\.\d+)?(e\d+)?$/i.test(text) ? Number(text) : NaN;
        if (!(n > 0 && Number.isFinite(n)))
          return { ok: false, message: `--max-events needs a number of events like 500000000 or 5e8 (got ${text ?? 'nothing'})` };
        maxEvents = n;
        break;
      }
      case '--max-memory': {
        const text = value();
        const bytes = text === undefined ? undefined : parseSize(text);
        if (bytes === undefined) return { ok: false, message: `--max-memory needs a size like 500MB or 16GB (got ${text ?? 'nothing'})` };
        maxBytes = bytes;
        break;
      }
      case '--seed': {
        const text = value();
        seed = parseSeed(text);
        if (seed === undefined) return { ok: false, message: seedProblem(text) };
        break;
      }
      case '--until': {
        const text = value();
        const ms = text === undefined ? undefined : parseDuration(text);
        if (ms === undefined || ms <= 0)
          return { ok: false, message: `--until needs a duration like 250ms, 60s or 5m (got ${text ?? 'nothing'})` };
        until = ms;
        break;
      }
      case '--trace': {
        const text = value();
        if (!text) return { ok: false, message: '--trace needs a file name' };
        tracePath = text;
        break;
      }
      case '--otlp':
      case '--chrome-trace':
      case '--metrics-csv': {
        const text = value();
        if (!text) return { ok: false, message: `${arg} needs a file name` };
        exports.push({ format: EXPORT_OPTIONS[arg], path: text });
        break;
      }
      default:
        if (arg.startsWith('-')) return { ok: false, message: `unknown option ${arg}` };
        if (file !== undefined) return { ok: false, message: `only one scenario file, please (got ${file} and ${arg})` };
        file = arg;
    }
  }
  if (file === undefined) return { ok: false, message: 'which scenario file? (e.g. simulations/examples/mm1.json)' };
  return { ok: true, args: { file, seed, until, json, tracePath, exports, maxEvents, maxBytes, force } };
}

const SIZE_UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };

/** `500MB`, `16GB`, `1.5 TB` in bytes (binary units), or undefined. */
export function parseSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb)\s*$/i.exec(text);
  const bytes = match ? Number(match[1]) * SIZE_UNITS[match[2].toLowerCase()] : NaN;
  return bytes > 0 && Number.isFinite(bytes) ? bytes : undefined;
}
