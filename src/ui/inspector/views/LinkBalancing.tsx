/**
 * How a caller spreads its calls over a service's instances (client-side load balancing), on a
 * link to a service: the algorithm, the number of keys when calls are hashed to instances, and
 * outlier ejection (the caller takes an instance that keeps failing out of its rotation for a
 * while), active health checks (the caller probes every instance and sends calls only to those
 * that answer), and discovery (the caller finds the instances in a registry and caches the
 * list). Loaded when a link to a service is first shown: not needed for the page's first paint.
 *
 * Consistent hashing needs a key per call, and keys to a service mean nothing without it (the
 * schema's checks refuse either alone), so choosing it or leaving it sets both at once: one edit,
 * one undo. None of these can change mid-run (the engine builds a link's balancer once): an edit
 * during a run applies from the start, and the run is simulated again.
 */
import { formatPath, LOAD_BALANCING } from '../../../model/index.ts';
import { applyCommand, type LinkInput } from '../../../store/document/commands.ts';
import { sameSimulation } from '../../../store/document/simulationInput.ts';
import { useDocument, useStores } from '../../app/stores.tsx';
import { NumberField } from '../fields/NumberField.tsx';
import { PolicyGroup } from '../fields/PolicyGroup.tsx';
import { SelectField } from '../fields/SelectField.tsx';
import { mostReplicas } from '../topologyQueries.ts';
import { editTime, newProblems, type Commit } from '../useFieldValidation.ts';

type Algorithm = (typeof LOAD_BALANCING)[number];

/** Each algorithm as a learner reads it: a name, and what it does (shown under the choice). */
const ALGORITHMS: Readonly<Record<Algorithm, { readonly label: string; readonly explanation: string }>> = {
  roundRobin: {
    label: 'Round robin (each in turn)',
    explanation: 'Every instance gets the next call in turn: an even share of calls, however long each takes.',
  },
  random: { label: 'Random', explanation: 'Each call goes to an instance picked at random: even on average, lumpy from moment to moment.' },
  leastOutstanding: {
    label: 'Least outstanding (fewest in flight)',
    explanation: "Each call goes to the instance with the fewest of this caller's calls still unanswered: a slow instance gets fewer.",
  },
  powerOfTwo: {
    label: 'Power of two choices',
    explanation:
      'Two instances are picked at random and the call goes to the less busy one: nearly as good as least outstanding, without looking at all of them.',
  },
  consistentHash: {
    label: 'Consistent hashing (by key)',
    explanation:
      'Each call carries a key (a user, a cart…) and the same key always goes to the same instance, as long as it is in rotation; adding an instance moves only about 1/N of the keys.',
  },
};

/** Keys a link gets when consistent hashing is chosen and it has none (the schema asks for some). */
const DEFAULT_KEYS = 100;

/** What turning outlier ejection on sets: the schema's defaults (Envoy's), written out so they show. */
const EJECTION_DEFAULTS = { consecutiveFailures: 5, ejectionTime: '30s', maxEjectedPercent: 50 };
/** What turning health checks or discovery on sets: the schema's defaults, likewise. */
const HEALTH_DEFAULTS = { interval: '5s', timeout: '1s', unhealthyThreshold: 3, healthyThreshold: 2 };
const DISCOVERY_DEFAULTS = { refreshInterval: '10s' };

type Settings = Record<string, unknown>;

export function LinkBalancing({
  link,
  path,
  id,
  effective,
  commitTo,
}: {
  readonly link: LinkInput;
  readonly path: readonly (string | number)[];
  readonly id: string;
  readonly effective: Settings;
  readonly commitTo: (key: string) => Commit;
}) {
  const stores = useStores();
  // The most it runs at any time (a change may scale it up), and whether that is more than it starts with.
  const replicas = useDocument((s) => mostReplicas(s.document, link.to));
  const scaled = useDocument((s) => mostReplicas({ nodes: s.document.nodes }, link.to) < replicas);
  const algorithm = (effective.loadBalancing as Algorithm | undefined) ?? 'roundRobin';
  /** Sets the algorithm, with the keys consistent hashing needs (or without those it would leave behind), as one edit. */
  const choose: Commit = (value) => {
    if (value === algorithm) return undefined;
    const doc = stores.document.getState().document;
    const patch = { loadBalancing: value, keys: value === 'consistentHash' ? (link.keys ?? DEFAULT_KEYS) : undefined };
    const command = { type: 'updateLink', id, patch } as const;
    const candidate = applyCommand(doc, command);
    const problems = newProblems(doc, candidate, formatPath(path));
    if (problems.length > 0) return problems.join('; ');
    stores.document.getState().dispatch(command);
    if (editTime(stores) > 0 && !sameSimulation(doc, candidate)) {
      stores.ui
        .getState()
        .notify('How calls are spread cannot change mid-run, so it applies from the start: the run is simulated again.', 'info');
    }
    return undefined;
  };
  return (
    <section className="inspector-policies" aria-label="Instances of the callee">
      <h3 className="inspector-subheading">Instances of {link.to}</h3>
      <p className="inspector-note" data-testid="balancing-note">
        {replicas > 1
          ? `${link.to} runs ${scaled ? 'up to ' : ''}${replicas} instances: ${link.from} picks one for each call (a retry may go to another).`
          : `This matters once ${link.to} has more than one instance (set its Replicas): ${link.from} then picks one for each call.`}
      </p>
      <SelectField
        label="Load balancing"
        path={[...path, 'loadBalancing']}
        value={algorithm}
        commit={choose}
        explanation={ALGORITHMS[algorithm]?.explanation}
        options={LOAD_BALANCING.map((a) => ({ value: a, label: ALGORITHMS[a].label }))}
      />
      {algorithm === 'consistentHash' && (
        <NumberField
          label="Keys"
          unit="keys"
          path={[...path, 'keys']}
          value={effective.keys}
          placeholder={String(DEFAULT_KEYS)}
          commit={commitTo('keys')}
        />
      )}
      <PolicyGroup
        legend="Outlier ejection"
        toggle="Take an instance that keeps failing out of rotation"
        path={[...path, 'outlierEjection']}
        value={effective.outlierEjection as Settings | undefined}
        enable={EJECTION_DEFAULTS}
        commit={commitTo('outlierEjection')}
        settings={[
          { key: 'consecutiveFailures', label: 'After failures in a row', type: 'number', unit: 'failures' },
          { key: 'ejectionTime', label: 'Out of rotation for', type: 'duration' },
          { key: 'maxEjectedPercent', label: 'At most ejected', type: 'number', unit: '% of instances' },
        ]}
      />
      <PolicyGroup
        legend="Health checks"
        toggle="Probe each instance"
        path={[...path, 'healthCheck']}
        value={effective.healthCheck as Settings | undefined}
        enable={HEALTH_DEFAULTS}
        commit={commitTo('healthCheck')}
        settings={[
          { key: 'interval', label: 'Probe every', type: 'duration' },
          { key: 'timeout', label: 'Probe timeout', type: 'duration' },
          { key: 'unhealthyThreshold', label: 'Unhealthy after', type: 'number', unit: 'failed probes in a row' },
          { key: 'healthyThreshold', label: 'Healthy again after', type: 'number', unit: 'answered probes in a row' },
        ]}
      />
      <PolicyGroup
        legend="Discovery"
        toggle="Find the instances through the registry"
        path={[...path, 'discovery']}
        value={effective.discovery as Settings | undefined}
        enable={DISCOVERY_DEFAULTS}
        commit={commitTo('discovery')}
        settings={[{ key: 'refreshInterval', label: 'Look up again every', type: 'duration' }]}
      />
    </section>
  );
}
