/**
 * Runs a simulation script in the page, isolated from it (issue 22). PLACEHOLDER until the script
 * runtime lands: it refuses every script, so nothing pretends to run.
 */
import type { ScriptResult, ScriptRunOptions } from './output.ts';

/** A script run in progress: its result, and a way to stop it early. */
export interface ScriptRun {
  readonly done: Promise<ScriptResult>;
  cancel(): void;
}

/** Starts `source` (TypeScript) in a sandbox; `done` always resolves (errors are in the result). */
export function startScript(source: string, options: ScriptRunOptions = {}): ScriptRun {
  void source;
  void options;
  return { done: Promise.resolve({ items: [], error: { kind: 'refused', message: 'The script runtime is not built yet' }, elapsedMs: 0 }), cancel: () => {} };
}
