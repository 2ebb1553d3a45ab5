/**
 * A link's asynchronous options, where they apply: on a producer's link to a stream, how many
 * keys its messages spread over and whether the key chooses the partition (or they go round
 * robin); on a service's publish link to a queue or
 * topic, what a publish carries (the payload, or only "it happened", which makes every consumer
 * call the publisher back); on a call to a service, async HTTP (the callee answers 202 at once
 * and the caller polls for the outcome).
 */
import type { LinkInput } from '../../../store/document/commands.ts';
import { useDocument } from '../../app/stores.tsx';
import { PolicyGroup } from '../fields/PolicyGroup.tsx';
import { NumberField } from '../fields/NumberField.tsx';
import { SelectField } from '../fields/SelectField.tsx';
import type { Commit } from '../useFieldValidation.ts';
import { brokerKind } from '../topologyQueries.ts';

type Settings = Record<string, unknown>;

export function LinkAsyncOptions({
  link,
  path,
  effective,
  commitTo,
}: {
  readonly link: LinkInput;
  readonly path: readonly (string | number)[];
  readonly effective: Settings;
  readonly commitTo: (key: string) => Commit;
}) {
  const doc = useDocument((s) => s.document);
  const fromKind = doc.nodes.find((n) => n.id === link.from)?.kind;
  const toBroker = brokerKind(doc, link.to);
  const toService = doc.nodes.find((n) => n.id === link.to)?.kind === 'service';
  // What a service's publish carries (to a queue, topic or stream); a client cannot be called back, so it sends whole messages.
  const content = toBroker && fromKind === 'service' && (
    <SelectField
      label="Publish carries"
      path={[...path, 'content']}
      value={(effective.content as string | undefined) ?? 'message'}
      options={[
        { value: 'message', label: 'The message (its payload)' },
        { value: 'event', label: 'Only the event: consumers fetch the rest' },
      ]}
      explanation={`With an event, each consumer calls ${link.from} back for the data: link every consumer to it.`}
      commit={commitTo('content')}
    />
  );
  if (toBroker === 'stream') {
    return (
      <>
        <NumberField
          label="Keys"
          unit="keys"
          path={[...path, 'keys']}
          value={effective.keys}
          placeholder="no key (round robin)"
          commit={commitTo('keys')}
        />
        {effective.keys !== undefined && (
          <SelectField
            label="Partition by"
            path={[...path, 'partitionBy']}
            value={(effective.partitionBy as string | undefined) ?? 'key'}
            options={[
              { value: 'key', label: "The key: one key's messages stay in order" },
              { value: 'roundRobin', label: 'Round robin: even spread, no order per key' },
            ]}
            explanation="Order holds only within a partition: spread one key's messages over several and the group reads them in parallel."
            // By key is the default: kept out of the file, so clearing the keys leaves nothing behind.
            commit={(value) => commitTo('partitionBy')(value === 'key' ? undefined : value)}
          />
        )}
        {content}
      </>
    );
  }
  if (content) return content;
  if (!toService || brokerKind(doc, link.from)) return null;
  return (
    <PolicyGroup
      legend="Async HTTP"
      toggle="Accept the job at once (202), then poll until it is done"
      path={[...path, 'polling']}
      value={effective.polling as Settings | undefined}
      enable={{ interval: '1s', multiplier: 1, cap: '30s' }}
      commit={commitTo('polling')}
      settings={[
        { key: 'interval', label: 'First poll after', type: 'duration' },
        { key: 'multiplier', label: 'Each wait', type: 'number', unit: '× the one before' },
        { key: 'cap', label: 'Longest wait', type: 'duration' },
      ]}
    />
  );
}
