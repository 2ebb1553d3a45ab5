/**
 * A policy that is either off or a small object of settings (a rate limiter, a retry, a
 * breaker…): a checkbox turns it on (with its defaults) or off, and each setting is a typed field
 * that commits the whole object, so the schema validates it as one value. Descriptions, defaults
 * and validation come from the schema at the policy's path.
 */
import { useId, useState, type ReactNode } from 'react';
import type { FieldPath } from '../schemaInfo.ts';
import type { Commit } from '../useFieldValidation.ts';
import { useDescription } from '../useSchemaInfo.ts';
import { CheckboxField } from './CheckboxField.tsx';
import { DurationField } from './DurationField.tsx';
import { LimitField } from './LimitField.tsx';
import { NumberField } from './NumberField.tsx';
import { PercentField } from './PercentField.tsx';
import { SelectField } from './SelectField.tsx';

/** One setting of a policy and how to edit it. */
export type PolicySetting =
  | { readonly key: string; readonly label: string; readonly type: 'number' | 'limit'; readonly unit?: string }
  | { readonly key: string; readonly label: string; readonly type: 'duration' }
  /** A share (0–1 in the document), typed as a percentage. */
  | { readonly key: string; readonly label: string; readonly type: 'percent' }
  | { readonly key: string; readonly label: string; readonly type: 'boolean' }
  | {
      readonly key: string;
      readonly label: string;
      readonly type: 'select';
      readonly options: readonly { readonly value: string; readonly label: string }[];
    }
  /** Several of a set of choices (a list of them in the document). */
  | {
      readonly key: string;
      readonly label: string;
      readonly type: 'flags';
      readonly options: readonly { readonly value: string; readonly label: string }[];
    };

export interface PolicyGroupProps {
  readonly legend: string;
  /** The checkbox that turns it on ("Limit the rate"). */
  readonly toggle: string;
  /** The policy's path in the document (`['nodes', 1, 'rateLimit']`). */
  readonly path: FieldPath;
  /** The policy as it holds at the playhead; undefined (or null) when off. */
  readonly value: Record<string, unknown> | null | undefined;
  /** What turning it on sets (its defaults, so they show; the schema fills in any left out). */
  readonly enable: Record<string, unknown>;
  readonly settings: readonly PolicySetting[];
  readonly commit: Commit;
  /** More to show while it is on (a nested policy, say). */
  readonly children?: ReactNode;
}

export function PolicyGroup({ legend, toggle, path, value, enable, settings, commit, children }: PolicyGroupProps) {
  const descriptionId = useId();
  const description = useDescription(path);
  const on = value !== undefined && value !== null;
  const set = (key: string) => (v: unknown) => commit({ ...value, [key]: v });
  return (
    <fieldset className="inspector-group" aria-describedby={descriptionId}>
      <legend>{legend}</legend>
      <p className="inspector-description" id={descriptionId}>
        {description}
      </p>
      <CheckboxField label={toggle} path={path} value={on} description="" commit={(checked) => commit(checked ? enable : undefined)} />
      {on &&
        settings.map((s) => {
          const props = { label: s.label, path: [...path, s.key], value: value[s.key], commit: set(s.key) };
          switch (s.type) {
            case 'number':
              return <NumberField key={s.key} {...props} unit={s.unit} />;
            case 'limit':
              return <LimitField key={s.key} {...props} unit={s.unit} />;
            case 'duration':
              return <DurationField key={s.key} {...props} />;
            case 'percent':
              return <PercentField key={s.key} {...props} />;
            case 'boolean':
              return <CheckboxField key={s.key} {...props} value={value[s.key] === true} />;
            case 'select':
              return <SelectField key={s.key} {...props} value={String(value[s.key] ?? '')} options={s.options} />;
            case 'flags':
              return <FlagsField key={s.key} {...props} value={(value[s.key] as string[] | undefined) ?? []} options={s.options} />;
          }
        })}
      {on && children}
    </fieldset>
  );
}

/** Checkboxes for several choices, committing the list of those ticked (in the options' order). */
function FlagsField({
  label,
  path,
  value,
  options,
  commit,
}: {
  readonly label: string;
  readonly path: FieldPath;
  readonly value: readonly string[];
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly commit: Commit;
}) {
  const description = useDescription(path);
  const descriptionId = useId();
  const [error, setError] = useState<string | undefined>();
  const toggle = (option: string, checked: boolean) => {
    const next = options.map((o) => o.value).filter((o) => (o === option ? checked : value.includes(o)));
    setError(commit(next));
  };
  return (
    <fieldset className="inspector-group inspector-flags" aria-describedby={descriptionId}>
      <legend>{label}</legend>
      {options.map((o) => (
        <label key={o.value} className="inspector-check">
          <input type="checkbox" checked={value.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} /> {o.label}
        </label>
      ))}
      {error !== undefined && (
        <p className="inspector-error" role="alert">
          {error} — not applied
        </p>
      )}
      <p className="inspector-description" id={descriptionId}>
        {description}
      </p>
    </fieldset>
  );
}
