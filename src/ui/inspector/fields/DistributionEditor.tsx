/**
 * A random duration (service time, latency, think time): which distribution, and its parameters.
 * The whole distribution is one value of the document, so each parameter commits the whole of it
 * and a refusal (say, max below min) is shown at the parameter that caused it.
 */
import { useId } from 'react';
import type { DistributionKind } from '../../../model/index.ts';
import { asDistribution, DISTRIBUTION_LABELS, DISTRIBUTION_PARAMS, switchDistribution } from '../distributions.ts';
import type { FieldPath } from '../schemaInfo.ts';
import type { Commit } from '../useFieldValidation.ts';
import { useDefault, useDescription, useVariantDescription } from '../useSchemaInfo.ts';
import { DurationField } from './DurationField.tsx';
import { NumberField } from './NumberField.tsx';
import { SelectField } from './SelectField.tsx';

const KINDS = Object.keys(DISTRIBUTION_LABELS) as DistributionKind[];

export function DistributionEditor({
  label,
  path,
  value,
  commit,
}: {
  readonly label: string;
  readonly path: FieldPath;
  readonly value: unknown;
  readonly commit: Commit;
}) {
  const descriptionId = useId();
  const fallback = useDefault(path);
  const dist = asDistribution(value ?? fallback);
  const description = useDescription(path);
  const kindDescription = useVariantDescription(path, dist);
  return (
    <fieldset className="inspector-group" aria-describedby={description ? descriptionId : undefined}>
      <legend>{label}</legend>
      {description && (
        <p className="inspector-description" id={descriptionId}>
          {description}
        </p>
      )}
      <SelectField
        label="Distribution"
        path={[...path, 'dist']}
        value={dist.dist}
        explanation={kindDescription}
        options={KINDS.map((k) => ({ value: k, label: DISTRIBUTION_LABELS[k] }))}
        commit={(kind) => commit(switchDistribution(dist, kind as DistributionKind))}
      />
      {DISTRIBUTION_PARAMS[dist.dist].map((param) => {
        const props = {
          label: param.label,
          path: [...path, param.key],
          value: dist[param.key],
          description: param.description,
          commit: (v: unknown) => commit({ ...dist, [param.key]: v }),
        };
        return param.type === 'duration' ? (
          <DurationField key={`${dist.dist}.${param.key}`} {...props} />
        ) : (
          <NumberField key={`${dist.dist}.${param.key}`} {...props} />
        );
      })}
    </fieldset>
  );
}
