/**
 * `script_sweep_overhead` (issue 22): what running an experiment as a script costs over calling
 * the engine directly. A script sweeps reference.json's web service over 10 worker counts with
 * `run()` (validated, run natively, its report handed to the sandbox as JSON); the direct side
 * runs the same 10 validated scenarios with `simulate`, as a summary-only run (as run() does).
 */
import { readFileSync } from 'node:fs';
import { parseScenario, type ScenarioInput } from '../src/model/index.ts';
import { simulate } from '../src/engine/index.ts';
import { quickJsModule } from '../src/script/runInNode.ts';
import { runInSandbox } from '../src/script/sandbox.ts';
import { median, timeRounds } from './timing.ts';

const WORKERS = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17];

export interface ScriptSweep {
  readonly scriptMs: number;
  readonly directMs: number;
  readonly ratio: number;
  /** One sandbox: a QuickJS runtime and context, the API installed, an empty script run. */
  readonly startMs: number;
  /** Compiling and instantiating the QuickJS wasm module (once per process or worker). */
  readonly loadMs: number;
}

export async function measureScriptSweep(): Promise<ScriptSweep> {
  const text = readFileSync(new URL('../simulations/examples/reference.json', import.meta.url), 'utf8');
  const document = JSON.parse(text) as ScenarioInput;
  const variant = (workers: number): ScenarioInput => ({
    ...document,
    nodes: document.nodes.map((n) => (n.id === 'web' ? { ...n, workers } : n)),
  });
  const scenarios = WORKERS.map((w) => parseScenario(variant(w)));
  const source = `
    const reference = ${text};
    const rows = [];
    for (const workers of ${JSON.stringify(WORKERS)}) {
      const sys = system(reference);
      const web = sys.node('web');
      if (web && web.kind === 'service') web.workers = workers;
      const r = run(sys);
      rows.push({ workers, p99: r.clients['web-users'].latency.p99, completed: r.clients['web-users'].completed });
    }
    table(rows, 'reference.json: web workers');`;

  const loadStarted = performance.now();
  const quickjs = await quickJsModule();
  const loadMs = performance.now() - loadStarted;
  let scriptRows = 0;
  const rounds = timeRounds(
    {
      script: () => {
        const result = runInSandbox(quickjs, source, { timeLimitMs: 600_000 });
        if (result.error) throw new Error(`script_sweep_overhead: the script failed: ${result.error.message}`);
        scriptRows = result.items[0]?.kind === 'table' ? result.items[0].rows.length : 0;
      },
      direct: () => {
        const rows = [];
        for (const [i, s] of scenarios.entries()) {
          const r = simulate(s, { record: 'summary' }).report;
          rows.push({ workers: WORKERS[i], p99: r.clients['web-users'].latency.p99, completed: r.clients['web-users'].completed });
        }
      },
    },
    9,
    1,
  );
  if (scriptRows !== WORKERS.length)
    throw new Error(`script_sweep_overhead: the script published ${scriptRows} rows, not ${WORKERS.length}`);
  const starts: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    runInSandbox(quickjs, '');
    starts.push(performance.now() - t);
  }
  const scriptMs = rounds.ms('script');
  const directMs = rounds.ms('direct');
  // Each round's ratio, both sides on the same machine weather (bench/timing.ts); then their median.
  return { scriptMs, directMs, ratio: rounds.perRound((r) => r.script / r.direct), startMs: median(starts), loadMs };
}
