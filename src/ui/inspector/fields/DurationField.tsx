/**
 * A duration, written as in scenario files: "250ms", "2s", "1.5m", or a number of milliseconds.
 * The unit is part of what is typed, so the suffix only says which units are understood.
 */
import { formatDurationText, parseDurationText } from '../fieldText.ts';
import { useDefault } from '../useSchemaInfo.ts';
import { TextInputField, type ValueFieldProps } from './TextInputField.tsx';

export function DurationField(props: ValueFieldProps) {
  const fallback = useDefault(props.path);
  const placeholder = props.placeholder ?? (fallback === undefined ? undefined : formatDurationText(fallback));
  return <TextInputField {...props} placeholder={placeholder} unit="ms / s" format={formatDurationText} parse={parseDurationText} />;
}
