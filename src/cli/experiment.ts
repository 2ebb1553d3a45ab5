/**
 * `npm run sim -- experiment NAME [--seed N] [--json]`: runs one of the built-in experiments
 * (src/experiments) and prints its table, or one JSON object with every figure.
 */
import { runCascade } from '../experiments/cascade.ts';
import { runContention } from '../experiments/contention.ts';
import { runSyncVsAsync } from '../experiments/syncVsAsync.ts';
import { runOutlierEjection } from '../experiments/outlierEjection.ts';
import { USAGE, parseSeed, seedProblem } from './args.ts';
import { formatCascade, formatContention, formatOutlierEjection, formatSyncVsAsync } from './experimentFormat.ts';

/** The experiments by name: how to run one with a seed (undefined: its scenario's own), and print it. */
const EXPERIMENTS = {
  contention: (seed: number | undefined, json: boolean) => {
    const result = runContention({ seed });
    return json ? JSON.stringify(result) : formatContention(result);
  },
  cascade: (seed: number | undefined, json: boolean) => {
    const result = runCascade({ seed });
    return json ? JSON.stringify(result) : formatCascade(result);
  },
  'sync-vs-async': (seed: number | undefined, json: boolean) => {
    const result = runSyncVsAsync({ seed });
    return json ? JSON.stringify(result) : formatSyncVsAsync(result);
  },
  'outlier-ejection': (seed: number | undefined, json: boolean) => {
    const result = runOutlierEjection({ seed });
    return json ? JSON.stringify(result) : formatOutlierEjection(result);
  },
} as const;

export type ExperimentName = keyof typeof EXPERIMENTS;
export const EXPERIMENT_NAMES = Object.keys(EXPERIMENTS) as ExperimentName[];

export interface ExperimentArgs {
  readonly name: ExperimentName;
  readonly seed?: number;
  readonly json: boolean;
}

/** Parses the arguments after `experiment`. */
export function parseExperimentArgs(
  argv: readonly string[],
): { ok: true; args: ExperimentArgs } | { ok: false; message: string } | { ok: 'help' } {
  let name: ExperimentName | undefined;
  let seed: number | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '-h':
      case '--help':
        return { ok: 'help' };
      case '--json':
        json = true;
        break;
      case '--seed': {
        const text = argv[++i];
        seed = parseSeed(text);
        if (seed === undefined) return { ok: false, message: seedProblem(text) };
        break;
      }
      default:
        if (arg.startsWith('-')) return { ok: false, message: `unknown option ${arg} (an experiment takes --seed and --json)` };
        if (name !== undefined) return { ok: false, message: `only one experiment, please (got ${name} and ${arg})` };
        if (!(EXPERIMENT_NAMES as string[]).includes(arg))
          return { ok: false, message: `no experiment is called ${arg} (there are: ${EXPERIMENT_NAMES.join(', ')})` };
        name = arg as ExperimentName;
    }
  }
  if (name === undefined) return { ok: false, message: `which experiment? (${EXPERIMENT_NAMES.join(' or ')})` };
  return { ok: true, args: { name, seed, json } };
}

/** Runs `experiment …` and returns the exit code: 0 done, 2 wrong arguments. */
export function experimentCommand(argv: readonly string[]): number {
  const parsed = parseExperimentArgs(argv);
  if (parsed.ok === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (!parsed.ok) {
    console.error(`${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const { name, seed, json } = parsed.args;
  console.log(EXPERIMENTS[name](seed, json));
  return 0;
}
