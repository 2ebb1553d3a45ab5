/**
 * The frame every inspector field shares: its label, the control, its unit, a one-line
 * explanation and, when the value was refused, the reason (announced, and tied to the control
 * with aria-describedby so a screen reader reads it with the field).
 */
import { useId, type ReactNode } from 'react';

export interface FieldIds {
  readonly id: string;
  readonly descriptionId: string;
  readonly errorId: string;
  readonly unitId: string;
}

export function useFieldIds(): FieldIds {
  const base = useId();
  return { id: `${base}-input`, descriptionId: `${base}-description`, errorId: `${base}-error`, unitId: `${base}-unit` };
}

/** The aria attributes of a field's control. */
export function controlAria(ids: FieldIds, parts: { error?: string; description?: string; unit?: string }) {
  const describedBy = [
    parts.error !== undefined ? ids.errorId : undefined,
    parts.unit !== undefined ? ids.unitId : undefined,
    parts.description !== undefined ? ids.descriptionId : undefined,
  ]
    .filter((x) => x !== undefined)
    .join(' ');
  return {
    id: ids.id,
    'aria-invalid': parts.error !== undefined ? true : undefined,
    'aria-describedby': describedBy === '' ? undefined : describedBy,
  } as const;
}

export interface FieldFrameProps {
  readonly ids: FieldIds;
  readonly label: string;
  readonly description?: string;
  readonly unit?: string;
  readonly error?: string;
  /** Read by screen readers before the label (e.g. "Step 2: "), where the layout already shows it. */
  readonly hiddenPrefix?: string;
  /** Keeps the explanation for screen readers only (it repeats one shown just above). */
  readonly quiet?: boolean;
  readonly children: ReactNode;
}

export function FieldFrame({ ids, label, description, unit, error, hiddenPrefix, quiet = false, children }: FieldFrameProps) {
  return (
    <div className={`inspector-field${error !== undefined ? ' is-invalid' : ''}`}>
      <label className="inspector-label" htmlFor={ids.id}>
        {hiddenPrefix !== undefined && <span className="visually-hidden">{hiddenPrefix}</span>}
        {label}
      </label>
      <div className="inspector-control">
        {children}
        {unit !== undefined && (
          <span className="inspector-unit" id={ids.unitId}>
            {unit}
          </span>
        )}
      </div>
      {error !== undefined && (
        <p className="inspector-error" id={ids.errorId} role="alert">
          {error} — not applied
        </p>
      )}
      {description !== undefined && (
        <p className={quiet ? 'visually-hidden' : 'inspector-description'} id={ids.descriptionId}>
          {description}
        </p>
      )}
    </div>
  );
}
