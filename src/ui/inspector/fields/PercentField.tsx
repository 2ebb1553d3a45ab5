/** A probability shown and typed as a percentage (the document stores 0…1). */
import { formatPercentText, parsePercentText } from '../fieldText.ts';
import { useDefault } from '../useSchemaInfo.ts';
import { TextInputField, type ValueFieldProps } from './TextInputField.tsx';

export function PercentField(props: ValueFieldProps) {
  const fallback = useDefault(props.path);
  const placeholder = props.placeholder ?? (typeof fallback === 'number' ? formatPercentText(fallback) : undefined);
  return (
    <TextInputField {...props} placeholder={placeholder} unit="%" format={formatPercentText} parse={parsePercentText} inputMode="decimal" />
  );
}
