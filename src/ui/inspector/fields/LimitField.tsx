/** A capacity that may be unlimited: a number, or empty (or "no limit") for no limit. */
import { formatNumberText, parseLimitText } from '../fieldText.ts';
import { TextInputField, type ValueFieldProps } from './TextInputField.tsx';

export function LimitField(props: ValueFieldProps & { readonly unit?: string }) {
  return (
    <TextInputField
      {...props}
      placeholder={props.placeholder ?? 'no limit'}
      format={formatNumberText}
      parse={parseLimitText}
      inputMode="decimal"
    />
  );
}
