/**
 * A typed text input: what the other field kinds (number, duration, percent, text) are made of.
 * It keeps the typed text as a draft, commits on Enter or blur, and shows refusals inline.
 */
import type { ParseResult } from '../fieldText.ts';
import type { FieldPath } from '../schemaInfo.ts';
import { useDraft } from '../useDraft.ts';
import type { Commit } from '../useFieldValidation.ts';
import { useDescription } from '../useSchemaInfo.ts';
import { controlAria, FieldFrame, useFieldIds } from './FieldFrame.tsx';

/** What every value field takes. */
export interface ValueFieldProps {
  readonly label: string;
  /** Where the value lives in the document: its description comes from the schema there. */
  readonly path: FieldPath;
  readonly value: unknown;
  readonly commit: Commit;
  /** The explanation to show when the schema has none (or only a generic one). */
  readonly description?: string;
  /** Shown when the field is empty; defaults to the schema's default, where the field kind can show it. */
  readonly placeholder?: string;
  /** See FieldFrame. */
  readonly hiddenPrefix?: string;
  readonly quiet?: boolean;
}

interface TextInputFieldProps extends ValueFieldProps {
  readonly unit?: string;
  readonly format: (value: unknown) => string;
  readonly parse: (text: string) => ParseResult;
  readonly inputMode?: 'text' | 'decimal' | 'numeric';
  readonly multiline?: boolean;
}

export function TextInputField(props: TextInputFieldProps) {
  const {
    label,
    path,
    value,
    commit,
    unit,
    format,
    parse,
    inputMode = 'text',
    multiline = false,
    placeholder,
    hiddenPrefix,
    quiet,
  } = props;
  const ids = useFieldIds();
  const description = useDescription(path, props.description);
  const draft = useDraft({ value, format, parse, commit, multiline });
  const aria = controlAria(ids, { error: draft.error, description, unit });
  return (
    <FieldFrame ids={ids} label={label} description={description} unit={unit} error={draft.error} hiddenPrefix={hiddenPrefix} quiet={quiet}>
      {multiline ? (
        <textarea className="inspector-input" rows={3} placeholder={placeholder} {...aria} {...draft.inputProps} />
      ) : (
        <input
          className="inspector-input"
          type="text"
          inputMode={inputMode}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          {...aria}
          {...draft.inputProps}
        />
      )}
    </FieldFrame>
  );
}
