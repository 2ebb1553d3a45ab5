/**
 * The canvas's keyboard commands, active while focus is on the canvas (not in a text field):
 * Delete/Backspace removes the selection, Ctrl/Cmd+C copies the selected nodes, Ctrl/Cmd+V
 * pastes them (each paste a little further down and right), Ctrl/Cmd+D duplicates.
 * Each is one document command, so one undo step.
 */
import { useCallback, useRef, type KeyboardEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useStores } from '../app/stores.tsx';
import { copyNodes, pasteCopies, type Clip } from './clipboard.ts';
import type { DocumentFlowEdge, DocumentFlowNode } from './flowElements.ts';
import { NUDGE } from './placement.ts';

/** The canvas's `onKeyDown` handler (see the file comment). */
export function useCanvasKeys(): (event: KeyboardEvent) => void {
  const stores = useStores();
  const flow = useReactFlow<DocumentFlowNode, DocumentFlowEdge>();
  const clip = useRef<{ content: Clip; pastes: number } | undefined>(undefined);

  const copySelected = useCallback((): Clip | undefined => {
    const doc = stores.document.getState().document;
    return copyNodes(doc, stores.ui.getState().selection.nodeIds, (id) => flow.getNode(id)?.position);
  }, [stores, flow]);

  const paste = useCallback(
    (content: Clip, step: number) => {
      const { document: documentStore, ui } = stores;
      const { nodes, links } = pasteCopies(documentStore.getState().document, content, { x: NUDGE * step, y: NUDGE * step });
      // Refused (a lesson's locks), nothing was added: the selection stays as it was.
      if (documentStore.getState().dispatch({ type: 'paste', nodes, links }) !== undefined) return;
      ui.getState().select({ nodeIds: nodes.map((n) => n.id) });
    },
    [stores],
  );

  return useCallback(
    (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTextEntry(event.target)) return;
      const command = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const { selection } = stores.ui.getState();
      if ((event.key === 'Delete' || event.key === 'Backspace') && !command) {
        if (selection.nodeIds.length === 0 && selection.linkIds.length === 0) return;
        event.preventDefault();
        // Refused as a whole (it includes a part a lesson locks): nothing is deleted and the selection stays.
        if (stores.document.getState().dispatch({ type: 'remove', nodeIds: selection.nodeIds, linkIds: selection.linkIds }) === undefined)
          stores.ui.getState().clearSelection();
      } else if (command && !event.altKey && key === 'c') {
        const content = copySelected();
        if (!content) return;
        event.preventDefault();
        clip.current = { content, pastes: 0 };
      } else if (command && !event.altKey && key === 'v') {
        if (!clip.current) return;
        event.preventDefault();
        clip.current.pastes += 1;
        paste(clip.current.content, clip.current.pastes);
      } else if (command && !event.altKey && key === 'd') {
        const content = copySelected();
        // Ctrl+D would otherwise bookmark the page.
        event.preventDefault();
        if (content) paste(content, 1);
      }
    },
    [stores, copySelected, paste],
  );
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}
