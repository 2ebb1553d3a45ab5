/**
 * The selected fault of the schedule (picked on the timeline): what it hits (on a service with
 * replicas, every instance or one), when and for how long, its strength, and a button that
 * removes it (undoable, like every document change).
 */
import { useId } from 'react';
import { linkId } from '../../../model/index.ts';
import type { DocumentInput, FaultInput } from '../../../store/document/commands.ts';
import { useDocument, useStores } from '../../app/stores.tsx';
import { describeFault } from '../../faults/faultLabels.ts';
import { CheckboxField } from '../fields/CheckboxField.tsx';
import { DurationField } from '../fields/DurationField.tsx';
import { NumberField } from '../fields/NumberField.tsx';
import { PercentField } from '../fields/PercentField.tsx';
import { ReadOnlyField } from '../fields/ReadOnlyField.tsx';
import { SelectField } from '../fields/SelectField.tsx';
import { mostReplicas } from '../topologyQueries.ts';
import { useCommitter } from '../useFieldValidation.ts';
import { useVariantDescription } from '../useSchemaInfo.ts';

const KIND_LABELS: Readonly<Record<FaultInput['kind'], string>> = {
  crash: 'Crash',
  slow: 'Slow down',
  errors: 'Error rate',
  latency: 'Latency spike',
  loss: 'Packet loss',
  partition: 'Partition',
};

/** How the target field reads, by the kind of node the fault hits. */
const TARGETS: Readonly<Record<string, { readonly label: string; readonly description: string }>> = {
  service: { label: 'Service', description: 'The service it hits.' },
  queue: { label: 'Queue', description: 'The queue it hits: publishes are refused and nothing is delivered while it is down.' },
  topic: {
    label: 'Topic',
    description: 'The topic it hits: publishes are refused while it is down, so its subscriptions get no copies of them.',
  },
  stream: {
    label: 'Stream',
    description:
      'The stream it hits: publishes are refused and nothing is delivered while it is down; its logs survive, commits sent to it meanwhile are lost.',
  },
};

/**
 * The instances a crash, slow-down or error fault may hit, for a service with replicas ("every
 * instance", "instance 1"…), or undefined where there is no choice. A fault naming an instance
 * the service no longer has keeps the select (shown as not available) so it can be put right.
 */
function instanceChoices(doc: DocumentInput, fault: FaultInput): { value: string; label: string }[] | undefined {
  if (fault.kind !== 'crash' && fault.kind !== 'slow' && fault.kind !== 'errors') return undefined;
  // Scaling up during the run brings further instances a fault may hit too.
  const replicas = mostReplicas(doc, fault.target);
  if (replicas < 2 && fault.instance === undefined) return undefined;
  return [
    { value: '', label: 'Every instance' },
    ...Array.from({ length: replicas }, (_, i) => ({ value: String(i + 1), label: `Instance ${i + 1}` })),
  ];
}

export function FaultView({ fault, index }: { readonly fault: FaultInput; readonly index: number }) {
  const stores = useStores();
  const headingId = useId();
  const doc = useDocument((s) => s.document);
  const commitTo = useCommitter({ kind: 'fault', index });
  const path = ['faults', index];
  const kindDescription = useVariantDescription(path, fault);
  const options = (ids: readonly string[]) => ids.map((id) => ({ value: id, label: id }));
  // A crash may also hit a queue, a topic or a stream (a broker outage); the other node faults act on a service's work.
  // Services, gateways and load balancers take every node fault; brokers and registries only a crash (an outage).
  const targets = doc.nodes
    .filter(
      (n) =>
        n.kind === 'service' ||
        n.kind === 'gateway' ||
        n.kind === 'loadBalancer' ||
        (fault.kind === 'crash' && (n.kind === 'queue' || n.kind === 'topic' || n.kind === 'stream' || n.kind === 'registry')),
    )
    .map((n) => n.id);
  const hitKind = 'target' in fault ? doc.nodes.find((n) => n.id === fault.target)?.kind : undefined;
  const hit = TARGETS[hitKind ?? 'service'] ?? TARGETS.service;
  const instances = instanceChoices(doc, fault);
  const remove = () => {
    stores.document.getState().dispatch({ type: 'removeFault', index });
    stores.ui.getState().clearSelection();
  };
  return (
    <section className="inspector-view" aria-labelledby={headingId}>
      <header className="inspector-header">
        <h2 id={headingId}>{describeFault(fault)}</h2>
        <p className="inspector-kind">
          <strong>Fault</strong> — a scheduled failure; the run shows its consequences from its start.
        </p>
      </header>
      <ReadOnlyField label="Kind" value={KIND_LABELS[fault.kind]} description={kindDescription} />
      {'target' in fault && (
        <SelectField
          label={hit.label}
          path={[...path, 'target']}
          value={fault.target}
          options={options(targets)}
          description={hit.description}
          commit={commitTo('target')}
        />
      )}
      {instances && (
        <SelectField
          label="Instance"
          path={[...path, 'instance']}
          value={String(('instance' in fault ? fault.instance : undefined) ?? '')}
          options={instances}
          commit={(v) => commitTo('instance')(v === '' ? undefined : Number(v))}
        />
      )}
      {'link' in fault && (
        <SelectField
          label="Link"
          path={[...path, 'link']}
          value={fault.link}
          options={options((doc.links ?? []).map((l) => linkId(l)))}
          description="The link it hits."
          commit={commitTo('link')}
        />
      )}
      {fault.kind === 'partition' && (
        <>
          <SelectField
            label="Between"
            path={[...path, 'between']}
            value={fault.between[0]}
            options={options(doc.nodes.map((n) => n.id))}
            commit={(id) => commitTo('between')([id, fault.between[1]])}
          />
          <SelectField
            label="And"
            path={[...path, 'between']}
            value={fault.between[1]}
            options={options(doc.nodes.map((n) => n.id))}
            commit={(id) => commitTo('between')([fault.between[0], id])}
          />
          <CheckboxField label="One way" path={[...path, 'oneWay']} value={fault.oneWay ?? false} commit={commitTo('oneWay')} />
        </>
      )}
      <DurationField label="Starts at" path={[...path, 'at']} value={fault.at} commit={commitTo('at')} />
      <DurationField
        label="Lasts"
        path={[...path, 'duration']}
        value={fault.duration}
        placeholder="until the end"
        commit={commitTo('duration')}
      />
      {fault.kind === 'slow' && (
        <NumberField label="Factor" unit="×" path={[...path, 'factor']} value={fault.factor} commit={commitTo('factor')} />
      )}
      {(fault.kind === 'errors' || fault.kind === 'loss') && (
        <PercentField label="Rate" path={[...path, 'rate']} value={fault.rate} commit={commitTo('rate')} />
      )}
      {fault.kind === 'latency' && (
        <DurationField label="Added latency" path={[...path, 'add']} value={fault.add} commit={commitTo('add')} />
      )}
      <div className="inspector-actions">
        <button type="button" className="danger" onClick={remove}>
          Remove fault
        </button>
      </div>
    </section>
  );
}
