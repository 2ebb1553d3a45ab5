/**
 * The numbers a fault needs ("restart after 5 s", "slower by ×4 for 10 s"), with their defaults,
 * checked before anything is added: an invalid number is shown at its field, never applied.
 * The fault starts at the playhead, shown live while the form is open; on a service with replicas
 * it hits every instance or the one chosen.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { usePlayback } from '../app/stores.tsx';
import { formatSimTime } from '../playback/transport.ts';
import { defaultValues, fieldProblem, type FaultAction, type FaultTarget, type PartitionDirection } from './faultActions.ts';

/** Units read out in full (the visible unit is short). */
const UNIT_NAMES: Readonly<Record<string, string>> = { s: 'seconds', ms: 'milliseconds', '%': 'percent' };

export interface FaultFormProps {
  readonly action: FaultAction;
  readonly target: FaultTarget;
  /** `instance`: which instance of a service with replicas the fault hits (undefined: every one). */
  onSubmit(values: Readonly<Record<string, number>>, direction: PartitionDirection, instance?: number): void;
  onCancel(): void;
}

export function FaultForm({ action, target, onSubmit, onCancel }: FaultFormProps) {
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(defaultValues(action)).map(([name, value]) => [name, String(value)])),
  );
  const [direction, setDirection] = useState<PartitionDirection>('both');
  const [instance, setInstance] = useState('');
  // Every fault a service can get (crash, slow, errors) may hit one of its instances.
  const replicas = target.kind === 'service' ? (target.replicas ?? 1) : 1;
  const [shown, setShown] = useState<Record<string, string | undefined>>({});
  const time = usePlayback((s) => s.time);
  const first = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    first.current?.focus();
    first.current?.select();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const values: Record<string, number> = {};
    const problems: Record<string, string | undefined> = {};
    for (const field of action.fields) {
      const text = texts[field.name].trim();
      values[field.name] = text === '' ? NaN : Number(text);
      problems[field.name] = fieldProblem(field, values[field.name]);
    }
    setShown(problems);
    const bad = action.fields.find((f) => problems[f.name]);
    if (bad) {
      document.getElementById(`${id}-${bad.name}`)?.focus();
      return;
    }
    onSubmit(values, direction, instance === '' ? undefined : Number(instance));
  };

  const label = action.label.replace('…', '');
  return (
    <form className="fault-form" aria-label={`${label} ${target.name}`} onSubmit={submit} noValidate>
      {action.fields.map((field, i) => (
        <div key={field.name} className="fault-field">
          <label htmlFor={`${id}-${field.name}`}>
            {field.label}
            {UNIT_NAMES[field.unit] && <span className="visually-hidden"> ({UNIT_NAMES[field.unit]})</span>}
          </label>
          <input
            ref={i === 0 ? first : undefined}
            id={`${id}-${field.name}`}
            type="number"
            inputMode="decimal"
            min={field.min}
            max={field.max}
            step={field.step}
            value={texts[field.name]}
            aria-invalid={shown[field.name] ? true : undefined}
            aria-describedby={shown[field.name] ? `${id}-${field.name}-problem` : undefined}
            onChange={(e) => setTexts({ ...texts, [field.name]: e.currentTarget.value })}
          />
          <span className="fault-unit" aria-hidden="true">
            {field.unit}
          </span>
          {shown[field.name] && (
            <span className="fault-problem" id={`${id}-${field.name}-problem`}>
              {field.label} {shown[field.name]}
            </span>
          )}
        </div>
      ))}
      {action.asksDirection && target.kind === 'link' && (
        <div className="fault-field">
          <label htmlFor={`${id}-direction`}>Cut</label>
          <select id={`${id}-direction`} value={direction} onChange={(e) => setDirection(e.currentTarget.value as PartitionDirection)}>
            <option value="both">both ways</option>
            <option value="forward">
              one way: {target.from} → {target.to}
            </option>
            <option value="backward">
              one way: {target.to} → {target.from}
            </option>
          </select>
        </div>
      )}
      {replicas > 1 && (
        <div className="fault-field">
          <label htmlFor={`${id}-instance`}>Instance</label>
          <select id={`${id}-instance`} value={instance} onChange={(e) => setInstance(e.currentTarget.value)}>
            <option value="">every instance</option>
            {Array.from({ length: replicas }, (_, i) => (
              <option key={i} value={String(i + 1)}>
                instance {i + 1}
              </option>
            ))}
          </select>
        </div>
      )}
      <p className="fault-at">
        Starts at the playhead, <output>{formatSimTime(time)}</output>
      </p>
      <div className="fault-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Inject fault
        </button>
      </div>
    </form>
  );
}
