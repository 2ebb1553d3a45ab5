/**
 * A topic's properties: it has none of its own (the schema gives it an id and a label only), so
 * what it does is who it joins, decided by the links on the canvas: who publishes to it, and the
 * queues subscribed to it (each gets a copy of every publish). Both are listed, read-only.
 */
import type { NodeInput } from '../../../store/document/commands.ts';
import { useDocument } from '../../app/stores.tsx';
import { ReadOnlyField } from '../fields/ReadOnlyField.tsx';
import { topicParties } from '../topologyQueries.ts';

type Topic = Extract<NodeInput, { kind: 'topic' }>;

/** The producers and subscriptions of topic `node`. */
export function TopicFields({ node }: { readonly node: Topic }) {
  const doc = useDocument((s) => s.document);
  const { producers, subscriptions } = topicParties(doc, node.id);
  return (
    <>
      <ReadOnlyField
        label="Producers"
        value={producers.join(', ') || 'none'}
        description={
          producers.length === 0
            ? 'Nothing publishes to it yet: connect a client or a service to it on the canvas.'
            : 'They publish to it and move on: it confirms a publish at once, unless it is down.'
        }
      />
      <ReadOnlyField
        label="Subscriptions"
        value={subscriptions.join(', ') || 'none'}
        description={
          subscriptions.length === 0
            ? 'No queue subscribes to it: what is published to it goes nowhere. Connect it to a queue on the canvas.'
            : 'Each of these queues gets its own copy of every publish, for its own consumers.'
        }
      />
    </>
  );
}
