/**
 * Under the scenario's Duration: how much work a run of the document is, estimated before it
 * starts (engine/capacity.ts, in the worker: the page's first load carries none of it), and
 * whether the page will run it at all (worker/runBudget.ts), so a person sees "≈ 23 T events"
 * while typing a duration, not after the tab has run out of memory.
 */
import { useEffect, useState } from 'react';
import type { DocumentInput } from '../../../store/document/commands.ts';
import type { EstimateNote } from '../../../worker/simulationApi.ts';
import { useStores } from '../../app/stores.tsx';

export function RunEstimateNote({ document }: { readonly document: DocumentInput }) {
  const stores = useStores();
  const [note, setNote] = useState<EstimateNote | undefined>();
  useEffect(() => {
    let current = true;
    void stores.run.estimate(document).then(
      (next) => {
        if (current) setNote(next);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [document, stores]);
  if (!note) return null;
  return (
    <p className={note.refusal ? 'inspector-error' : 'inspector-muted'} data-testid="run-estimate">
      {note.refusal ?? `A run: ${note.text} (estimated).`}
    </p>
  );
}
