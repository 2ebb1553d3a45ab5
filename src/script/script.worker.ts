/**
 * The page's script sandbox host (issue 22): a dedicated worker that loads QuickJS (its wasm
 * bundled with the site: no CDN, works offline and under a sub-path) and runs one script at a
 * time. The engine runs natively here, in the worker, so the page keeps answering; the page
 * terminates the worker if a run overstays its limit (`runInBrowser.ts`).
 */
import variant from '@jitl/quickjs-wasmfile-release-sync';
import wasmLocation from '@jitl/quickjs-wasmfile-release-sync/wasm?url';
import { newQuickJSWASMModuleFromVariant, newVariant } from 'quickjs-emscripten-core';
import { isBroken, runInSandbox } from './sandbox.ts';
import type { ScriptRequest, ScriptResponse } from './workerProtocol.ts';

const quickjs = newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmLocation }));
const scope = self as unknown as {
  postMessage(message: ScriptResponse): void;
  close(): void;
  onmessage: ((event: MessageEvent<ScriptRequest>) => void) | null;
};

scope.onmessage = (event) => {
  const { id, source, options } = event.data;
  const failed = (message: string) => {
    scope.postMessage({ id, type: 'done', result: { items: [], error: { kind: 'runtime', message }, elapsedMs: 0 }, reusable: false });
    scope.close();
  };
  void quickjs.then(
    (module) => {
      try {
        const result = runInSandbox(module, source, options, (item) => scope.postMessage({ id, type: 'item', item }));
        // A module QuickJS aborted cannot run again: the page starts a fresh worker next time.
        const reusable = !isBroken(module);
        scope.postMessage({ id, type: 'done', result, reusable });
        if (!reusable) scope.close();
      } catch (error) {
        failed(`the script sandbox failed: ${(error as Error).message}`);
      }
    },
    (error: unknown) => failed(`the script sandbox failed to load: ${(error as Error).message}`),
  );
};
