/**
 * A service's call plan: the downstream calls it makes after its own work, in order; a parallel
 * step waits for all its calls. Steps can be added, reordered, joined into a parallel step, split
 * back, and removed; each rearrangement is one edit (one undo step), checked by the schema first.
 * Only services this one links to can be called (and queues and topics it links to published to): connecting
 * two nodes on the canvas offers them.
 */
import { useId, useState } from 'react';
import { useDocument } from '../../app/stores.tsx';
import { addCall, nextCallee, type Step } from '../callPlan.ts';
import type { FieldPath } from '../schemaInfo.ts';
import { linkedTargets, targetLabel } from '../topologyQueries.ts';
import type { Commit } from '../useFieldValidation.ts';
import { useDescription } from '../useSchemaInfo.ts';
import { CallStepItem } from './CallStepItem.tsx';

export function CallPlanEditor({
  nodeId,
  path,
  steps,
  commit,
}: {
  readonly nodeId: string;
  readonly path: FieldPath;
  readonly steps: readonly Step[];
  readonly commit: Commit;
}) {
  const descriptionId = useId();
  const description = useDescription(path);
  const doc = useDocument((s) => s.document);
  const linked = linkedTargets(doc, nodeId);
  const labels = linked.map((id) => targetLabel(doc, id));
  const gateways = new Map(
    doc.nodes.flatMap((n) =>
      n.kind === 'gateway' && linked.includes(n.id) ? [[n.id, (n.routes ?? []).map((r) => r.prefix)] as const] : [],
    ),
  );
  const [error, setError] = useState<string | undefined>();
  const apply = (next: Step[]) => setError(commit(next));
  const callee = nextCallee(steps, linked);
  return (
    <fieldset className="inspector-group" aria-describedby={descriptionId}>
      <legend>Calls</legend>
      <p className="inspector-description" id={descriptionId}>
        {description}
      </p>
      {error !== undefined && (
        <p className="inspector-error" role="alert">
          {error} — not applied
        </p>
      )}
      {steps.length === 0 ? (
        <p className="inspector-note">No downstream calls: it replies as soon as its own work is done.</p>
      ) : (
        <ol className="inspector-plan">
          {steps.map((_, i) => (
            <CallStepItem
              key={i}
              steps={steps}
              index={i}
              path={path}
              linked={linked}
              labels={labels}
              gateways={gateways}
              apply={apply}
              commit={commit}
            />
          ))}
        </ol>
      )}
      <button type="button" disabled={callee === undefined} onClick={() => callee !== undefined && apply(addCall(steps, callee))}>
        Add call
      </button>
      {linked.length === 0 && (
        <p className="inspector-note">
          Connect this service to another one on the canvas to call it, or to a queue or topic to publish to it.
        </p>
      )}
    </fieldset>
  );
}
