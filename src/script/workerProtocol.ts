/** Messages between the page (`runInBrowser.ts`) and the script worker (`script.worker.ts`). */
import type { ScriptItem, ScriptResult, ScriptRunOptions } from './output.ts';

export interface ScriptRequest {
  readonly id: number;
  readonly source: string;
  readonly options: ScriptRunOptions;
}

export type ScriptResponse =
  | { readonly id: number; readonly type: 'item'; readonly item: ScriptItem }
  /** `reusable`: false when the worker is closing (QuickJS aborted) and must not run another script. */
  | { readonly id: number; readonly type: 'done'; readonly result: ScriptResult; readonly reusable: boolean };
