/**
 * Runs a script in QuickJS (issue 22): a JavaScript engine compiled to WebAssembly, the same in
 * Node and the browser, with its own heap (a memory cap), an interrupt handler (a wall-clock
 * limit that stops even `while (true) {}`) and no access to anything of its host but the API's
 * functions. The engine runs natively on the host side (`host.ts`); only the script's own code
 * is interpreted. Synchronous once the QuickJS module is loaded (`loadQuickJs`).
 */
import type { QuickJSContext, QuickJSHandle, QuickJSWASMModule } from 'quickjs-emscripten-core';
import { compileScript, SCRIPT_FILE, type PositionMap } from './compile.ts';
import { createHost, ScriptStop } from './host.ts';
import { PRELUDE_JS } from './preludeSource.ts';
import {
  DEFAULT_SCRIPT_MEMORY_LIMIT_MB,
  DEFAULT_SCRIPT_TIME_LIMIT_MS,
  type ScriptError,
  type ScriptItem,
  type ScriptResult,
  type ScriptRunOptions,
} from './output.ts';

/**
 * The script's stack. QuickJS's check does not see the host's own stack, which its wasm frames
 * also use: 512 KiB overflowed Node's (a crash, not an error); 128 KiB is about 740 calls deep.
 */
const STACK_BYTES = 128 * 1024;

/** What QuickJS hands back for a thrown value. */
interface Thrown {
  name?: string;
  message?: string;
  stack?: string;
}

/** Runs `source` (TypeScript) to its end or its first error; `onItem` sees each item as it is published. */
export function runInSandbox(
  quickjs: QuickJSWASMModule,
  source: string,
  options: ScriptRunOptions = {},
  onItem?: (item: ScriptItem) => void,
): ScriptResult {
  const started = Date.now();
  const seed = options.seed ?? 1;
  const items: ScriptItem[] = [];
  const done = (error?: ScriptError): ScriptResult => ({ items, ...(error && { error }), elapsedMs: Date.now() - started });
  const compiled = compileScript(source);
  if (!compiled.ok) return done({ kind: 'syntax', message: compiled.message, line: compiled.line, column: compiled.column });

  const timeLimit = options.timeLimitMs ?? DEFAULT_SCRIPT_TIME_LIMIT_MS;
  const deadline = started + timeLimit;
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit((options.memoryLimitMb ?? DEFAULT_SCRIPT_MEMORY_LIMIT_MB) * 1024 * 1024);
  runtime.setMaxStackSize(STACK_BYTES);
  runtime.setInterruptHandler(() => Date.now() > deadline);
  const vm = runtime.newContext();
  // The first stop (invalid system, refusal) is the outcome, even if the script catches its error.
  let stop: ScriptError | undefined;
  try {
    const host = createHost(seed, (item) => {
      items.push(item);
      onItem?.(item);
    });
    const hostObject = vm.newObject();
    for (const [name, fn] of Object.entries(host) as [string, (...args: (string | undefined)[]) => string | undefined][]) {
      vm.newFunction(name, (...args) => {
        try {
          const result = fn(...args.map((a) => (vm.typeof(a) === 'string' ? vm.getString(a) : undefined)));
          return result === undefined ? vm.undefined : vm.newString(result);
        } catch (error) {
          const thrown = errorHere(vm, error instanceof ScriptStop ? 'ScriptStop' : (error as Error).name, (error as Error).message);
          if (error instanceof ScriptStop && !stop) stop = { ...error.error, ...where(vm, thrown, compiled.map) };
          return { error: thrown };
        }
      }).consume((f) => vm.setProp(hostObject, name, f));
    }
    vm.setProp(vm.global, '__crosstalkHost', hostObject);
    hostObject.dispose();
    const prelude = vm.evalCode(
      `(function (host) {\n${PRELUDE_JS}\ninstallApi(host, ${seed >>> 0}, globalThis);\n})(globalThis.__crosstalkHost); delete globalThis.__crosstalkHost;`,
      'crosstalk-prelude.js',
    );
    if (prelude.error) {
      const thrown = dump(vm, prelude.error);
      prelude.error.dispose();
      throw new Error(`the script API failed to start: ${thrown.message}`);
    }
    prelude.value.dispose();

    const result = vm.evalCode(compiled.code, SCRIPT_FILE);
    let error: ScriptError | undefined;
    if (result.error) {
      error = describe(dump(vm, result.error), compiled.map, timeLimit);
      result.error.dispose();
    } else {
      result.value.dispose();
      // Promise callbacks (an async main) run to their end too.
      const jobs = runtime.executePendingJobs(-1);
      if (jobs.error) {
        error = describe(dump(vm, jobs.error), compiled.map, timeLimit);
        jobs.error.dispose();
      }
    }
    return done(stop ?? error);
  } catch (error) {
    // The host's own stack ran out inside QuickJS's wasm (deep recursion where the host's stack is
    // smaller than QuickJS assumed): the module cannot be trusted after that.
    brokenModules.add(quickjs);
    const overflow = error instanceof RangeError && /call stack/i.test(error.message);
    return done(
      overflow
        ? { kind: 'runtime', message: 'InternalError: stack overflow' }
        : { kind: 'runtime', message: `the script sandbox failed: ${(error as Error).message}` },
    );
  } finally {
    try {
      vm.dispose();
      runtime.dispose();
    } catch {
      // QuickJS aborts on freeing a runtime it could not clean up (after some stack overflows):
      // the module is unusable from then on, and its owner must load a fresh one.
      brokenModules.add(quickjs);
    }
  }
}

