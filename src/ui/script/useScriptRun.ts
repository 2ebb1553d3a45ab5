/**
 * Running the script: one run at a time (a new Run stops the one before), Stop cancels it, and the
 * result stays until the next one. A runtime error with a place in the script is also marked on
 * the script's text.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { editor } from 'monaco-editor';
import { DEFAULT_SCRIPT_TIME_LIMIT_MS, type ScriptResult } from '../../script/output.ts';
import { startScript, type ScriptRun } from '../../script/runInBrowser.ts';
import type { Monaco } from './monaco.ts';

const OWNER = 'crosstalk-run';

/** `publish`: told each finished run's result (the ui store keeps the last, for a lesson's script task). */
export function useScriptRun(monaco: Monaco, model: editor.ITextModel, publish?: (result: ScriptResult) => void) {
  const [result, setResult] = useState<ScriptResult | undefined>();
  const [running, setRunning] = useState(false);
  const current = useRef<ScriptRun | undefined>(undefined);
  const run = useCallback(
    (source: string, seed: number) => {
      current.current?.cancel();
      monaco.editor.setModelMarkers(model, OWNER, []);
      const started = startScript(source, { seed, timeLimitMs: DEFAULT_SCRIPT_TIME_LIMIT_MS });
      current.current = started;
      setRunning(true);
      void started.done.then((outcome) => {
        if (current.current !== started) return; // a newer run replaced it
        current.current = undefined;
        setResult(outcome);
        setRunning(false);
        publish?.(outcome);
        const error = outcome.error;
        if (error?.line !== undefined && !model.isDisposed()) {
          const line = Math.min(error.line, model.getLineCount());
          monaco.editor.setModelMarkers(model, OWNER, [
            {
              severity: monaco.MarkerSeverity.Error,
              message: error.message,
              startLineNumber: line,
              startColumn: error.column ?? 1,
              endLineNumber: line,
              endColumn: model.getLineMaxColumn(line),
            },
          ]);
        }
      });
    },
    [monaco, model, publish],
  );
  const stop = useCallback(() => current.current?.cancel(), []);
  useEffect(() => () => current.current?.cancel(), []);
  return { result, running, run, stop };
}
