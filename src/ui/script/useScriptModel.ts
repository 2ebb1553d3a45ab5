/**
 * The Script tab's model, bound to the script kept with the document (`script`): typing is saved
 * (debounced) as a settings edit, so the script autosaves, travels in share links and exported
 * files, and comes back with Undo like any edit. A document without a script shows the example.
 */
import { useEffect, useState } from 'react';
import type { Stores } from '../app/stores.tsx';
import { EXAMPLE_SCRIPT } from './exampleScript.ts';
import { modelAt, SCRIPT_URI } from './monaco.ts';
import { syncText, type TextSync } from './textSync.ts';

/** How long typing must pause before the script is saved with the document, ms. */
export const SCRIPT_SAVE_DELAY_MS = 400;

/** The text the Script tab shows for a document's script. */
export const scriptTextOf = (script: string | undefined) => script ?? EXAMPLE_SCRIPT;

export function useScriptModel(stores: Stores) {
  const [model] = useState(() => modelAt(SCRIPT_URI, 'typescript', scriptTextOf(stores.document.getState().document.script)));
  const [sync, setSync] = useState<TextSync | undefined>();
  useEffect(() => {
    const bound = syncText(model, stores.document, {
      delayMs: SCRIPT_SAVE_DELAY_MS,
      textOf: (document) => scriptTextOf(document.script),
      apply: (text) => {
        const { document, dispatch } = stores.document.getState();
        if (text === scriptTextOf(document.script)) return;
        dispatch({ type: 'updateSettings', patch: { script: text } });
      },
    });
    setSync(bound);
    return () => bound.dispose();
  }, [model, stores]);
  return { model, flush: () => sync?.flush() };
}
