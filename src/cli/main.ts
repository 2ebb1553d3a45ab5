/**
 * `npm run sim -- FILE [--seed N] [--until DURATION] [--json] [--trace OUT.jsonl] [--otlp OUT.json] [--chrome-trace OUT.json]
 * [--metrics-csv OUT.csv] [--max-events N] [--max-memory SIZE] [--force]`
 * `npm run sim -- compare A.json B.json [--seeds 1..20] [--until DURATION] [--json]` (see compare.ts)
 * `npm run sim -- experiment NAME [--seed N] [--json]` (see experiment.ts)
 * `npm run sim -- check LESSON_ID SOLUTION.json` (see check.ts)
 * `npm run sim -- script FILE.ts [--seed N] [--json]` (see script.ts)
 *
 * Runs a scenario headless, or one of the built-in experiments. Exit codes: 0 done; 2 the file or the arguments are wrong, or the run is
 * beyond the budget (the problems or the estimate are listed, no stack trace); 1 anything else (a bug: then the stack trace helps).
 */
import { closeSync, openSync, readFileSync, realpathSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeMore, describeProblem, summarizeProblems, validateScenarioText, withDuration } from '../model/index.ts';
import { buildReport, describeEvent, estimateRun, Simulation } from '../engine/index.ts';
import { budgetRefusal } from './budget.ts';
import { USAGE, parseArgs } from './args.ts';
import { formatReport } from './format.ts';
import { experimentCommand } from './experiment.ts';
import { checkCommand } from './check.ts';
import { DEFAULT_MAX_REQUESTS, exportText } from '../engine/export/index.ts';
import { compareCommand } from './compare.ts';
import { scriptCommand } from './script.ts';

/** Where the command writes: the terminal's stdout and stderr, or a test's buffers. */
export interface CliOutput {
  log(text: string): void;
  error(text: string): void;
}

const terminal: CliOutput = { log: (text) => console.log(text), error: (text) => console.error(text) };

/** Runs `npm run sim` with these arguments, writing to `io`; returns the exit code (a promise for a script). */
export function main(argv: readonly string[], io: CliOutput = terminal): number | Promise<number> {
  // A scenario file named "experiment" can still be run as ./experiment.
  if (argv[0] === 'experiment') return experimentCommand(argv.slice(1));
  if (argv[0] === 'check') return checkCommand(argv.slice(1));
  if (argv[0] === 'compare') return compareCommand(argv.slice(1), io);
  if (argv[0] === 'script') return scriptCommand(argv.slice(1), io);
  const parsed = parseArgs(argv);
  if (parsed.ok === 'help') {
    io.log(USAGE);
    return 0;
  }
  if (!parsed.ok) {
    io.error(`${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const { file, seed, until, json, tracePath, exports, maxEvents, maxBytes, force } = parsed.args;

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    io.error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : reason(error)}`);
    return 2;
  }
  const result = validateScenarioText(text);
  // The first hundred of each in full, the rest counted by kind: a flood stays readable.
  const warnings = summarizeProblems(result.warnings, result.omittedWarnings);
  for (const w of warnings.shown) io.error(describeProblem(w));
  if (warnings.more.length > 0) io.error(`warning: ${describeMore(warnings)}`);
  if (!result.ok) {
    const problems = summarizeProblems(result.problems, result.omittedProblems);
    io.error(`${file} is not a valid scenario (${problems.total.toLocaleString('en')} problem${problems.total === 1 ? '' : 's'}):`);
    for (const p of problems.shown) io.error(`  ${describeProblem(p)}`);
    if (problems.more.length > 0) io.error(`  ${describeMore(problems)}`);
    return 2;
  }

  // --until is the run's length, as the playground's Duration: the run is the scenario with that duration.
  const scenario = withDuration(result.scenario, until);
  // Without --trace nothing reads the rows: a summary-only run, in memory that does not grow with the run
  // where its call rows are reused. Built (not run yet) first, so the budget judges what this run will keep.
  const traced = tracePath !== undefined || exports.length > 0;
  const simulation = new Simulation(scenario, { seed, record: traced ? 'full' : 'summary' });
  const keeps = traced ? 'all' : simulation.rt.calls.reusesRows ? 'none' : 'calls';
  const refusal = force ? undefined : budgetRefusal(file, estimateRun(scenario, { keeps }), { maxEvents, maxBytes });
  if (refusal) {
    io.error(refusal);
    return 2;
  }
  // Open the trace file before the run, so a wrong path is reported at once, not after minutes
  // (and after the budget, so a refused run leaves no empty file behind).
  let traceFile: number | undefined;
  const exportFiles: number[] = [];
  for (const [path, what] of [
    ...(tracePath ? [[tracePath, 'the trace']] : []),
    ...exports.map((e) => [e.path, `the ${e.format} export`]),
  ]) {
    try {
      if (traceFile === undefined && path === tracePath) traceFile = openSync(path, 'w');
      else exportFiles.push(openSync(path, 'w'));
    } catch (error) {
      io.error(`cannot write ${what} to ${path}: ${reason(error)}`);
      return 2;
    }
  }
  simulation.runUntil(scenario.duration);
  const report = buildReport(simulation);
  if (traceFile !== undefined) {
    try {
      writeTrace(traceFile, simulation);
    } catch (error) {
      io.error(`writing the trace to ${tracePath} failed: ${reason(error)}`);
      return 2;
    } finally {
      closeSync(traceFile);
    }
  }
  for (const [i, { format, path }] of exports.entries()) {
    try {
      writeSync(exportFiles[i], exportText(simulation, format));
    } catch (error) {
      io.error(`writing the ${format} export to ${path} failed: ${reason(error)}`);
      return 2;
    } finally {
      closeSync(exportFiles[i]);
    }
  }
  const requests = Object.values(report.clients).reduce((sum, c) => sum + c.sent, 0);
  if (requests > DEFAULT_MAX_REQUESTS && exports.some((e) => e.format !== 'metrics-csv')) {
    io.error(
      `note: the trace exports hold the first ${DEFAULT_MAX_REQUESTS.toLocaleString('en')} of the ${requests.toLocaleString('en')} client requests (shorten the run with --until for others)`,
    );
  }
  if (json) io.log(JSON.stringify(report));
  else io.log(formatReport(result.scenario.name ?? file, report));
  return 0;
}

/** Writes every trace event as one JSON line, in 64 KB pieces (synchronously: errors surface here). */
function writeTrace(fd: number, simulation: Parameters<typeof describeEvent>[0]): void {
  const n = simulation.rt.trace.length;
  let chunk = '';
  for (let i = 0; i < n; i++) {
    chunk += `${JSON.stringify(describeEvent(simulation, i))}\n`;
    if (chunk.length > 1 << 16) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
}

/** A file-system error as a person reads it: "permission denied", "no such directory". */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const plain: Record<string, string> = {
    ENOENT: 'no such directory',
    EACCES: 'permission denied',
    EISDIR: 'it is a directory',
    ENOSPC: 'the disk is full',
    EROFS: 'the file system is read-only',
    ENOTDIR: 'a part of the path is not a directory',
  };
  return (code && plain[code]) ?? (error as Error).message;
}

// The entry when run as a program (not when a test imports `main`).
if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void Promise.resolve(main(process.argv.slice(2))).then((code) => {
    process.exitCode = code;
  });
}
