/**
 * `npm run sim -- FILE [--seed N] [--until DURATION] [--json] [--trace OUT.jsonl]`
 *
 * Runs a scenario headless. Exit codes: 0 done; 2 the file or the arguments are wrong (the
 * problems are listed, no stack trace); 1 anything else (a bug: then the stack trace helps).
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { describeProblem, validateScenarioText } from '../model/index.ts';
import { describeEvent, simulate } from '../engine/index.ts';
import { USAGE, parseArgs } from './args.ts';
import { formatReport } from './format.ts';

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.ok === 'help') { console.log(USAGE); return 0; }
  if (!parsed.ok) { console.error(`${parsed.message}\n\n${USAGE}`); return 2; }
  const { file, seed, until, json, tracePath } = parsed.args;

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    return 2;
  }
  const result = validateScenarioText(text);
  for (const w of result.warnings) console.error(describeProblem(w));
  if (!result.ok) {
    console.error(`${file} is not a valid scenario (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):`);
    for (const p of result.problems) console.error(`  ${describeProblem(p)}`);
    return 2;
  }

  const { simulation, report } = simulate(result.scenario, { seed, until });
  if (tracePath) await writeTrace(tracePath, simulation);
  if (json) console.log(JSON.stringify(report));
  else console.log(formatReport(result.scenario.name ?? file, report));
  return 0;
}

async function writeTrace(path: string, simulation: Parameters<typeof describeEvent>[0]): Promise<void> {
  const out = createWriteStream(path);
  const n = simulation.rt.trace.length;
  let chunk = '';
  for (let i = 0; i < n; i++) {
    chunk += `${JSON.stringify(describeEvent(simulation, i))}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((resolve, reject) => { out.on('error', reject); out.end(() => resolve()); });
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
