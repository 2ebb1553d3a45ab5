/**
 * The system as text, for the Script panel's JSON tab: the document as a scenario file shows it
 * (without the script kept with it, which has its own tab), and the text read back through the
 * very path an imported file takes (`readDocumentText`), so its problems say what an import says.
 * Each problem comes with the place in the text it is about, for an editor marker. Pure.
 */
import { describeProblem, type Problem } from '../../model/index.ts';
import type { DocumentInput } from '../../store/document/commands.ts';
import { documentFileText, readDocumentText } from '../persistence/documentFiles.ts';
import { jsonLocations, lineColumn, spanOfPath, type TextSpan } from './jsonLocations.ts';

/** A problem of the text and where it is: 1-based lines and columns, end exclusive. */
export interface TextProblem {
  /** As the import's problem list words it: `nodes[1].target: …`. */
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export type SystemTextResult =
  | { readonly ok: true; readonly document: DocumentInput; readonly warnings: readonly TextProblem[] }
  | { readonly ok: false; readonly problems: readonly TextProblem[] };

/**
 * The document as its JSON tab shows it: a scenario file's text, without the script (its own tab)
 * and without `$schema` (a hint for editors of files, which would make the editor look for the
 * schema at that address instead of using the one it has).
 */
export function systemText(document: DocumentInput): string {
  const { script: _script, $schema: _schema, ...system } = document;
  return documentFileText(system);
}

/**
 * The document the text describes, with what the text leaves out (the script, `$schema`) taken
 * from `current`, the document now; or every problem, placed in the text. What an import would
 * refuse is refused here.
 */
export function readSystemText(text: string, current: Pick<DocumentInput, 'script' | '$schema'> = {}): SystemTextResult {
  const result = readDocumentText(text);
  if (!result.ok) return { ok: false, problems: placed(text, result.problems) };
  const document: DocumentInput = { ...result.document };
  delete document.script;
  delete document.$schema;
  const kept: DocumentInput = {
    ...(current.$schema === undefined ? {} : { $schema: current.$schema }),
    ...document,
    ...(current.script === undefined ? {} : { script: current.script }),
  };
  return { ok: true, document: kept, warnings: placed(text, result.warnings) };
}

function placed(text: string, problems: readonly Problem[]): TextProblem[] {
  let spans: Map<string, TextSpan> | undefined;
  try {
    spans = jsonLocations(text);
  } catch {
    spans = undefined; // not JSON: the syntax error below says where
  }
  return problems.map((problem) => {
    const span = (spans && spanOfPath(spans, problem.path)) ?? syntaxSpan(text, problem.message);
    const start = lineColumn(text, span.start);
    let end = lineColumn(text, span.end);
    // A whole object or list is marked on its first line only, not underlined for pages.
    if (end.line !== start.line) end = lineColumn(text, lineEnd(text, span.start));
    if (end.line === start.line && end.column <= start.column) end = { line: start.line, column: start.column + 1 };
    return {
      message: describeProblem(problem),
      severity: problem.severity,
      startLine: start.line,
      startColumn: start.column,
      endLine: end.line,
      endColumn: end.column,
    };
  });
}

/** Where a JSON syntax error is: the position the parser names, else the start. */
function syntaxSpan(text: string, message: string): TextSpan {
  const at = /position (\d+)/.exec(message);
  const start = at ? Math.min(Number(at[1]), text.length) : 0;
  return { start, end: start + 1 };
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline;
}
