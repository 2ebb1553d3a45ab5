/** Runs the command line as a person does: a child process, its output and exit code. */
import { spawnSync } from 'node:child_process';

const root = new URL('../../', import.meta.url).pathname;

/**
 * `npm run sim -- ...args`, from the repository's root. A run still going after 60 s is killed
 * (its code is then null), so a run that can never finish fails a test instead of hanging it; one
 * process (node with tsx's loader, not the tsx wrapper), so the kill leaves nothing running.
 */
export function sim(...args: string[]): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    killSignal: 'SIGKILL',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}
