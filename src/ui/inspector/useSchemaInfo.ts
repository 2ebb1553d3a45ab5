/** Hooks over schemaInfo.ts for the document being edited. */
import { useMemo } from 'react';
import { useDocument } from '../app/stores.tsx';
import { defaultAt, describeAt, describeVariant, type FieldPath } from './schemaInfo.ts';

/** Schema texts mark names with backticks (Markdown); the panel shows them as quotes. */
function plain(text: string | undefined): string | undefined {
  return text?.replace(/`([^`]*)`/g, '‘$1’');
}

/** The schema's one-line description of the field at `path` (else `fallback`). */
export function useDescription(path: FieldPath, fallback?: string): string | undefined {
  const doc = useDocument((s) => s.document);
  const key = JSON.stringify(path);
  return useMemo(() => plain(describeAt(doc, JSON.parse(key) as FieldPath, fallback)), [doc, key, fallback]);
}

/** The description of the variant (kind, pattern, distribution) `value` is, at `path`. */
export function useVariantDescription(path: FieldPath, value: unknown): string | undefined {
  const doc = useDocument((s) => s.document);
  return plain(describeVariant(doc, path, value));
}

/** The schema's default for the field at `path`. */
export function useDefault(path: FieldPath): unknown {
  const doc = useDocument((s) => s.document);
  const key = JSON.stringify(path);
  return useMemo(() => defaultAt(doc, JSON.parse(key) as FieldPath), [doc, key]);
}
