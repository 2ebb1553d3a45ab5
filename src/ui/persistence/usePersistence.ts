/**
 * Keeps the document in the browser, mounted once (by the toolbar): autosaves every change,
 * saves a pending change when the page is hidden or closed, tells the person what happened at
 * startup (a broken share link, an unreadable autosave; a link opened over an autosaved system
 * keeps that system one Undo away), and takes a share link out of the address once the document
 * has been edited (so a reload restores the edits, not the link). A share link put in the address
 * of the open page opens too (asking first to leave a lesson being followed).
 */
import { useEffect } from 'react';
import type { Problem } from '../../model/index.ts';
import type { Stores } from '../app/stores.tsx';
import { startAutosave } from './autosave.ts';
import { takeStartupReport } from './initialDocument.ts';
import { openSystem } from '../app/openSystem.ts';
import { decodeDocument } from './shareCodec.ts';
import { clearShareHash, sharePayload } from './shareLink.ts';
import { browserStorage } from './storage.ts';

/** `showLinkProblems` shows every problem of a share link that could not be opened. */
export function usePersistence(stores: Stores, showLinkProblems: (problems: readonly Problem[]) => void): void {
  useEffect(() => {
    const report = takeStartupReport();
    if (!report) return;
    // A link opened over an autosaved system: that system becomes the step before, so Undo brings
    // it back (the history, not the document, is seeded: nothing changes on screen).
    if (report.replaced && stores.document.temporal.getState().pastStates.length === 0) {
      stores.document.temporal.setState({ pastStates: [{ document: report.replaced }] });
    }
    if (report.notice) stores.ui.getState().notify(report.notice.text, report.notice.tone);
    if (report.linkProblems.length > 0) showLinkProblems(report.linkProblems);
  }, [stores, showLinkProblems]);

  useEffect(() => {
    const autosave = startAutosave(stores.document, browserStorage(), {
      onFailure: () =>
        stores.ui.getState().notify('The browser refused to autosave (storage full or blocked): use Export to keep your work.', 'error'),
    });
    const unsubscribe = stores.document.subscribe((state, previous) => {
      if (state.document !== previous.document) clearShareHash();
    });
    // A share link put in the address of the open page (only the hash changes: no reload) opens
    // as at startup; in a lesson, after asking to leave it. A valid one then leaves the address
    // (opened, the system is autosaved; declined, a reload must not open it after all); a broken
    // one stays, as at startup, so a reload shows its problems again.
    const onHashChange = () => {
      const payload = sharePayload(location.hash);
      if (payload === undefined) return;
      const shared = decodeDocument(payload);
      if (!shared.ok) {
        showLinkProblems(shared.problems);
        return;
      }
      const name = shared.document.name ?? 'Untitled system';
      openSystem(stores, {
        origin: 'link',
        document: shared.document,
        what: `Opening the shared system "${name}"`,
        verb: 'open the link',
        done: `Opened the shared system "${name}". Undo brings back the system you had.`,
      });
      clearShareHash();
    };
    const onHide = () => autosave.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') autosave.flush();
    };
    window.addEventListener('hashchange', onHashChange);
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      unsubscribe();
      autosave.stop();
    };
  }, [stores, showLinkProblems]);
}
