/**
 * A link's resilience policies, for every call over it: a preset to start from, the attempt
 * timeout and overall deadline (and whether the callee hears of it), retries with backoff, jitter
 * and a budget, a fallback, a circuit breaker and a bulkhead. Turning a policy on fills in its
 * defaults (resilience4j's, for the breaker), each field explained by the schema. During a run,
 * every edit is a change at the playhead, like any other.
 */
import type { LinkInput } from '../../../store/document/commands.ts';
import { LINK_PRESET_LABELS, LINK_PRESETS, presetCommand, presetOf, type LinkPreset } from '../../../store/document/linkPresets.ts';
import { useDocument, useStores } from '../../app/stores.tsx';
import { CheckboxField } from '../fields/CheckboxField.tsx';
import { DurationField } from '../fields/DurationField.tsx';
import { PolicyGroup } from '../fields/PolicyGroup.tsx';
import { SelectField } from '../fields/SelectField.tsx';
import { linkedServices } from '../topologyQueries.ts';
import { editTime, useCommitter } from '../useFieldValidation.ts';

const BACKOFFS = [
  { value: 'none', label: 'None (retry at once)' },
  { value: 'constant', label: 'Constant' },
  { value: 'linear', label: 'Linear' },
  { value: 'exponential', label: 'Exponential' },
];
const JITTERS = [
  { value: 'none', label: 'None' },
  { value: 'full', label: 'Full' },
  { value: 'equal', label: 'Equal' },
  { value: 'decorrelated', label: 'Decorrelated' },
];
const RETRY_ON = [
  { value: 'timeout', label: 'Timeout' },
  { value: 'error', label: 'Error reply' },
  { value: 'rejected', label: 'Rejected (line full, shed, rate limited)' },
  { value: 'refused', label: 'Refused (service down)' },
  { value: 'breakerOpen', label: 'Refused by its own open breaker' },
];

/** resilience4j's circuit-breaker defaults, written out so they show. */
const BREAKER_DEFAULTS = {
  failureRateThreshold: 50,
  slowCallRateThreshold: 100,
  slowCallDuration: '60s',
  waitInOpen: '60s',
  permittedInHalfOpen: 10,
  minimumNumberOfCalls: 100,
  windowType: 'count',
  windowSize: 100,
  automaticTransition: false,
  maxWaitInHalfOpen: 0,
  state: 'closed',
};
const RETRY_DEFAULTS = {
  maxAttempts: 3,
  backoff: 'exponential',
  base: '500ms',
  multiplier: 2,
  cap: '10s',
  jitter: 'none',
  retryOn: ['timeout', 'error', 'rejected', 'refused'],
};

type Settings = Record<string, unknown>;

