/**
 * Undo/redo from the keyboard anywhere on the page: Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and Ctrl+Y
 * redo. Not while typing in a text field (there the keys belong to the field's own text undo), nor
 * while a modal dialog is open.
 */
import { useEffect } from 'react';
import { redo, undo, type DocumentStore } from '../../store/documentStore.ts';

/** Whether keys pressed in `target` are text editing (inputs that take text, text areas, editors). */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image'].includes(target.type);
  }
  // A code editor (Monaco) keeps its own text undo, whatever element it types into.
  return (
    target.closest(
      '[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"], [role="textbox"], .monaco-editor',
    ) !== null
  );
}

/** What a key press asks of the history, if anything. */
export function historyShortcut(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): 'undo' | 'redo' | undefined {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return undefined;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && event.ctrlKey && !event.shiftKey) return 'redo';
  return undefined;
}

export function useUndoShortcuts(store: DocumentStore): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Not under a modal dialog either: the change would happen out of sight.
      if (event.defaultPrevented || isTextEntry(event.target) || document.querySelector('[aria-modal="true"]')) return;
      const action = historyShortcut(event);
      if (!action) return;
      event.preventDefault();
      const history = store.temporal.getState();
      if (action === 'undo' && history.pastStates.length > 0) undo(store);
      if (action === 'redo' && history.futureStates.length > 0) redo(store);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
