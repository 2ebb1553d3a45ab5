/**
 * `reference_1h_peak_mib`: the peak memory (resident set) of one hour of the reference system,
 * run as the CLI runs it: full (what `--trace` needs: every trace row and call row, kept to be
 * written) and summary-only (the CLI without `--trace`). Each run has a child process to itself,
 * so neither sees the other's heap: `measurePeakMemory` spawns this file, which runs once and
 * prints its figures as JSON.
 *
 *   npx tsx bench/peakMemory.ts full|summary [seconds=3600]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../src/model/index.ts';
import { simulate } from '../src/engine/index.ts';

export interface PeakMemory {
  readonly record: 'full' | 'summary';
  /** Simulated seconds, engine events, trace rows and calls' table rows of the run. */
  readonly seconds: number;
  readonly events: number;
  readonly traceRows: number;
  readonly callRows: number;
  /** Peak resident set of the whole process, MiB (Node and tsx included: about 100 MiB of it). */
  readonly peakMib: number;
  /** Wall time of the run, ms. */
  readonly ms: number;
}

/** Runs one hour (or `seconds`) of reference.json in a child process and returns what it measured. */
export function measurePeakMemory(record: 'full' | 'summary', seconds = 3600): PeakMemory {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), record, String(seconds)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`the ${record} run failed (exit ${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout) as PeakMemory;
}

/**
 * This process's peak resident set, KiB. On Linux from /proc (VmHWM): `getrusage`'s maxRSS
 * carries over across exec, so a child spawned by a large bench process reported the parent's
 * size at the fork (285 MiB for a run that peaks at 111 on its own). Elsewhere maxRSS.
 */
function peakResidentKib(): number {
  try {
    const line = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (line) return Number(line[1]);
  } catch {
    /* not Linux */
  }
  return process.resourceUsage().maxRSS;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const record = process.argv[2] === 'full' ? 'full' : 'summary';
  const seconds = Number(process.argv[3] ?? 3600);
  const base = parseScenario(JSON.parse(readFileSync(new URL('../simulations/examples/reference.json', import.meta.url), 'utf8')));
  // The clients send for the whole hour (a scenario's duration bounds its workloads); the faults stay where they are.
  const scenario = { ...base, duration: seconds * 1000 };
  const t0 = performance.now();
  const { report, simulation } = simulate(scenario, { record });
  const ms = performance.now() - t0;
  const out: PeakMemory = {
    record,
    seconds,
    events: report.events,
    traceRows: report.traceEvents,
    callRows: simulation.rt.calls.capacity,
    peakMib: peakResidentKib() / 1024,
    ms,
  };
  console.log(JSON.stringify(out));
}
