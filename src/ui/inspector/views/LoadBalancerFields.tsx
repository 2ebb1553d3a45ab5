/**
 * A load balancer's properties: the service whose instances it spreads requests over (one it is
 * linked to; how it spreads them is that link's Load balancing, health checks and discovery), and
 * its own pool and work per request.
 */
import type { NodeInput } from '../../../store/document/commands.ts';
import { useDocument } from '../../app/stores.tsx';
import { DistributionEditor } from '../fields/DistributionEditor.tsx';
import { NumberField } from '../fields/NumberField.tsx';
import { SelectField } from '../fields/SelectField.tsx';
import { linkedServices } from '../topologyQueries.ts';
import { useCommitter } from '../useFieldValidation.ts';

type LoadBalancer = Extract<NodeInput, { kind: 'loadBalancer' }>;

/** The load balancer's fields (see the file comment). */
export function LoadBalancerFields({
  node,
  index,
  effective,
}: {
  readonly node: LoadBalancer;
  readonly index: number;
  readonly effective: Record<string, unknown>;
}) {
  const doc = useDocument((s) => s.document);
  const commitTo = useCommitter({ kind: 'node', id: node.id });
  const linked = linkedServices(doc, node.id);
  const path = ['nodes', index];
  return (
    <>
      <SelectField
        label="Service"
        path={[...path, 'to']}
        value={(effective.to as string | undefined) ?? ''}
        options={linked.map((id) => ({ value: id, label: id }))}
        commit={commitTo('to')}
        explanation={linked.length === 0 ? 'Not connected yet: drag from this load balancer to a service on the canvas.' : undefined}
      />
      <NumberField
        label="Workers"
        unit="requests at once"
        path={[...path, 'workers']}
        value={effective.workers}
        commit={commitTo('workers')}
      />
      <DistributionEditor
        label="Service time"
        path={[...path, 'serviceTime']}
        value={effective.serviceTime}
        commit={commitTo('serviceTime')}
      />
      <p className="inspector-note">How it picks an instance for each request is set on its link to the service: select that link.</p>
    </>
  );
}
