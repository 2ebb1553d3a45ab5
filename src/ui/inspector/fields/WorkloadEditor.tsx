/**
 * A client's workload: the pattern, the pattern's own numbers, and when the client sends. Each
 * input commits the whole workload (it is one value in the document), built on the workload as it
 * holds at the playhead: during a run an edit is a change from then on (a new rate, or a new
 * workload), never a rewrite of the start.
 */
import { useId } from 'react';
import { PATTERN_LABELS, PATTERNS, switchPattern, type WorkloadPattern, type WorkloadValue } from '../workloads.ts';
import type { FieldPath } from '../schemaInfo.ts';
import type { Commit } from '../useFieldValidation.ts';
import { useVariantDescription } from '../useSchemaInfo.ts';
import { DistributionEditor } from './DistributionEditor.tsx';
import { DurationField } from './DurationField.tsx';
import { NumberField } from './NumberField.tsx';
import { SelectField } from './SelectField.tsx';

interface NumberSpec {
  readonly key: string;
  readonly label: string;
  readonly type: 'number' | 'duration';
  readonly unit?: string;
}

const PATTERN_FIELDS: Readonly<Record<WorkloadPattern, readonly NumberSpec[]>> = {
  constant: [{ key: 'rate', label: 'Rate', type: 'number', unit: 'req/s' }],
  poisson: [{ key: 'rate', label: 'Rate', type: 'number', unit: 'req/s' }],
  bursts: [
    { key: 'every', label: 'Every', type: 'duration' },
    { key: 'size', label: 'Burst size', type: 'number', unit: 'requests' },
  ],
  ramp: [
    { key: 'from', label: 'From rate', type: 'number', unit: 'req/s' },
    { key: 'to', label: 'To rate', type: 'number', unit: 'req/s' },
    { key: 'over', label: 'Over', type: 'duration' },
  ],
  closed: [{ key: 'users', label: 'Users', type: 'number', unit: 'users' }],
};

export interface WorkloadEditorProps {
  /** The workload's path in the document (`['nodes', 0, 'workload']`). */
  readonly path: FieldPath;
  /** As it holds at the playhead (what is shown, and what edits build on). */
  readonly workload: WorkloadValue;
  readonly commit: Commit;
}

export function WorkloadEditor({ path, workload, commit }: WorkloadEditorProps) {
  const descriptionId = useId();
  const pattern = (PATTERNS as readonly string[]).includes(workload.pattern) ? (workload.pattern as WorkloadPattern) : 'poisson';
  const patternDescription = useVariantDescription(path, workload);
  const set = (key: string) => (value: unknown) => commit({ ...workload, [key]: value });
  return (
    <fieldset className="inspector-group" aria-describedby={descriptionId}>
      <legend>Workload</legend>
      <p className="inspector-description" id={descriptionId}>
        What this client sends, and when.
      </p>
      <SelectField
        label="Pattern"
        path={[...path, 'pattern']}
        value={pattern}
        explanation={patternDescription}
        options={PATTERNS.map((p) => ({ value: p, label: PATTERN_LABELS[p] }))}
        commit={(p) => commit(switchPattern(workload, p as WorkloadPattern))}
      />
      {PATTERN_FIELDS[pattern].map((spec) => {
        const props = { label: spec.label, path: [...path, spec.key], value: workload[spec.key], commit: set(spec.key) };
        return spec.type === 'duration' ? (
          <DurationField key={`${pattern}.${spec.key}`} {...props} />
        ) : (
          <NumberField key={`${pattern}.${spec.key}`} {...props} unit={spec.unit} />
        );
      })}
      {pattern === 'closed' && (
        <DistributionEditor label="Think time" path={[...path, 'thinkTime']} value={workload.thinkTime} commit={set('thinkTime')} />
      )}
      <DurationField label="Start" path={[...path, 'start']} value={workload.start} placeholder="0ms" commit={set('start')} />
      <DurationField label="Stop" path={[...path, 'stop']} value={workload.stop} placeholder="end of run" commit={set('stop')} />
    </fieldset>
  );
}
