/**
 * A service's properties: how many instances it runs (replicas), its worker pool and waiting line, how long its work takes, how often
 * it fails, how long it takes to start, its plan of downstream calls, and its inbound protection
 * (a rate limiter, load shedding). During a run the
 * numbers shown are those at the playhead (a mid-run edit is a change from that moment on).
 */
import type { NodeInput } from '../../../store/document/commands.ts';
import { CallPlanEditor } from '../fields/CallPlanEditor.tsx';
import { DistributionEditor } from '../fields/DistributionEditor.tsx';
import { DurationField } from '../fields/DurationField.tsx';
import { LimitField } from '../fields/LimitField.tsx';
import { NumberField } from '../fields/NumberField.tsx';
import { PercentField } from '../fields/PercentField.tsx';
import { PolicyGroup } from '../fields/PolicyGroup.tsx';
import type { Step } from '../callPlan.ts';
import { useCommitter } from '../useFieldValidation.ts';

type Service = Extract<NodeInput, { kind: 'service' }>;

/** With several instances, each has its own pool, line and limits: the fields below are per instance. */
const replicated = (replicas: unknown) => typeof replicas === 'number' && replicas > 1;

export function ServiceFields({
  node,
  index,
  effective,
}: {
  readonly node: Service;
  readonly index: number;
  readonly effective: Record<string, unknown>;
}) {
  const commitTo = useCommitter({ kind: 'node', id: node.id });
  const path = ['nodes', index];
  return (
    <>
      <NumberField
        label="Replicas"
        unit="instances"
        path={[...path, 'replicas']}
        value={effective.replicas}
        commit={commitTo('replicas')}
      />
      <NumberField
        label="Workers"
        unit={replicated(effective.replicas) ? 'per instance' : 'workers'}
        path={[...path, 'workers']}
        value={effective.workers}
        commit={commitTo('workers')}
      />
      <LimitField
        label="Queue capacity"
        unit="requests"
        path={[...path, 'queueCapacity']}
        value={effective.queueCapacity}
        commit={commitTo('queueCapacity')}
      />
      <DistributionEditor
        label="Service time"
        path={[...path, 'serviceTime']}
        value={effective.serviceTime}
        commit={commitTo('serviceTime')}
      />
      <PercentField label="Error rate" path={[...path, 'errorRate']} value={effective.errorRate} commit={commitTo('errorRate')} />
      <DurationField label="Startup time" path={[...path, 'startupTime']} value={effective.startupTime} commit={commitTo('startupTime')} />
      <CallPlanEditor nodeId={node.id} path={[...path, 'calls']} steps={(effective.calls ?? []) as Step[]} commit={commitTo('calls')} />
      <PolicyGroup
        legend="Rate limiter"
        toggle="Limit the rate"
        path={[...path, 'rateLimit']}
        value={effective.rateLimit as Record<string, unknown> | undefined}
        enable={{ rate: 100, burst: 10 }}
        commit={commitTo('rateLimit')}
        settings={[
          { key: 'rate', label: 'Rate', type: 'number', unit: 'req/s' },
          { key: 'burst', label: 'Burst', type: 'number', unit: 'requests' },
        ]}
      />
      <PolicyGroup
        legend="Load shedding"
        toggle="Shed load"
        path={[...path, 'shedding']}
        value={effective.shedding as Record<string, unknown> | undefined}
        enable={{ maxLine: 20 }}
        commit={commitTo('shedding')}
        settings={[
          { key: 'maxLine', label: 'Most waiting', type: 'limit', unit: 'requests' },
          { key: 'maxQueueTime', label: 'Longest wait', type: 'duration' },
        ]}
      />
    </>
  );
}
