/** Undo and Redo, each disabled when there is nothing to undo or redo. */
import { useStore } from 'zustand';
import { redo, undo } from '../../store/documentStore.ts';
import { useStores } from '../app/stores.tsx';
import { RedoIcon, UndoIcon } from './icons.tsx';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

export function UndoRedoButtons() {
  const { document } = useStores();
  const canUndo = useStore(document.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(document.temporal, (s) => s.futureStates.length > 0);
  return (
    <div className="toolbar-group" role="group" aria-label="History">
      <button
        type="button"
        className="toolbar-button icon-only"
        aria-label="Undo"
        title={`Undo (${MOD}Z)`}
        aria-keyshortcuts="Control+Z Meta+Z"
        disabled={!canUndo}
        onClick={() => undo(document)}
      >
        <UndoIcon />
      </button>
      <button
        type="button"
        className="toolbar-button icon-only"
        aria-label="Redo"
        title={`Redo (${isMac ? '⇧⌘Z' : 'Ctrl+Shift+Z or Ctrl+Y'})`}
        aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
        disabled={!canRedo}
        onClick={() => redo(document)}
      >
        <RedoIcon />
      </button>
    </div>
  );
}
