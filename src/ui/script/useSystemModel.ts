/**
 * The JSON tab's model, bound to the document: the person's valid text is applied (debounced) as
 * one `editDocument` command, so it shares the canvas's undo history and a lesson's locks; an
 * invalid text is marked where its problems are (the import's own words) and changes nothing; a
 * change from elsewhere rewrites only what differs. Text the person is fixing (it has problems and
 * the editor has focus) is not overwritten by a change from elsewhere. The model (and with it the
 * JSON language worker) is made when the tab is first shown (`ensure`), not with the panel.
 */
import { useCallback, useEffect, useState } from 'react';
import type { editor } from 'monaco-editor';
import type { DocumentInput } from '../../store/document/commands.ts';
import type { Stores } from '../app/stores.tsx';
import { modelAt, SYSTEM_URI, type Monaco } from './monaco.ts';
import { readSystemText, systemText, type TextProblem } from './systemText.ts';
import { syncText } from './textSync.ts';

/** How long typing must pause before valid text is applied to the canvas, ms. */
export const SYSTEM_APPLY_DELAY_MS = 500;
const OWNER = 'crosstalk-import';
/** How long changes from elsewhere must pause before the text they made is checked again, ms. */
const CHECK_DELAY_MS = 200;

/** What became of the text last: applied, refused (a lesson's locks), or its problems. */
export interface SystemStatus {
  readonly tone: 'ok' | 'error';
  readonly text: string;
}

export function useSystemModel(monaco: Monaco, stores: Stores, editorRef: { readonly current: editor.IStandaloneCodeEditor | undefined }) {
  const [status, setStatus] = useState<SystemStatus | undefined>();
  const [model, setModel] = useState<editor.ITextModel | undefined>(
    () => monaco.editor.getModel(monaco.Uri.parse(SYSTEM_URI)) ?? undefined,
  );
  const ensure = useCallback(() => {
    const made = modelAt(SYSTEM_URI, 'json', systemText(stores.document.getState().document));
    setModel(made);
    return made;
  }, [monaco, stores]);
  useEffect(() => {
    if (!model) return;
    let applied: DocumentInput | undefined;
    let problems = 0;
    let checking: ReturnType<typeof setTimeout> | undefined;
    const mark = (list: readonly TextProblem[]) => {
      problems = list.filter((p) => p.severity === 'error').length;
      monaco.editor.setModelMarkers(
        model,
        OWNER,
        list.map((p) => ({
          severity: p.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          message: p.message,
          startLineNumber: p.startLine,
          startColumn: p.startColumn,
          endLineNumber: p.endLine,
          endColumn: p.endColumn,
        })),
      );
    };
    const check = (text: string) => {
      const result = readSystemText(text, stores.document.getState().document);
      mark(result.ok ? result.warnings : result.problems);
      return result;
    };
    const sync = syncText(model, stores.document, {
      delayMs: SYSTEM_APPLY_DELAY_MS,
      textOf: (document) => {
        if (document === applied) return undefined; // the person's own edit, as they wrote it
        if (problems > 0 && editorRef.current?.hasTextFocus()) return undefined;
        return systemText(document);
      },
      apply: (text) => {
        const result = check(text);
        if (!result.ok) {
          setStatus({
            tone: 'error',
            text: `${problems} problem${problems === 1 ? '' : 's'}: the canvas is unchanged until the text is valid.`,
          });
          return;
        }
        const { document, dispatch } = stores.document.getState();
        if (JSON.stringify(document) === JSON.stringify(result.document)) {
          setStatus(undefined);
          return;
        }
        applied = result.document;
        const refused = dispatch({ type: 'editDocument', document: result.document });
        setStatus(
          refused === undefined ? { tone: 'ok', text: 'Applied to the canvas (Undo takes it back).' } : { tone: 'error', text: refused },
        );
      },
      // A drag on the canvas changes the document every frame: the text follows each, its check once the changes pause.
      onReplaced: () => {
        setStatus(undefined);
        if (checking !== undefined) clearTimeout(checking);
        checking = setTimeout(() => {
          checking = undefined;
          check(model.getValue());
        }, CHECK_DELAY_MS);
      },
    });
    check(model.getValue());
    return () => {
      if (checking !== undefined) clearTimeout(checking);
      sync.dispose();
    };
  }, [monaco, model, stores, editorRef]);
  return { ensure, status };
}