export function LinkPolicies({
  link,
  path,
  id,
  effective,
}: {
  readonly link: LinkInput;
  readonly path: readonly (string | number)[];
  readonly id: string;
  readonly effective: Settings;
}) {
  const stores = useStores();
  const doc = useDocument((s) => s.document);
  const commitTo = useCommitter({ kind: 'link', id });
  const preset = presetOf(effective);
  const applyPreset = (value: unknown) => {
    stores.document.getState().dispatch(presetCommand(stores.document.getState().document, id, value as LinkPreset, editTime(stores)));
    return undefined;
  };
  const retry = effective.retry as Settings | undefined;
  const fallback = effective.fallback as Settings | undefined;
  const alternatives = linkedServices(doc, link.from).filter((s) => s !== link.to);
  const fallbackKind = (fallback?.kind as string | undefined) ?? 'none';
  const commitFallback = commitTo('fallback');
  return (
    <section className="inspector-policies" aria-label="Resilience">
      <h3 className="inspector-subheading">Resilience</h3>
      <SelectField
        label="Protection"
        path={[...path, 'retry']}
        value={preset ?? 'custom'}
        commit={applyPreset}
        explanation="A starting point for every policy below, applied as one edit (one undo)."
        options={[
          ...(preset ? [] : [{ value: 'custom', label: 'Custom', disabled: true }]),
          ...LINK_PRESETS.map((p) => ({ value: p, label: LINK_PRESET_LABELS[p] })),
        ]}
      />
      <DurationField
        label="Timeout"
        path={[...path, 'timeout']}
        value={effective.timeout}
        placeholder="none (wait forever)"
        commit={commitTo('timeout')}
      />
      <DurationField
        label="Deadline"
        path={[...path, 'deadline']}
        value={effective.deadline}
        placeholder="none"
        commit={commitTo('deadline')}
      />
      <CheckboxField
        label="Tell the callee the deadline"
        path={[...path, 'propagateDeadline']}
        value={effective.propagateDeadline === true}
        commit={commitTo('propagateDeadline')}
      />
      <PolicyGroup
        legend="Retry"
        toggle="Retry failed attempts"
        path={[...path, 'retry']}
        value={retry}
        enable={RETRY_DEFAULTS}
        commit={commitTo('retry')}
        settings={[
          { key: 'maxAttempts', label: 'Attempts', type: 'number', unit: 'in all' },
          { key: 'backoff', label: 'Backoff', type: 'select', options: BACKOFFS },
          { key: 'base', label: 'First wait', type: 'duration' },
          { key: 'multiplier', label: 'Multiplier', type: 'number', unit: '×' },
          { key: 'cap', label: 'Longest wait', type: 'duration' },
          { key: 'jitter', label: 'Jitter', type: 'select', options: JITTERS },
          { key: 'retryOn', label: 'Retry on', type: 'flags', options: RETRY_ON },
        ]}
      >
        <PolicyGroup
          legend="Retry budget"
          toggle="Limit retries to a share of calls"
          path={[...path, 'retry', 'budget']}
          value={retry?.budget as Settings | undefined}
          enable={{ percent: 20, window: '10s', minPerSecond: 10 }}
          commit={(v) => commitTo('retry')({ ...retry, budget: v })}
          settings={[
            { key: 'percent', label: 'Share', type: 'number', unit: '%' },
            { key: 'window', label: 'Window', type: 'duration' },
            { key: 'minPerSecond', label: 'Always allowed', type: 'number', unit: 'per s' },
          ]}
        />
      </PolicyGroup>
      <SelectField
        label="Fallback"
        path={[...path, 'fallback']}
        value={fallbackKind}
        options={[
          { value: 'none', label: 'None: the call fails' },
          { value: 'static', label: 'A default answer' },
          { value: 'cache', label: 'The last good reply' },
          { value: 'service', label: 'Ask another service', disabled: alternatives.length === 0 },
        ]}
        commit={(kind) => commitFallback(kind === 'none' ? undefined : kind === 'service' ? { kind, to: alternatives[0] } : { kind })}
      />
      {fallbackKind === 'cache' && (
        <DurationField
          label="Cache age"
          path={[...path, 'fallback', 'ttl']}
          value={fallback?.ttl}
          placeholder="any"
          commit={(ttl) => commitFallback({ ...fallback, ttl })}
        />
      )}
      {fallbackKind === 'service' && (
        <SelectField
          label="Ask instead"
          path={[...path, 'fallback', 'to']}
          value={String(fallback?.to ?? '')}
          options={alternatives.map((s) => ({ value: s, label: s }))}
          commit={(to) => commitFallback({ ...fallback, to })}
        />
      )}
      <PolicyGroup
        legend="Circuit breaker"
        toggle="Guard with a circuit breaker"
        path={[...path, 'breaker']}
        value={effective.breaker as Settings | undefined}
        enable={BREAKER_DEFAULTS}
        commit={commitTo('breaker')}
        settings={[
          { key: 'failureRateThreshold', label: 'Failure rate', type: 'number', unit: '%' },
          { key: 'slowCallRateThreshold', label: 'Slow-call rate', type: 'number', unit: '%' },
          { key: 'slowCallDuration', label: 'Slow after', type: 'duration' },
          { key: 'minimumNumberOfCalls', label: 'Minimum calls', type: 'number', unit: 'calls' },
          {
            key: 'windowType',
            label: 'Window',
            type: 'select',
            options: [
              { value: 'count', label: 'Last N calls' },
              { value: 'time', label: 'Last N seconds' },
            ],
          },
          { key: 'windowSize', label: 'N', type: 'number' },
          { key: 'waitInOpen', label: 'Wait when open', type: 'duration' },
          { key: 'permittedInHalfOpen', label: 'Trial calls', type: 'number', unit: 'calls' },
          { key: 'automaticTransition', label: 'Go half-open when the wait ends', type: 'boolean' },
          { key: 'maxWaitInHalfOpen', label: 'Longest half-open', type: 'duration' },
          {
            key: 'state',
            label: 'State',
            type: 'select',
            options: [
              { value: 'closed', label: 'Automatic' },
              { value: 'forcedOpen', label: 'Forced open' },
              { value: 'disabled', label: 'Disabled' },
            ],
          },
        ]}
      />
      <PolicyGroup
        legend="Bulkhead"
        toggle="Give these calls a pool of their own"
        path={[...path, 'bulkhead']}
        value={effective.bulkhead as Settings | undefined}
        enable={{ maxConcurrent: 25, maxWaiting: 0 }}
        commit={commitTo('bulkhead')}
        settings={[
          { key: 'maxConcurrent', label: 'At once', type: 'number', unit: 'calls' },
          { key: 'maxWaiting', label: 'Waiting', type: 'number', unit: 'calls' },
          { key: 'maxWait', label: 'Longest wait', type: 'duration' },
        ]}
      />
    </section>
  );
}
