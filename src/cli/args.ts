/** Command-line arguments of `npm run sim`, parsed without a framework (there are five). */
import { parseDuration } from '../model/index.ts';

export interface SimArgs {
  readonly file: string;
  readonly seed?: number;
  readonly until?: number;
  readonly json: boolean;
  readonly tracePath?: string;
}

export const USAGE = `usage: npm run sim -- FILE [--seed N] [--until DURATION] [--json] [--trace OUT.jsonl]
       npm run sim -- experiment NAME [--seed N] [--json]
       npm run sim -- check LESSON_ID SOLUTION.json

  FILE               a scenario file (JSON), e.g. simulations/examples/mm1.json
  --seed N           run with this seed instead of the scenario's own (0 to 4294967295)
  --until DURATION   how long the run lasts, e.g. 250ms, 60s, 5m (default: the scenario's duration); as the
                     playground's Duration: clients without their own stop send until then, and every rate
                     in the report is over this time
  --json             print one JSON object instead of the readable report
  --trace FILE       write every trace event as one JSON line to FILE

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
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i];
    switch (arg) {
      case '-h': case '--help': return { ok: 'help' };
      case '--json': json = true; break;
      case '--seed': {
        const text = value();
        seed = parseSeed(text);
        if (seed === undefined) return { ok: false, message: seedProblem(text) };
        break;
      }
      case '--until': {
        const text = value();
        const ms = text === undefined ? undefined : parseDuration(text);
        if (ms === undefined || ms <= 0) return { ok: false, message: `--until needs a duration like 250ms, 60s or 5m (got ${text ?? 'nothing'})` };
        until = ms;
        break;
      }
      case '--trace': {
        const text = value();
        if (!text) return { ok: false, message: '--trace needs a file name' };
        tracePath = text;
        break;
      }
      default:
        if (arg.startsWith('-')) return { ok: false, message: `unknown option ${arg}` };
        if (file !== undefined) return { ok: false, message: `only one scenario file, please (got ${file} and ${arg})` };
        file = arg;
    }
  }
  if (file === undefined) return { ok: false, message: 'which scenario file? (e.g. simulations/examples/mm1.json)' };
  return { ok: true, args: { file, seed, until, json, tracePath } };
}
