/**
 * `npm run sim -- script FILE.ts [--seed N] [--json] [--time-limit SECONDS]`: runs a simulation
 * script headless, in the same QuickJS sandbox as the page, and prints what it published.
 * Exit codes: 0 every check passed; 1 a check failed; 2 the script is invalid (a syntax or
 * runtime error, an invalid system, a limit hit, a refused feature) or the arguments are wrong.
 */
import { readFileSync } from 'node:fs';
import { runScript } from '../script/runInNode.ts';
import { parseSeed, seedProblem } from './args.ts';
import { formatItem, formatScriptError } from './scriptFormat.ts';

export const SCRIPT_USAGE = `usage: npm run sim -- script FILE.ts [--seed N] [--json] [--time-limit SECONDS]

  FILE.ts             a simulation script, e.g. simulations/scripts/capacity-planning.ts
  --seed N            the script's seed: its random() and the runs of systems without a seed of their own
  --json              print the published items as JSON ({ items, error? })
  --time-limit S      stop the script after S seconds of wall-clock time (default 5)

Exit codes: 0 every check passed, 1 a check failed, 2 the script could not run to its end.`;

/** Where the command writes (main.ts's CliOutput; not imported from there, which imports this). */
interface Output {
  log(text: string): void;
  error(text: string): void;
}

export async function scriptCommand(argv: readonly string[], io: Output): Promise<number> {
  let file: string | undefined;
  let seed: number | undefined;
  let json = false;
  let timeLimitMs: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      io.log(SCRIPT_USAGE);
      return 0;
    }
    if (arg === '--json') json = true;
    else if (arg === '--seed') {
      seed = parseSeed(argv[++i]);
      if (seed === undefined) {
        io.error(`${seedProblem(argv[i])}\n\n${SCRIPT_USAGE}`);
        return 2;
      }
    } else if (arg === '--time-limit') {
      const s = Number(argv[++i]);
      if (!(s > 0 && s <= 3600)) {
        io.error(`--time-limit needs a number of seconds from 0 to 3600 (got ${argv[i] ?? 'nothing'})\n\n${SCRIPT_USAGE}`);
        return 2;
      }
      timeLimitMs = s * 1000;
    } else if (arg.startsWith('-')) {
      io.error(`unknown option ${arg}\n\n${SCRIPT_USAGE}`);
      return 2;
    } else if (file !== undefined) {
      io.error(`only one script, please (got ${file} and ${arg})`);
      return 2;
    } else file = arg;
  }
  if (file === undefined) {
    io.error(`which script? (e.g. simulations/scripts/capacity-planning.ts)\n\n${SCRIPT_USAGE}`);
    return 2;
  }
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    io.error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    return 2;
  }
  const result = await runScript(source, { seed, timeLimitMs });
  if (json) io.log(JSON.stringify({ items: result.items, ...(result.error && { error: result.error }) }));
  else for (const item of result.items) io.log(formatItem(item).join('\n'));
  if (result.error) {
    io.error(formatScriptError(file, result.error).join('\n'));
    return 2;
  }
  const checks = result.items.filter((i) => i.kind === 'check');
  const failed = checks.filter((c) => !c.passed);
  if (!json && checks.length > 0) io.log(`\n${checks.length - failed.length} of ${checks.length} checks passed.`);
  return failed.length > 0 ? 1 : 0;
}
