/**
 * Monaco (the parts monacoParts.ts lists), set up once, from the local `monaco-editor` package
 * (never a CDN: the site works offline and from any sub-path). Only the Script panel's own chunk imports this file, so the
 * editor and its language workers load when the panel first opens, never with the first page.
 * The workers are bundled by Vite (`?worker`), so they come from the site's own folder too.
 *
 * JSON: the scenario's JSON Schema (generated from src/model, as public/schema/scenario.v1.json
 * is) gives completion and hover docs; the schema's own diagnostics are off, since the panel shows
 * the problems an import reports instead (one wording everywhere). TypeScript: the script API's
 * declarations are an extra lib, so completion offers the API and type errors show before a run.
 */
import * as monaco from './monacoParts.ts';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker.js?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker.js?worker';
import { scenarioJsonSchemaText } from '../../model/jsonSchema.ts';
import { API_DECLARATIONS, API_DECLARATIONS_FILE } from '../../script/apiDeclarations.ts';

/** The model URI of the system's JSON text (the schema is matched to it). */
export const SYSTEM_URI = 'file:///system.json';
/** The model URI of the script. */
export const SCRIPT_URI = 'file:///script.ts';
const SCHEMA_URI = 'https://crosstalk.local/schema/scenario.v1.json';

let ready = false;

/** Monaco, with workers, the scenario schema and the script API installed (idempotent). */
export function setUpMonaco(): typeof monaco {
  if (ready) return monaco;
  ready = true;
  self.MonacoEnvironment = {
    getWorker(_id: string, label: string) {
      if (label === 'json') return new JsonWorker();
      if (label === 'typescript' || label === 'javascript') return new TsWorker();
      return new EditorWorker();
    },
  };
  monaco.json.jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemaValidation: 'ignore',
    schemas: [{ uri: SCHEMA_URI, fileMatch: [SYSTEM_URI], schema: JSON.parse(scenarioJsonSchemaText()) as unknown }],
  });
  const ts = monaco.typescript;
  ts.typescriptDefaults.setCompilerOptions({
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.ESNext,
    strict: true,
    noEmit: true,
    allowNonTsExtensions: true,
    // A script sees the API and the language, not the DOM: it runs where there is none.
    lib: ['es2022'],
  });
  ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
  ts.typescriptDefaults.addExtraLib(API_DECLARATIONS, API_DECLARATIONS_FILE);
  // Nothing is fetched ahead: the workers start when a model of their language first needs them.
  return monaco;
}

export type Monaco = typeof monaco;

/** The model at `uri` (kept for the page's life, so each tab keeps its undo stack), made with `text` if new. */
export function modelAt(uri: string, language: 'json' | 'typescript', text: string): monaco.editor.ITextModel {
  const parsed = monaco.Uri.parse(uri);
  return monaco.editor.getModel(parsed) ?? monaco.editor.createModel(text, language, parsed);
}
