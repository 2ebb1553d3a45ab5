/**
 * Runs a script in Node (the CLI, tests, the bench): the same QuickJS sandbox as the page's
 * worker, loaded from the package's own wasm file. The QuickJS module is loaded once per process.
 */
import variant from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import { isBroken, runInSandbox } from './sandbox.ts';
import type { ScriptItem, ScriptResult, ScriptRunOptions } from './output.ts';

let module: Promise<QuickJSWASMModule> | undefined;

/** The QuickJS WebAssembly module (compiled on first use). */
export function quickJsModule(): Promise<QuickJSWASMModule> {
  module ??= newQuickJSWASMModuleFromVariant(variant);
  return module;
}

/** Runs `source` (TypeScript) in the sandbox; errors are in the result, never thrown. */
export async function runScript(
  source: string,
  options: ScriptRunOptions = {},
  onItem?: (item: ScriptItem) => void,
): Promise<ScriptResult> {
  const quickjs = await quickJsModule();
  const result = runInSandbox(quickjs, source, options, onItem);
  if (isBroken(quickjs)) module = undefined;
  return result;
}
