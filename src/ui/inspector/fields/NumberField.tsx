/** A number with its unit (req/s, workers, ×…); empty means the schema's default. */
import { formatNumberText, parseNumberText } from '../fieldText.ts';
import { useDefault } from '../useSchemaInfo.ts';
import { TextInputField, type ValueFieldProps } from './TextInputField.tsx';

export function NumberField(props: ValueFieldProps & { readonly unit?: string }) {
  const fallback = useDefault(props.path);
  const placeholder = props.placeholder ?? (typeof fallback === 'number' ? String(fallback) : undefined);
  return <TextInputField {...props} placeholder={placeholder} format={formatNumberText} parse={parseNumberText} inputMode="decimal" />;
}
