/**
 * A service registry's properties: how often registered instances send a heartbeat, and how long
 * an entry lasts without one (its TTL). Together they decide how long a crashed instance stays
 * listed, stale, for callers that look its service up.
 */
import type { NodeInput } from '../../../store/document/commands.ts';
import { DurationField } from '../fields/DurationField.tsx';
import { useCommitter } from '../useFieldValidation.ts';
import { registrySummary } from '../../kinds/summaries.ts';

type Registry = Extract<NodeInput, { kind: 'registry' }>;

/** The registry's fields, and who uses it (services linked to it register, callers linked to it look up). */
export function RegistryFields({
  node,
  index,
  effective,
}: {
  readonly node: Registry;
  readonly index: number;
  readonly effective: Record<string, unknown>;
}) {
  const commitTo = useCommitter({ kind: 'node', id: node.id });
  const path = ['nodes', index];
  return (
    <>
      <DurationField
        label="Heartbeat interval"
        path={[...path, 'heartbeatInterval']}
        value={effective.heartbeatInterval}
        commit={commitTo('heartbeatInterval')}
      />
      <DurationField label="TTL" path={[...path, 'ttl']} value={effective.ttl} commit={commitTo('ttl')} />
      <p className="inspector-note" data-testid="registry-note">
        Now {registrySummary(node)}: an instance that crashes stays listed for up to the TTL after its last heartbeat, and callers that
        looked it up meanwhile keep sending to it until their next lookup after that. Link a service to this registry to register its
        instances; link a caller to it, and turn on Discovery on its link to the service, to look them up.
      </p>
    </>
  );
}
