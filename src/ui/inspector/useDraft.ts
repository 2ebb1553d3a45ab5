/**
 * The text a person is typing into a field, kept apart from the document until they commit it:
 * Enter or leaving the field commits (one undo step per committed change, not one per key),
 * Escape puts the document's value back. A value that cannot be parsed or that the schema refuses
 * stays in the field with its error, so nothing is applied behind anyone's back.
 */
import { useState, type ChangeEvent, type KeyboardEvent } from 'react';
import type { ParseResult } from './fieldText.ts';
import type { Commit } from './useFieldValidation.ts';

export interface DraftOptions {
  /** The value in the document (or at the playhead). */
  readonly value: unknown;
  readonly format: (value: unknown) => string;
  readonly parse: (text: string) => ParseResult;
  readonly commit: Commit;
  /** Whether Enter inserts a line (text areas commit with Ctrl/Cmd+Enter instead). */
  readonly multiline?: boolean;
}

export interface Draft {
  readonly error: string | undefined;
  readonly inputProps: {
    readonly value: string;
    readonly onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
    readonly onKeyDown: (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
    readonly onBlur: () => void;
  };
}

export function useDraft({ value, format, parse, commit, multiline = false }: DraftOptions): Draft {
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const shown = format(value);

  const revert = () => {
    setDraft(undefined);
    setError(undefined);
  };

  const apply = () => {
    if (draft === undefined || draft === shown) {
      revert();
      return;
    }
    const parsed = parse(draft);
    const refusal = parsed.ok ? commit(parsed.value) : parsed.error;
    if (refusal !== undefined) setError(refusal);
    else revert();
  };

  return {
    error,
    inputProps: {
      value: draft ?? shown,
      onChange: (event) => {
        setDraft(event.target.value);
      },
      onKeyDown: (event) => {
        if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          apply();
        } else if (event.key === 'Escape' && (draft !== undefined || error !== undefined)) {
          // Only a field with something to undo takes Escape; otherwise it may close a panel.
          event.preventDefault();
          event.stopPropagation();
          revert();
        }
      },
      onBlur: apply,
    },
  };
}
