/**
 * The selected link: its ends (fixed: connect other nodes to make another link), its kind, the
 * protocol and what it costs, the network's latency and loss, and the timeout of calls over it;
 * during a run, its breaker and bulkhead at the playhead. A queue's link to a consumer carries
 * deliveries, not calls: it has a prefetch and the consumer's deduplication instead of policies
 * (those belong to the producer's publish link; redelivery is the queue's visibility timeout). A
 * topic's link to a subscription carries copies, which are calls: it keeps its policies. A
 * stream's link to a consumer names the consumer group it joins and where that group starts
 * reading; its deliveries are calls too (their timeout applies), sent again by the stream on failure.
 * A call to a service says how the caller spreads calls over its instances (load balancing) and
 * whether it ejects a failing one.
 */
import { lazy, Suspense, useId } from 'react';
import { PROTOCOL_PROFILES, PROTOCOLS, type Protocol } from '../../../model/index.ts';
import type { LinkInput } from '../../../store/document/commands.ts';
import { useDocument, useStores } from '../../app/stores.tsx';
import { linkKindSpec } from '../../kinds/linkKinds.ts';
import { DistributionEditor } from '../fields/DistributionEditor.tsx';
import { NumberField } from '../fields/NumberField.tsx';
import { PercentField } from '../fields/PercentField.tsx';
import { DurationField } from '../fields/DurationField.tsx';
import { LockedFields } from '../LockedFields.tsx';
import { ReadOnlyField } from '../fields/ReadOnlyField.tsx';
import { SelectField } from '../fields/SelectField.tsx';
import { TextField } from '../fields/TextField.tsx';
import { useEffectiveSettings } from '../useEffectiveSettings.ts';
import { useCommitter } from '../useFieldValidation.ts';
import { brokerKind } from '../topologyQueries.ts';
import { useDescription } from '../useSchemaInfo.ts';
import { ChangesList } from './ChangesList.tsx';
import { LinkMessages } from './LinkMessages.tsx';
import { LinkPolicies } from './LinkPolicies.tsx';
import { LinkAsyncOptions } from './LinkAsyncOptions.tsx';
import { LinkProtocolFields } from './LinkProtocolFields.tsx';

/** Loaded when first shown (a breaker's detail during a run, a call's load balancing): not needed for the page's first paint. */
const BreakerDetail = lazy(() => import('../../resilience/BreakerDetail.tsx').then((m) => ({ default: m.BreakerDetail })));
const LinkBalancing = lazy(() => import('./LinkBalancing.tsx').then((m) => ({ default: m.LinkBalancing })));

type Broker = ReturnType<typeof brokerKind>;

/**
 * What each end of a link is, by what it joins (a caller and callee, a producer and a broker, a topic and a subscription, a queue and a
 * consumer).
 */
function endDescriptions(from: Broker, to: Broker): { from: string; to: string } {
  if (from === 'queue')
    return {
      from: 'The queue: it delivers messages over this link.',
      to: 'A consumer: it works on each message it gets; its reply is the ack (an error reply, a nack). With replicas, its instances compete for the messages, each within the prefetch, sharing one memory of processed ids.',
    };
  if (from === 'topic')
    return {
      from: 'The topic: it sends a copy of every publish over this link.',
      to: 'A subscription: this queue gets its own copy of each message, for its consumers.',
    };
  if (from === 'stream')
    return {
      from: 'The stream: it delivers each message of the partitions this consumer owns, in order, over this link.',
      to: 'A consumer, a member of its group (with replicas, each instance is one and owns partitions of its own): its success reply commits the offset; an error or timeout sends the same message again.',
    };
  if (to === 'stream')
    return {
      from: 'The producer: it appends over this link and waits only for the confirm, which a stream gives at once.',
      to: 'The stream it appends to.',
    };
  if (to === 'queue')
    return { from: 'The producer: it publishes over this link and waits only for the confirm.', to: 'The queue it publishes to.' };
  if (to === 'topic')
    return {
      from: 'The producer: it publishes over this link and waits only for the confirm, which a topic gives at once.',
      to: 'The topic it publishes to.',
    };
  return {
    from: "The caller's end. To join other nodes, connect them on the canvas.",
    to: 'The end that receives requests and sends replies.',
  };
}

/** A link to a registry carries a service's heartbeats (registering its instances) or a caller's lookups. */
const REGISTRY_ENDS = {
  from: 'A service whose instances register and heartbeat over this link, or a caller that looks services up over it (Discovery on its link to the service).',
  to: 'The registry: it answers at once, without a worker.',
};

/** One line on what the protocols cost per message, from the figures the engine uses. */
export function protocolExplanation(): string {
  const [http, grpc, ws] = [PROTOCOL_PROFILES.http, PROTOCOL_PROFILES.grpc, PROTOCOL_PROFILES.websocket];
  return `Each message pays ${http.overheadMs} ms of encoding with ${http.label}, ${grpc.overheadMs} ms with ${grpc.label}, ${ws.overheadMs} ms with ${ws.label}: the gap adds up along a chain of calls.`;
}

