/** A yes/no setting; toggling commits at once. */
import { useState } from 'react';
import type { FieldPath } from '../schemaInfo.ts';
import type { Commit } from '../useFieldValidation.ts';
import { useDescription } from '../useSchemaInfo.ts';
import { controlAria, useFieldIds } from './FieldFrame.tsx';

export function CheckboxField({
  label,
  path,
  value,
  commit,
  description: fallback,
}: {
  readonly label: string;
  readonly path: FieldPath;
  readonly value: boolean;
  readonly commit: Commit;
  readonly description?: string;
}) {
  const ids = useFieldIds();
  const description = useDescription(path, fallback);
  const [error, setError] = useState<string | undefined>();
  return (
    <div className={`inspector-field inspector-check${error !== undefined ? ' is-invalid' : ''}`}>
      <div className="inspector-control">
        <input
          type="checkbox"
          checked={value}
          {...controlAria(ids, { error, description })}
          onChange={(event) => setError(commit(event.target.checked))}
        />
        <label className="inspector-label" htmlFor={ids.id}>
          {label}
        </label>
      </div>
      {error !== undefined && (
        <p className="inspector-error" id={ids.errorId} role="alert">
          {error} — not applied
        </p>
      )}
      {description !== undefined && (
        <p className="inspector-description" id={ids.descriptionId}>
          {description}
        </p>
      )}
    </div>
  );
}
