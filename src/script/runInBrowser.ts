/**
 * Runs a simulation script in the page, isolated from it (issue 22): in a dedicated worker
 * (`script.worker.ts`) that runs it in QuickJS, so the page keeps answering whatever the script
 * does. QuickJS stops a script at its time limit by itself; if the worker has not answered by
 * the limit plus a grace period (a long `run()` in the engine cannot be interrupted), or on
 * `cancel()`, the worker is terminated. An idle worker is kept for the next run.
 */
import { DEFAULT_SCRIPT_TIME_LIMIT_MS, type ScriptError, type ScriptItem, type ScriptResult, type ScriptRunOptions } from './output.ts';
import type { ScriptRequest, ScriptResponse } from './workerProtocol.ts';

/** A script run in progress: its result, and a way to stop it early. */
export interface ScriptRun {
  readonly done: Promise<ScriptResult>;
  cancel(): void;
}

/** Time past the limit the worker has to answer before it is terminated, ms (loading QuickJS included). */
export const TERMINATE_GRACE_MS = 2_000;

let idle: Worker | undefined;
let nextId = 1;

function newWorker(): Worker {
  return new Worker(new URL('./script.worker.ts', import.meta.url), { type: 'module', name: 'crosstalk-script' });
}

/**
 * Starts the sandbox's worker ahead of the first run (e.g. when the Script panel opens): a cold
 * start (the worker, its 580 kB chunk, compiling QuickJS's wasm) took ~0.5 s in Chromium here;
 * a run on a warm worker starts in a few ms.
 */
export function prepareScripts(): void {
  idle ??= newWorker();
}

/**
 * Starts `source` (TypeScript) in a sandbox; `done` always resolves (errors are in the result).
 * `onItem`, if given, sees each item as the script publishes it (a long sweep shows progress).
 */
export function startScript(source: string, options: ScriptRunOptions = {}, onItem?: (item: ScriptItem) => void): ScriptRun {
  const worker = idle ?? newWorker();
  idle = undefined;
  const id = nextId++;
  const started = performance.now();
  const items: ScriptItem[] = [];
  let finish: (result: ScriptResult) => void = () => {};
  const done = new Promise<ScriptResult>((resolve) => {
    finish = resolve;
  });
  let settled = false;
  const limit = options.timeLimitMs ?? DEFAULT_SCRIPT_TIME_LIMIT_MS;

  const end = (result: ScriptResult, keepWorker: boolean) => {
    if (settled) return;
    settled = true;
    clearTimeout(watchdog);
    worker.removeEventListener('message', onMessage);
    worker.removeEventListener('error', onError);
    if (keepWorker && !idle) idle = worker;
    else worker.terminate();
    finish(result);
  };
  const stop = (error: ScriptError) => end({ items, error, elapsedMs: performance.now() - started }, false);
  const onMessage = (event: MessageEvent<ScriptResponse>) => {
    const message = event.data;
    if (message.id !== id) return;
    if (message.type === 'item') {
      items.push(message.item);
      onItem?.(message.item);
    } else if (message.type === 'done') end(message.result, message.reusable);
  };
  const onError = (event: ErrorEvent) => {
    event.preventDefault();
    stop({ kind: 'runtime', message: `the script worker failed: ${event.message || 'it could not start'}` });
  };
  worker.addEventListener('message', onMessage);
  worker.addEventListener('error', onError);
  const watchdog = setTimeout(
    () => stop({ kind: 'time', message: `the script ran longer than its limit (${limit / 1000} s) and was stopped` }),
    limit + TERMINATE_GRACE_MS,
  );
  // Only the known options cross (a caller's object may carry what cannot be cloned).
  const { seed, timeLimitMs, memoryLimitMb } = options;
  worker.postMessage({ id, source, options: { seed, timeLimitMs, memoryLimitMb } } satisfies ScriptRequest);
  return { done, cancel: () => stop({ kind: 'cancelled', message: 'the script was stopped' }) };
}
