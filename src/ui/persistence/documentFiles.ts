/**
 * Export and import of the document as a `.json` scenario file. Import goes through the same
 * validation as the engine; an invalid file changes nothing and reports every problem.
 */
import { parseJsonText, validateScenarioText, type Problem, type ProblemTally } from '../../model/index.ts';
import type { DocumentInput } from '../../store/document/commands.ts';
import type { DocumentStore } from '../../store/documentStore.ts';
import { downloadText, fileNameFor } from './fileTransfer.ts';

/** The document as a scenario file: pretty JSON, newline at the end. */
export function documentFileText(document: DocumentInput): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Downloads the current document as `<name>.json`. */
export function exportDocument(store: DocumentStore): string {
  const { document } = store.getState();
  const fileName = fileNameFor(document.name, 'json');
  downloadText(documentFileText(document), fileName);
  return fileName;
}

export type ImportResult =
  | { readonly ok: true; readonly document: DocumentInput; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly omitted?: readonly ProblemTally[] };

/** The scenario in `text` as written (not with defaults filled in: what the person edits), or every problem. */
export function readDocumentText(text: string): ImportResult {
  const result = validateScenarioText(text);
  if (!result.ok) return { ok: false, problems: result.problems, omitted: result.omittedProblems };
  // The file as written (not the parsed scenario with defaults filled in): what the person edits.
  const json = parseJsonText(text); // valid, so it parses (after any byte-order mark)
  return { ok: true, document: (json.ok ? json.value : undefined) as DocumentInput, warnings: result.warnings };
}

/**
 * Replaces the document with the scenario in `text` (an undoable command, which a lesson's locks
 * refuse) if it is valid; otherwise leaves the document untouched and returns every problem.
 */
export function importDocumentText(store: DocumentStore, text: string): ImportResult {
  const result = readDocumentText(text);
  if (result.ok) store.getState().dispatch({ type: 'replaceDocument', document: result.document, origin: 'import' });
  return result;
}
