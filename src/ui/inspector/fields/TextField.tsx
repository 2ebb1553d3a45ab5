/** Free text (a name, a label, a description); empty removes it. */
import type { ParseResult } from '../fieldText.ts';
import { TextInputField, type ValueFieldProps } from './TextInputField.tsx';

const formatText = (value: unknown) => (typeof value === 'string' ? value : '');
const parseText = (text: string): ParseResult => ({ ok: true, value: text.trim() === '' ? undefined : text });

export function TextField(props: ValueFieldProps & { readonly multiline?: boolean }) {
  return <TextInputField {...props} format={formatText} parse={parseText} />;
}
