/**
 * A choice among fixed options (a pattern, a distribution, a protocol, a service to call). A
 * choice is a complete edit, so it commits at once (one undo step); a refusal shows inline.
 */
import { useState } from 'react';
import type { FieldPath } from '../schemaInfo.ts';
import type { Commit } from '../useFieldValidation.ts';
import { useDescription } from '../useSchemaInfo.ts';
import { controlAria, FieldFrame, useFieldIds } from './FieldFrame.tsx';

export interface SelectOption {
  readonly value: string;
  readonly label: string;
  readonly disabled?: boolean;
}

export interface SelectFieldProps {
  readonly label: string;
  readonly path: FieldPath;
  readonly value: string;
  readonly options: readonly SelectOption[];
  readonly commit: Commit;
  readonly description?: string;
  /** Replaces the schema's description (e.g. the chosen option's own explanation). */
  readonly explanation?: string;
  /** See FieldFrame. */
  readonly hiddenPrefix?: string;
  readonly quiet?: boolean;
}

export function SelectField({
  label,
  path,
  value,
  options,
  commit,
  description: fallback,
  explanation,
  hiddenPrefix,
  quiet,
}: SelectFieldProps) {
  const ids = useFieldIds();
  const schemaText = useDescription(path, fallback);
  const description = explanation ?? schemaText;
  const [error, setError] = useState<string | undefined>();
  const known = options.some((o) => o.value === value);
  return (
    <FieldFrame ids={ids} label={label} description={description} error={error} hiddenPrefix={hiddenPrefix} quiet={quiet}>
      <select
        className="inspector-input"
        value={value}
        {...controlAria(ids, { error, description })}
        onChange={(event) => setError(commit(event.target.value))}
      >
        {!known && <option value={value}>{value === '' ? '— none —' : `${value} (not available)`}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
