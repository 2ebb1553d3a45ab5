/**
 * A client's properties: the service it sends to (or the queue or topic it publishes to), its workload, its timeout; sending to a
 * gateway, the path of its requests and its bad tokens too. During a run they
 * are shown as they hold at the playhead (a mid-run edit is a change from that moment on).
 */
import type { NodeInput } from '../../../store/document/commands.ts';
import { useDocument } from '../../app/stores.tsx';
import { DurationField } from '../fields/DurationField.tsx';
import { SelectField } from '../fields/SelectField.tsx';
import { WorkloadEditor } from '../fields/WorkloadEditor.tsx';
import { ClientGatewayFields } from './GatewayFields.tsx';
import { linkedTargets, targetLabel } from '../topologyQueries.ts';
import { useCommitter } from '../useFieldValidation.ts';
import type { WorkloadValue } from '../workloads.ts';

type Client = Extract<NodeInput, { kind: 'client' }>;

export function ClientFields({
  node,
  index,
  effective,
}: {
  readonly node: Client;
  readonly index: number;
  readonly effective: Record<string, unknown>;
}) {
  const doc = useDocument((s) => s.document);
  const commitTo = useCommitter({ kind: 'node', id: node.id });
  const linked = linkedTargets(doc, node.id);
  const path = ['nodes', index];
  const target = (effective.target as string | undefined) ?? node.target;
  // Only a gateway reads a request's path and token (the schema refuses them elsewhere).
  const toGateway = doc.nodes.some((n) => n.id === target && n.kind === 'gateway');
  return (
    <>
      <SelectField
        label="Target"
        path={[...path, 'target']}
        value={target}
        options={linked.map((id) => ({ value: id, label: targetLabel(doc, id) }))}
        commit={commitTo('target')}
        explanation={
          linked.length === 0 ? 'Not connected yet: drag from this client to a service, a queue or a topic on the canvas.' : undefined
        }
      />
      <WorkloadEditor path={[...path, 'workload']} workload={effective.workload as WorkloadValue} commit={commitTo('workload')} />
      <DurationField
        label="Timeout"
        path={[...path, 'timeout']}
        value={effective.timeout}
        placeholder="link's timeout"
        commit={commitTo('timeout')}
      />
      {toGateway && <ClientGatewayFields node={node} index={index} effective={effective} />}
    </>
  );
}
