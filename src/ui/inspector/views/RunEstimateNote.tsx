/**
 * Under the scenario's Duration: how much work a run of the document is, estimated before it
 * starts (engine/capacity.ts), and whether the page will run it at all (worker/runBudget.ts), so a
 * person sees "≈ 23 T events" while typing a duration, not after the tab has run out of memory.
 */
import { useMemo } from 'react';
import { validateScenario } from '../../../model/index.ts';
import { describeEstimate, estimateRun } from '../../../engine/capacity.ts';
import { browserRefusal } from '../../../worker/runBudget.ts';
import type { DocumentInput } from '../../../store/document/commands.ts';

export function RunEstimateNote({ document }: { readonly document: DocumentInput }) {
  const note = useMemo(() => {
    const result = validateScenario(document);
    if (!result.ok) return undefined;
    const estimate = estimateRun(result.scenario);
    return { text: describeEstimate(estimate), refusal: browserRefusal(estimate) };
  }, [document]);
  if (!note) return null;
  return (
    <p className={note.refusal ? 'inspector-error' : 'inspector-muted'} data-testid="run-estimate">
      {note.refusal ?? `A run: ${note.text} (estimated).`}
    </p>
  );
}