export function LinkView({ link, index, id }: { readonly link: LinkInput; readonly index: number; readonly id: string }) {
  const stores = useStores();
  const headingId = useId();
  const path = ['links', index];
  const commitTo = useCommitter({ kind: 'link', id });
  const effective = useEffectiveSettings({ link: id });
  const doc = useDocument((s) => s.document);
  const from = brokerKind(doc, link.from);
  const toRegistry = doc.nodes.some((n) => n.id === link.to && n.kind === 'registry');
  const ends = toRegistry ? REGISTRY_ENDS : endDescriptions(from, brokerKind(doc, link.to));
  const kindDescription = useDescription([...path, 'kind']);
  const linkDescription = useDescription(path);
  const remove = () => {
    stores.document.getState().dispatch({ type: 'remove', nodeIds: [], linkIds: [id] });
    stores.ui.getState().clearSelection();
  };
  return (
    <section className="inspector-view" aria-labelledby={headingId}>
      <header className="inspector-header">
        <h2 id={headingId}>
          Link {link.from} → {link.to}
        </h2>
        <p className="inspector-kind">
          <strong>Link</strong> — {linkDescription}
        </p>
      </header>
      <Suspense fallback={null}>
        <BreakerDetail linkId={id} />
      </Suspense>
      <ReadOnlyField label="From" value={link.from} description={ends.from} />
      <ReadOnlyField label="To" value={link.to} description={ends.to} />
      <ReadOnlyField label="Kind" value={linkKindSpec(link).label} description={kindDescription} />
      <LockedFields id={id}>
        <SelectField
          label="Protocol"
          path={[...path, 'protocol']}
          value={(effective.protocol as Protocol | undefined) ?? 'http'}
          options={PROTOCOLS.map((p) => ({ value: p, label: PROTOCOL_PROFILES[p].label }))}
          explanation={protocolExplanation()}
          commit={commitTo('protocol')}
        />
        <DistributionEditor label="Latency" path={[...path, 'latency']} value={effective.latency} commit={commitTo('latency')} />
        <PercentField label="Loss" path={[...path, 'loss']} value={effective.loss} commit={commitTo('loss')} />
        {link.kind !== 'async' && from === undefined && !toRegistry && brokerKind(doc, link.to) === undefined && (
          <LinkProtocolFields link={link} path={path} effective={effective} commitTo={commitTo} />
        )}
        <LinkAsyncOptions link={link} path={path} effective={effective} commitTo={commitTo} />
        {from === undefined && doc.nodes.some((n) => n.id === link.to && n.kind === 'service') && (
          <Suspense fallback={null}>
            <LinkBalancing link={link} path={path} id={id} effective={effective} commitTo={commitTo} />
          </Suspense>
        )}
        {from === 'stream' && (
          <>
            <TextField
              label="Consumer group"
              path={[...path, 'group']}
              value={effective.group}
              placeholder={`${link.to} (a group of its own)`}
              commit={commitTo('group')}
            />
            <SelectField
              label="Start from"
              path={[...path, 'startFrom']}
              value={(effective.startFrom as string | undefined) ?? 'earliest'}
              options={[
                { value: 'earliest', label: 'Earliest (the whole retained log)' },
                { value: 'latest', label: 'Latest (only what comes after)' },
              ]}
              commit={commitTo('startFrom')}
            />
            <DurationField
              label="Timeout"
              path={[...path, 'timeout']}
              value={effective.timeout}
              placeholder="30s (the default)"
              commit={commitTo('timeout')}
            />
            <p className="inspector-note">
              The stream itself sends a failed or timed-out delivery again, holding up the partition until it succeeds (or, with the
              stream&apos;s max deliveries, skips it): retries, a breaker or a fallback here would do nothing.
            </p>
          </>
        )}
        {from === 'stream' ? null : from === 'queue' ? (
          <>
            <NumberField
              label="Prefetch"
              unit="messages"
              path={[...path, 'prefetch']}
              value={effective.prefetch}
              placeholder="10"
              commit={commitTo('prefetch')}
            />
            <NumberField
              label="Remember processed ids"
              unit="message ids"
              path={[...path, 'dedupe']}
              value={effective.dedupe}
              placeholder="none (not idempotent)"
              commit={commitTo('dedupe')}
            />
            <p className="inspector-note">
              Deliveries have no timeout, retries or breaker of their own: a message not acknowledged within the queue&apos;s visibility
              timeout is delivered again. Protect the producer&apos;s publish link instead.
            </p>
          </>
        ) : (
          <LinkPolicies link={link} path={path} id={id} effective={effective} />
        )}
        {from === 'topic' && (
          <p className="inspector-note">
            A retry here sends again the copies refused by this subscription while its queue is down; without one, they are lost for it.
          </p>
        )}
      </LockedFields>
      <LinkMessages linkId={id} />
      <LockedFields id={id} quiet>
        <ChangesList target={{ link: id }} />
        <div className="inspector-actions">
          <button type="button" className="danger" onClick={remove}>
            Delete link
          </button>
        </div>
      </LockedFields>
    </section>
  );
}
