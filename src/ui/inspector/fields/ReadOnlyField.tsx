/** A property shown but not edited here (a node's id, a link's ends), still labelled and explained. */
import { controlAria, FieldFrame, useFieldIds } from './FieldFrame.tsx';

export function ReadOnlyField({
  label,
  value,
  description,
}: {
  readonly label: string;
  readonly value: string;
  readonly description?: string;
}) {
  const ids = useFieldIds();
  return (
    <FieldFrame ids={ids} label={label} description={description}>
      <input className="inspector-input is-readonly" type="text" readOnly value={value} {...controlAria(ids, { description })} />
    </FieldFrame>
  );
}
