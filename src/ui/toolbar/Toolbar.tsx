/**
 * The bar across the top: the app's name, undo/redo, the File menu (new, import, export, share
 * link, images), the canvas's Auto-layout and Fit view, the panel toggles, the theme, and the
 * status line. It also mounts what has no button of its own: autosave and restore
 * (`usePersistence`), the undo/redo shortcuts, and the theme preference.
 */
import { useCallback, useMemo, useState } from 'react';
import type { Problem } from '../../model/index.ts';
import { useStores } from '../app/stores.tsx';
import { canvasActions } from '../canvas/canvasBridge.ts';
import { usePersistence } from '../persistence/usePersistence.ts';
import { CopyLinkDialog } from './CopyLinkDialog.tsx';
import type { FileCommandViews } from './fileCommands.ts';
import { FileMenu } from './FileMenu.tsx';
import { LessonsButton } from '../lessons/LessonsButton.tsx';
import { FitIcon, LayoutIcon } from './icons.tsx';
import { NoticeBar } from './NoticeBar.tsx';
import { PanelToggles } from './PanelToggles.tsx';
import { ProblemsDialog, type ProblemReport } from './ProblemsDialog.tsx';
import { QuestionDialog } from './QuestionDialog.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import { useThemePreference } from './themePreference.ts';
import { UndoRedoButtons } from './UndoRedoButtons.tsx';
import { useUndoShortcuts } from './useUndoShortcuts.ts';
import './toolbar.css';

export function Toolbar() {
  const stores = useStores();
  const [problems, setProblems] = useState<ProblemReport | undefined>();
  const [linkToCopy, setLinkToCopy] = useState<string | undefined>();
  const showLinkProblems = useCallback(
    (list: readonly Problem[]) =>
      setProblems({
        title: 'Share link failed',
        summary: 'The link in the address could not be opened; your autosaved system is open instead, unchanged.',
        problems: list,
      }),
    [],
  );
  const views = useMemo<FileCommandViews>(() => ({ showProblems: setProblems, showLinkToCopy: setLinkToCopy }), []);

  usePersistence(stores, showLinkProblems);
  useUndoShortcuts(stores.document);
  useThemePreference(stores.ui);

  return (
    <div className="toolbar">
      <h1 className="toolbar-brand">Crosstalk</h1>
      <UndoRedoButtons />
      <FileMenu views={views} />
      <LessonsButton />
      <div className="toolbar-group" role="group" aria-label="Canvas">
        <button
          type="button"
          className="toolbar-button"
          title="Arrange the nodes left to right, callers before callees"
          onClick={() => canvasActions()?.autoLayout()}
        >
          <LayoutIcon />
          <span>Auto-layout</span>
        </button>
        <button type="button" className="toolbar-button" title="Zoom to show the whole system" onClick={() => canvasActions()?.fitView()}>
          <FitIcon />
          <span>Fit view</span>
        </button>
      </div>
      <PanelToggles />
      <ThemeToggle />
      <NoticeBar />
      {problems && <ProblemsDialog report={problems} onClose={() => setProblems(undefined)} />}
      {linkToCopy !== undefined && <CopyLinkDialog url={linkToCopy} onClose={() => setLinkToCopy(undefined)} />}
      <QuestionDialog />
    </div>
  );
}
