/** Runs the command line as a person does: a child process, its output and exit code. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const tsx = join(root, 'node_modules/.bin/tsx');

/** `npm run sim -- ...args`, from the repository's root. */
export function sim(...args: string[]): { code: number | null; out: string; err: string } {
  const result = spawnSync(tsx, ['src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}
