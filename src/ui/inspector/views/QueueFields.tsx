/**
 * A queue's properties: how long a delivered message waits for its ack before it is delivered
 * again, after how many deliveries it goes to the dead-letter queue, how many ready messages the
 * queue holds and what happens when it is full; then who publishes to it and who consumes from it
 * (the links on the canvas decide both). Each field is explained and validated by the schema.
 */
import type { NodeInput } from '../../../store/document/commands.ts';
import { useDocument } from '../../app/stores.tsx';
import { DurationField } from '../fields/DurationField.tsx';
import { LimitField } from '../fields/LimitField.tsx';
import { NumberField } from '../fields/NumberField.tsx';
import { ReadOnlyField } from '../fields/ReadOnlyField.tsx';
import { SelectField } from '../fields/SelectField.tsx';
import { queueParties } from '../topologyQueries.ts';
import { useCommitter } from '../useFieldValidation.ts';

type Queue = Extract<NodeInput, { kind: 'queue' }>;

const OVERFLOWS = [
  { value: 'dropHead', label: 'Drop the oldest message' },
  { value: 'rejectPublish', label: 'Refuse the new publish' },
];

/** The fields of queue `node` (at `index` in the document), showing `effective` settings. */
export function QueueFields({
  node,
  index,
  effective,
}: {
  readonly node: Queue;
  readonly index: number;
  readonly effective: Record<string, unknown>;
}) {
  const doc = useDocument((s) => s.document);
  const commitTo = useCommitter({ kind: 'node', id: node.id });
  const path = ['nodes', index];
  const { consumers, producers } = queueParties(doc, node.id);
  return (
    <>
      <DurationField
        label="Visibility timeout"
        path={[...path, 'visibilityTimeout']}
        value={effective.visibilityTimeout}
        commit={commitTo('visibilityTimeout')}
      />
      <NumberField
        label="Max deliveries"
        unit="deliveries"
        path={[...path, 'maxDeliveries']}
        value={effective.maxDeliveries}
        placeholder="no limit"
        commit={commitTo('maxDeliveries')}
      />
      <LimitField
        label="Max length"
        unit="messages"
        path={[...path, 'maxLength']}
        value={effective.maxLength}
        commit={commitTo('maxLength')}
      />
      <SelectField
        label="When full"
        path={[...path, 'overflow']}
        value={(effective.overflow as string | undefined) ?? 'dropHead'}
        options={OVERFLOWS}
        commit={commitTo('overflow')}
      />
      <ReadOnlyField
        label="Producers"
        value={producers.join(', ') || 'none'}
        description={
          producers.length === 0
            ? 'Nothing publishes to it yet: connect a client or a service to it on the canvas.'
            : 'They publish to it and wait only for its confirm.'
        }
      />
      <ReadOnlyField
        label="Consumers"
        value={consumers.join(', ') || 'none'}
        description={
          consumers.length === 0
            ? 'Nothing consumes from it: its messages pile up. Connect it to a service on the canvas.'
            : 'Each message goes to one of them; its reply is the ack (an error reply, a nack).'
        }
      />
    </>
  );
}
