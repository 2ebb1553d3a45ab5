/**
 * What the File menu does, apart from its buttons: new document, import, export, share link and
 * diagram images. Each reports its outcome through the status line or a dialog, never by throwing.
 */
import { emptyDocument } from '../../store/document/commands.ts';
import type { Stores } from '../app/stores.tsx';
import { openSystem } from '../app/openSystem.ts';
import { exportDocument, readDocumentText } from '../persistence/documentFiles.ts';
import { downloadText, fileNameFor, readFileText } from '../persistence/fileTransfer.ts';
import type { ExportFormat } from '../../engine/export/index.ts';
import type { ImageFormat } from '../persistence/imageExport.ts';
import { runCaption } from '../persistence/runCaption.ts';
import { shareUrl } from '../persistence/shareLink.ts';
import type { ProblemReport } from './ProblemsDialog.tsx';

/** How the commands reach the person, besides the status line. */
export interface FileCommandViews {
  showProblems(report: ProblemReport): void;
  /** Offers a link to copy by hand (the clipboard refused). */
  showLinkToCopy(url: string): void;
}

const nameOf = (stores: Stores) => stores.document.getState().document.name ?? 'Untitled system';

/** Replaces the document with an empty one (undoable, so no confirmation; in a lesson, it asks to leave the lesson first). */
export function newDocument(stores: Stores): void {
  openSystem(stores, {
    origin: 'new',
    document: emptyDocument(),
    what: 'Starting a new system',
    verb: 'start a new system',
    done: 'New empty system (Undo brings the previous one back)',
  });
}

/** Imports a picked file; an invalid one is reported in full and changes nothing; in a lesson, it asks to leave the lesson first. */
export async function importFile(stores: Stores, file: File, views: FileCommandViews): Promise<void> {
  let text: string;
  try {
    text = await readFileText(file);
  } catch (error) {
    views.showProblems({
      title: 'Import failed',
      summary: `"${file.name}" could not be read. Your system is unchanged.`,
      problems: [{ path: '', message: (error as Error).message, severity: 'error' }],
    });
    return;
  }
  const result = readDocumentText(text);
  if (!result.ok) {
    views.showProblems({
      title: 'Import failed',
      summary: `"${file.name}" is not a valid scenario. Your system is unchanged.`,
      problems: result.problems,
      omitted: result.omitted,
    });
    return;
  }
  const warnings =
    result.warnings.length > 0
      ? ` (${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}: ${result.warnings[0].message})`
      : '';
  openSystem(stores, {
    origin: 'import',
    document: result.document,
    what: `Importing "${file.name}"`,
    verb: 'import',
    done: `Imported "${file.name}"${warnings}. Undo brings the previous system back.`,
  });
}

export function exportFile(stores: Stores): void {
  const fileName = exportDocument(stores.document);
  stores.ui.getState().notify(`Exported ${fileName}`);
}

/** Copies a link that opens this exact document (and so reproduces the exact run). */
export async function copyShareLink(stores: Stores, views: FileCommandViews): Promise<void> {
  const url = shareUrl(location.href, stores.document.getState().document);
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(url);
    stores.ui
      .getState()
      .notify(`Share link copied (${Math.ceil(url.length / 1024)} KB): it opens "${nameOf(stores)}" exactly as it is now.`);
  } catch {
    views.showLinkToCopy(url);
  }
}

export async function exportImage(stores: Stores, format: ImageFormat): Promise<void> {
  try {
    const name = stores.document.getState().document.name;
    // The caption is the run as it is when asked; the drawing code comes apart from the first page.
    const caption = runCaption(name, stores.live.getState());
    const { exportDiagramImage } = await import('../persistence/imageExport.ts');
    const fileName = await exportDiagramImage(format, name, caption);
    stores.ui.getState().notify(`Exported ${fileName}`);
  } catch (error) {
    stores.ui.getState().notify(`Could not export the diagram as ${format.toUpperCase()}: ${(error as Error).message}`, 'error');
  }
}

/** What each run export is called in the menu and the status line, and its file. */
export const RUN_EXPORTS: Readonly<Record<ExportFormat, { readonly label: string; readonly extension: string; readonly type: string }>> = {
  otlp: { label: 'Export trace (OTLP JSON)', extension: 'otlp.json', type: 'application/json' },
  'chrome-trace': { label: 'Export trace (Chrome/Perfetto)', extension: 'trace.json', type: 'application/json' },
  'metrics-csv': { label: 'Export metrics (CSV)', extension: 'metrics.csv', type: 'text/csv' },
};

/**
 * Downloads the run on show in `format`: the worker simulates it afresh with every row kept and
 * hands over only the file's text (the page never holds the whole run's spans).
 */
export async function exportRun(stores: Stores, format: ExportFormat): Promise<void> {
  const { label, extension, type } = RUN_EXPORTS[format];
  const what = label.replace(/^Export /, '');
  stores.ui.getState().notify(`Exporting the ${what}…`);
  try {
    const result = await stores.run.exportRun(stores.document.getState().document, format);
    if (!result.ok) {
      stores.ui.getState().notify(`Could not export the ${what}: ${result.message}`, 'error');
      return;
    }
    const fileName = fileNameFor(nameOf(stores), extension);
    downloadText(result.text, fileName, type);
    stores.ui.getState().notify(`Exported ${fileName}`);
  } catch (error) {
    stores.ui.getState().notify(`Could not export the ${what}: ${(error as Error).message}`, 'error');
  }
}
