/**
 * The selected node: what it is doing at the playhead (during a run), then every property of it,
 * each explained and validated by the schema. Each kind's properties (client, service, queue,
 * topic, stream, registry, gateway, load balancer) live in their own components; the changes made
 * to it mid-run are listed at the end.
 */
import { useId, lazy, Suspense } from 'react';
import type { NodeInput } from '../../../store/document/commands.ts';
import { useStores } from '../../app/stores.tsx';
import { LockedFields } from '../LockedFields.tsx';
import { ReadOnlyField } from '../fields/ReadOnlyField.tsx';
import { TextField } from '../fields/TextField.tsx';
import { useEffectiveSettings } from '../useEffectiveSettings.ts';
import { useFieldValidation } from '../useFieldValidation.ts';
import { useDescription, useVariantDescription } from '../useSchemaInfo.ts';
import { ChangesList } from './ChangesList.tsx';
import { ClientFields } from './ClientFields.tsx';
import { ConnectField } from './ConnectField.tsx';
import { GatewayFields } from './GatewayFields.tsx';
import { LiveFigures } from './LiveFigures.tsx';
import { ClientTraces } from '../../waterfall/ClientTraces.tsx';
import { LoadBalancerFields } from './LoadBalancerFields.tsx';
import { QueueFields } from './QueueFields.tsx';
import { RegistryFields } from './RegistryFields.tsx';
import { ServiceFields } from './ServiceFields.tsx';
import { StreamFields } from './StreamFields.tsx';
import { TopicFields } from './TopicFields.tsx';

/** Loaded when first shown: charts are not needed for the page's first paint (bench: bundle_initial_kib). */
const HistoryChart = lazy(() => import('../../charts/HistoryChart.tsx').then((m) => ({ default: m.HistoryChart })));

const KIND_NAMES: Readonly<Record<string, string>> = {
  client: 'Client',
  service: 'Service',
  queue: 'Queue',
  topic: 'Topic',
  stream: 'Stream',
  registry: 'Registry',
  gateway: 'Gateway',
  loadBalancer: 'Load balancer',
};

/** The fields of `node`'s own kind. */
function KindFields({
  node,
  index,
  effective,
}: {
  readonly node: NodeInput;
  readonly index: number;
  readonly effective: Record<string, unknown>;
}) {
  switch (node.kind) {
    case 'client':
      return <ClientFields node={node} index={index} effective={effective} />;
    case 'service':
      return <ServiceFields node={node} index={index} effective={effective} />;
    case 'queue':
      return <QueueFields node={node} index={index} effective={effective} />;
    case 'topic':
      return <TopicFields node={node} />;
    case 'stream':
      return <StreamFields node={node} index={index} effective={effective} />;
    case 'registry':
      return <RegistryFields node={node} index={index} effective={effective} />;
    case 'gateway':
      return <GatewayFields node={node} index={index} effective={effective} />;
    case 'loadBalancer':
      return <LoadBalancerFields node={node} index={index} effective={effective} />;
    // A kind this inspector does not know yet shows its id, label and links only.
    default:
      return null;
  }
}

export function NodeView({ node, index }: { readonly node: NodeInput; readonly index: number }) {
  const stores = useStores();
  const headingId = useId();
  const path = ['nodes', index] as const;
  const target = { kind: 'node', id: node.id } as const;
  const effective = useEffectiveSettings({ node: node.id });
  const kindDescription = useVariantDescription(path, node);
  const idDescription = useDescription([...path, 'id']);
  const commitLabel = useFieldValidation(target, 'label');
  const remove = () => {
    stores.document.getState().dispatch({ type: 'remove', nodeIds: [node.id], linkIds: [] });
    stores.ui.getState().clearSelection();
  };
  return (
    <section className="inspector-view" aria-labelledby={headingId}>
      <header className="inspector-header">
        <h2 id={headingId}>{node.label ?? node.id}</h2>
        <p className="inspector-kind">
          <strong>{KIND_NAMES[node.kind] ?? node.kind}</strong> — {kindDescription}
        </p>
      </header>
      <LiveFigures nodeId={node.id} />
      {node.kind === 'client' && <ClientTraces nodeId={node.id} />}
      {(node.kind === 'queue' || node.kind === 'stream') && (
        <Suspense fallback={null}>
          <HistoryChart nodeId={node.id} metric={node.kind === 'queue' ? 'depth' : 'lag'} />
        </Suspense>
      )}
      <ReadOnlyField label="Id" value={node.id} description={idDescription} />
      <LockedFields id={node.id}>
        <TextField label="Label" path={[...path, 'label']} value={node.label} placeholder={node.id} commit={commitLabel} />
        <KindFields node={node} index={index} effective={effective} />
        <ConnectField node={node} />
        <ChangesList target={{ node: node.id }} />
        <div className="inspector-actions">
          <button type="button" className="danger" onClick={remove}>
            Delete node
          </button>
        </div>
      </LockedFields>
    </section>
  );
}
