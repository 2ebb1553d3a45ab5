/**
 * The document the page opens with: the one in a share link (`#s=…`) if the address has one and
 * it is valid; otherwise the autosaved one; otherwise a new, empty document. What happened on the
 * way (a broken link, an unreadable save) is kept for the page to show once it is up (see
 * `takeStartupReport`): the stores do not exist yet when this runs.
 */
import type { Problem } from '../../model/index.ts';
import { emptyDocument, type DocumentInput } from '../../store/document/commands.ts';
import { readSession } from '../../store/lessonStore.ts';
import { decodeDocument } from './shareCodec.ts';
import { sharePayload } from './shareLink.ts';
import { browserStorage, keepUnreadableDocument, readSavedDocument, type KeyValueStorage } from './storage.ts';

/** Where the opening document came from, and what went wrong, for the page to tell the person. */
export interface StartupReport {
  readonly source: 'link' | 'saved' | 'new';
  /** Every problem of a share link that could not be opened (the link was then ignored). */
  readonly linkProblems: readonly Problem[];
  /** A notice to show (e.g. the autosave could not be read). */
  readonly notice: { readonly text: string; readonly tone: 'info' | 'error' } | undefined;
  /** The autosaved document a share link was opened over: one Undo away, so opening a link loses nothing. */
  readonly replaced?: DocumentInput;
}

let report: StartupReport | undefined;

/** Where the page looks: the address's hash and the browser's storage (tests pass their own). */
export interface StartupSources {
  readonly hash: string;
  readonly storage: KeyValueStorage | undefined;
}

function browserSources(): StartupSources {
  return { hash: typeof location === 'undefined' ? '' : location.hash, storage: browserStorage() };
}

/** The document to open. Never throws: whatever the address or storage hold, the page opens. */
export function initialDocument(sources: StartupSources = browserSources()): DocumentInput {
  let linkProblems: readonly Problem[] = [];
  const payload = sharePayload(sources.hash);
  if (payload !== undefined) {
    const shared = decodeDocument(payload);
    if (shared.ok) {
      const saved = readSavedDocument(sources.storage);
      const replaced = saved.kind === 'saved' ? saved.document : undefined;
      const name = shared.document.name ?? 'Untitled system';
      // A lesson followed before is not brought back over someone else's system (see App.tsx): say so.
      const left = readSession(sources.storage) ? ' in the Sandbox: the lesson you were following was left (Lessons starts it again)' : '';
      const text = `Opened the shared system "${name}"${left}.${replaced ? ' Undo brings back the system you had.' : ''}`;
      report = { source: 'link', linkProblems, notice: { text, tone: 'info' }, replaced };
      return shared.document;
    }
    linkProblems = shared.problems;
  }
  const saved = readSavedDocument(sources.storage);
  if (saved.kind === 'saved') {
    report = { source: 'saved', linkProblems, notice: undefined };
    return saved.document;
  }
  let notice: StartupReport['notice'];
  if (saved.kind === 'unreadable') {
    keepUnreadableDocument(sources.storage);
    notice = { text: `The autosaved system could not be opened (${saved.reason}); starting with an empty one.`, tone: 'error' };
  }
  report = { source: 'new', linkProblems, notice };
  return emptyDocument();
}

/** Where the last `initialDocument()` call found the document (without taking its report). */
export function startupSource(): StartupReport['source'] | undefined {
  return report?.source;
}

/** What the last `initialDocument()` call found; each report is handed out once. */
export function takeStartupReport(): StartupReport | undefined {
  const taken = report;
  report = undefined;
  return taken;
}