const brokenModules = new WeakSet<QuickJSWASMModule>();

/** Whether a run aborted this QuickJS module (load a new one before the next run). */
export function isBroken(quickjs: QuickJSWASMModule): boolean {
  return brokenModules.has(quickjs);
}

/**
 * An error made inside the VM, so its stack holds the script's frames that called the host
 * (`vm.newError` records none); `vm.newError` if even that fails (no memory left).
 */
function errorHere(vm: QuickJSContext, name: string, message: string): QuickJSHandle {
  const made = vm.evalCode(
    `(() => { const e = new Error(${JSON.stringify(message)}); e.name = ${JSON.stringify(name)}; return e; })()`,
    'crosstalk-host.js',
  );
  if (!made.error) return made.value;
  made.error.dispose();
  return vm.newError({ name, message });
}

/** The thrown value as plain data (a memory-starved heap may not even manage that). */
function dump(vm: QuickJSContext, handle: QuickJSHandle): Thrown {
  try {
    const value = vm.dump(handle) as unknown;
    if (typeof value === 'object' && value !== null) return value as Thrown;
    return { name: 'Error', message: `the script threw ${typeof value === 'string' ? JSON.stringify(value) : String(value)}` };
  } catch {
    return { name: 'InternalError', message: 'out of memory' };
  }
}

/** The script's own position of the first frame of a stack in the script. */
function position(stack: string | undefined, map: PositionMap): { line?: number; column?: number } {
  const frame = new RegExp(`${SCRIPT_FILE.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(stack ?? '');
  return frame ? map(Number(frame[1]), Number(frame[2])) : {};
}

function where(vm: QuickJSContext, handle: QuickJSHandle, map: PositionMap) {
  const stack = vm.getProp(handle, 'stack').consume((s) => (vm.typeof(s) === 'string' ? vm.getString(s) : undefined));
  return position(stack, map);
}

/** A thrown value as the error a person reads. */
function describe(thrown: Thrown, map: PositionMap, timeLimit: number): ScriptError {
  const at = position(thrown.stack, map);
  const message = thrown.message ?? '';
  if (thrown.name === 'InternalError' && message === 'interrupted') {
    // No position: QuickJS reports the start of the interrupted function, not where it was.
    return { kind: 'time', message: `the script ran longer than its limit (${timeLimit / 1000} s) and was stopped` };
  }
  if (thrown.name === 'InternalError' && (message === 'out of memory' || message === 'string too long')) {
    return { kind: 'memory', message: `the script used more memory than its limit and was stopped (${message})`, ...at };
  }
  // A syntax error met while compiling the script, not one thrown at run time (JSON.parse).
  if (thrown.name === 'SyntaxError' && /^\s*at script\.ts:\d+:\d+\s*$/.test(thrown.stack ?? '')) return { kind: 'syntax', message, ...at };
  return { kind: 'runtime', message: `${thrown.name ?? 'Error'}: ${message}`, ...at };
}
