/**
 * What a simulation script produces (issue 22): the contract between the script runtime
 * (`src/script/`, in a worker in the page and in-process in the CLI) and what shows it (the Script
 * panel's output pane, the CLI's printer). Plain data, so it crosses a worker boundary as it is.
 */
import type { Scenario } from '../model/index.ts';

/** A cell of a published table. */
export type ScriptCell = string | number | boolean | null;

/** One thing a script published, in the order it published them. */
export type ScriptItem =
  | {
      readonly kind: 'table';
      readonly title?: string;
      readonly columns: readonly string[];
      readonly rows: readonly (readonly ScriptCell[])[];
    }
  | {
      readonly kind: 'chart';
      readonly title?: string;
      readonly xLabel?: string;
      readonly yLabel?: string;
      readonly series: readonly { readonly name: string; readonly points: readonly (readonly [number, number])[] }[];
    }
  | { readonly kind: 'check'; readonly name: string; readonly passed: boolean; readonly detail?: string }
  | { readonly kind: 'log'; readonly text: string }
  /** `open(system)`: a valid system the learner may put on the canvas. */
  | { readonly kind: 'open'; readonly title?: string; readonly scenario: Scenario };

/** Why a script did not run to its end. */
export interface ScriptError {
  /**
   * `syntax`: the script could not be parsed; `runtime`: it threw; `time`/`memory`: a limit stopped
   * it; `invalid-system`: it built a system that fails validation; `refused`: it used something a
   * script may not (the network, storage, the page, the wall clock); `cancelled`: stopped by `cancel()`.
   */
  readonly kind: 'syntax' | 'runtime' | 'time' | 'memory' | 'invalid-system' | 'refused' | 'cancelled';
  readonly message: string;
  /** 1-based position in the script's own source, when known. */
  readonly line?: number;
  readonly column?: number;
  /** For `invalid-system`: the same problem list an import shows. */
  readonly problems?: readonly string[];
}

/** The outcome of one run of a script. */
export interface ScriptResult {
  readonly items: readonly ScriptItem[];
  /** Undefined when the script ran to its end. */
  readonly error?: ScriptError;
  /** Wall-clock time the run took, ms (not part of the deterministic output). */
  readonly elapsedMs: number;
}

/** How to run a script. */
export interface ScriptRunOptions {
  /** The seed `run()` uses when a script gives none, and the seed of the script's own `random()`. */
  readonly seed?: number;
  /** Wall-clock limit, ms (default 5,000), after which the script is stopped. */
  readonly timeLimitMs?: number;
  /** Memory cap for the script's own heap, MiB (default 256). */
  readonly memoryLimitMb?: number;
}

/** Default limits. */
export const DEFAULT_SCRIPT_TIME_LIMIT_MS = 5_000;
export const DEFAULT_SCRIPT_MEMORY_LIMIT_MB = 256;
