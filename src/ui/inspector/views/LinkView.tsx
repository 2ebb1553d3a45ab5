/**
 * The selected link: its ends (fixed: connect other nodes to make another link), its kind, the
 * protocol and what it costs, the network's latency and loss, and the timeout of calls over it;
 * during a run, its breaker and bulkhead at the playhead.
 */
import { useId } from 'react';
import { PROTOCOL_PROFILES, PROTOCOLS, type Protocol } from '../../../model/index.ts';
import type { LinkInput } from '../../../store/document/commands.ts';
import { BreakerDetail } from '../../resilience/BreakerDetail.tsx';
import { useStores } from '../../app/stores.tsx';
import { DistributionEditor } from '../fields/DistributionEditor.tsx';
import { PercentField } from '../fields/PercentField.tsx';
import { ReadOnlyField } from '../fields/ReadOnlyField.tsx';
import { SelectField } from '../fields/SelectField.tsx';
import { useEffectiveSettings } from '../useEffectiveSettings.ts';
import { useCommitter } from '../useFieldValidation.ts';
import { useDescription } from '../useSchemaInfo.ts';
import { ChangesList } from './ChangesList.tsx';
import { LinkMessages } from './LinkMessages.tsx';
import { LinkPolicies } from './LinkPolicies.tsx';

const KIND_LABELS: Readonly<Record<string, string>> = { sync: 'Sync (request/response)' };

/** One line on what the protocols cost per message, from the figures the engine uses. */
export function protocolExplanation(): string {
  const [http, grpc] = [PROTOCOL_PROFILES.http, PROTOCOL_PROFILES.grpc];
  return `Each message pays ${http.overheadMs} ms of encoding with ${http.label}, ${grpc.overheadMs} ms with ${grpc.label}: the gap adds up along a chain of calls.`;
}

export function LinkView({ link, index, id }: { readonly link: LinkInput; readonly index: number; readonly id: string }) {
  const stores = useStores();
  const headingId = useId();
  const path = ['links', index];
  const commitTo = useCommitter({ kind: 'link', id });
  const effective = useEffectiveSettings({ link: id });
  const kind = link.kind ?? 'sync';
  const kindDescription = useDescription([...path, 'kind']);
  const linkDescription = useDescription(path);
  const remove = () => {
    stores.document.getState().dispatch({ type: 'remove', nodeIds: [], linkIds: [id] });
    stores.ui.getState().clearSelection();
  };
  return (
    <section className="inspector-view" aria-labelledby={headingId}>
      <header className="inspector-header">
        <h2 id={headingId}>Link {link.from} → {link.to}</h2>
        <p className="inspector-kind"><strong>Link</strong> — {linkDescription}</p>
      </header>
      <BreakerDetail linkId={id} />
      <ReadOnlyField label="From" value={link.from} description="The caller's end. To join other nodes, connect them on the canvas." />
      <ReadOnlyField label="To" value={link.to} description="The end that receives requests and sends replies." />
      <ReadOnlyField label="Kind" value={KIND_LABELS[kind] ?? kind} description={kindDescription} />
      <SelectField label="Protocol" path={[...path, 'protocol']} value={(effective.protocol as Protocol | undefined) ?? 'http'}
        options={PROTOCOLS.map((p) => ({ value: p, label: PROTOCOL_PROFILES[p].label }))}
        explanation={protocolExplanation()} commit={commitTo('protocol')} />
      <DistributionEditor label="Latency" path={[...path, 'latency']} value={effective.latency} commit={commitTo('latency')} />
      <PercentField label="Loss" path={[...path, 'loss']} value={effective.loss} commit={commitTo('loss')} />
      <LinkPolicies link={link} path={path} id={id} effective={effective} />
      <LinkMessages linkId={id} />
      <ChangesList target={{ link: id }} />
      <div className="inspector-actions">
        <button type="button" className="danger" onClick={remove}>Delete link</button>
      </div>
    </section>
  );
}
