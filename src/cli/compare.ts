/**
 * `npm run sim -- compare A.json B.json [--seeds 1..20] [--until DURATION] [--json]`: runs both
 * scenarios on the same seeds and prints, per client, B − A of the mean and p50/p95/p99 latency
 * and of the success rate, each with its 95 % confidence interval over the seeds
 * (src/experiments/compare.ts). Exit 0 done, 2 a file or an argument is wrong (its problems listed).
 */
import { readFileSync } from 'node:fs';
import {
  describeMore,
  describeProblem,
  parseDuration,
  summarizeProblems,
  validateScenarioText,
  withDuration,
  type Scenario,
} from '../model/index.ts';
import { estimateRun } from '../engine/index.ts';
import { COMPARE_METRICS, compareScenarios, parseSeeds, type CompareMetric, type Comparison } from '../experiments/compare.ts';
import type { Interval } from '../experiments/confidence.ts';
import { budgetRefusal, CLI_MAX_BYTES, CLI_MAX_EVENTS } from './budget.ts';

/** Where the command writes (main.ts's CliOutput, named here without importing main.ts, which imports this file). */
interface CliOutput {
  log(text: string): void;
  error(text: string): void;
}

const USAGE = 'usage: npm run sim -- compare A.json B.json [--seeds 1..20] [--until DURATION] [--json]';

/** Runs `compare …` and returns the exit code. */
export function compareCommand(argv: readonly string[], io: CliOutput): number {
  const files: string[] = [];
  let seeds = parseSeeds('1..20') as number[];
  let until: number | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--seeds') {
      const parsed = parseSeeds(argv[++i] ?? '');
      if (!parsed) {
        io.error(`--seeds needs seeds like 1..20, 7 or 1,2,5 (at most 10,000; got ${argv[i] ?? 'nothing'})\n${USAGE}`);
        return 2;
      }
      seeds = parsed;
    } else if (arg === '--until') {
      const ms = parseDuration(argv[++i] ?? '');
      if (ms === undefined || ms <= 0) {
        io.error(`--until needs a duration like 250ms, 60s or 5m (got ${argv[i] ?? 'nothing'})\n${USAGE}`);
        return 2;
      }
      until = ms;
    } else if (arg === '-h' || arg === '--help') {
      io.log(USAGE);
      return 0;
    } else if (arg.startsWith('-')) {
      io.error(`unknown option ${arg}\n${USAGE}`);
      return 2;
    } else files.push(arg);
  }
  if (files.length !== 2) {
    io.error(`compare needs two scenario files (got ${files.length})\n${USAGE}`);
    return 2;
  }
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const scenario = load(file, io);
    if (!scenario) return 2;
    const run = withDuration(scenario, until);
    const refusal = budgetRefusal(file, estimateRun(run, { keeps: 'none' }), {
      maxEvents: CLI_MAX_EVENTS / seeds.length,
      maxBytes: CLI_MAX_BYTES,
    });
    if (refusal) {
      io.error(refusal);
      return 2;
    }
    scenarios.push(run);
  }
  const comparison = compareScenarios(scenarios[0], scenarios[1], seeds);
  if (json) io.log(JSON.stringify(comparison));
  else io.log(formatComparison(files[0], files[1], comparison));
  return 0;
}

/** The scenario in `file`, or undefined after saying why it cannot be read or is not valid. */
function load(file: string, io: CliOutput): Scenario | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    io.error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    return undefined;
  }
  const result = validateScenarioText(text);
  if (result.ok) return result.scenario;
  const problems = summarizeProblems(result.problems, result.omittedProblems);
  io.error(`${file} is not a valid scenario (${problems.total.toLocaleString('en')} problem${problems.total === 1 ? '' : 's'}):`);
  for (const p of problems.shown) io.error(`  ${describeProblem(p)}`);
  if (problems.more.length > 0) io.error(`  ${describeMore(problems)}`);
  return undefined;
}

const LABELS: Readonly<Record<CompareMetric, string>> = {
  mean: 'mean latency',
  p50: 'p50 latency',
  p95: 'p95 latency',
  p99: 'p99 latency',
  successRate: 'success rate',
};

/** A figure as read: ms with one decimal, a rate as a percentage. */
function figure(metric: CompareMetric, value: number, signed = false): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '–' : value > 0 ? '+∞' : '−∞';
  const sign = signed && value > 0 ? '+' : '';
  return metric === 'successRate' ? `${sign}${(value * 100).toFixed(2)} %` : `${sign}${value.toFixed(1)} ms`;
}

/** The comparison as a table: per client and metric, A, B, B − A and its interval; `*` where the interval leaves out 0. */
export function formatComparison(fileA: string, fileB: string, c: Comparison): string {
  const seeds =
    c.seeds.length > 1 && c.seeds.at(-1) === c.seeds[0] + c.seeds.length - 1 ? `${c.seeds[0]}..${c.seeds.at(-1)}` : c.seeds.join(',');
  const lines = [
    `B = ${fileB} against A = ${fileA}, ${c.seeds.length} seed${c.seeds.length === 1 ? '' : 's'} (${seeds}); B − A with its 95 % confidence interval`,
    '',
  ];
  const rows: string[][] = [['client', 'metric', 'A', 'B', 'B − A', '95 % interval', '']];
  for (const client of c.clients) {
    for (const m of COMPARE_METRICS) {
      const d: Interval = client.delta[m];
      const significant = d.low > 0 || d.high < 0;
      rows.push([
        client.client,
        LABELS[m],
        figure(m, client.a[m]),
        figure(m, client.b[m]),
        figure(m, d.mean, true),
        `[${figure(m, d.low, true)}, ${figure(m, d.high, true)}]`,
        significant ? '*' : '',
      ]);
    }
  }
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
  for (const r of rows)
    lines.push(
      r
        .map((cell, k) => (k >= 2 && k <= 4 ? cell.padStart(widths[k]) : cell.padEnd(widths[k])))
        .join('  ')
        .trimEnd(),
    );
  lines.push('', '* the interval leaves out 0: a difference the seeds bear out');
  if (c.onlyInA.length > 0) lines.push(`only in A, not compared: ${c.onlyInA.join(', ')}`);
  if (c.onlyInB.length > 0) lines.push(`only in B, not compared: ${c.onlyInB.join(', ')}`);
  return lines.join('\n');
}
