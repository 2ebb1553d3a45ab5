/**
 * Right-click (or the keyboard's context-menu key) on a node or a link: selects it, keeps the
 * browser's menu away, and asks the page for the canvas's menu through the event described in
 * canvasBridge.ts. Elsewhere on the canvas the browser's menu is left alone.
 */
import { useCallback, type MouseEvent } from 'react';
import { useStores } from '../app/stores.tsx';
import { requestContextMenu, type CanvasContextMenuDetail } from './canvasBridge.ts';

/** The canvas's `onContextMenu` handler (see the file comment). */
export function useContextMenu(): (event: MouseEvent) => void {
  const { ui } = useStores();
  return useCallback(
    (event: MouseEvent) => {
      const target = contextTarget(event.target);
      if (!target) return;
      event.preventDefault();
      const { selection, select } = ui.getState();
      const selected = target.kind === 'node' ? selection.nodeIds : selection.linkIds;
      if (!selected.includes(target.id)) select(target.kind === 'node' ? { nodeIds: [target.id] } : { linkIds: [target.id] });
      // A menu opened from the keyboard has no pointer position: open it at the element instead.
      let { clientX: x, clientY: y } = event;
      if (x === 0 && y === 0) {
        const box = target.element.getBoundingClientRect();
        x = box.left + box.width / 2;
        y = box.top + box.height / 2;
      }
      requestContextMenu({ kind: target.kind, id: target.id, x, y });
    },
    [ui],
  );
}

type Target = Pick<CanvasContextMenuDetail, 'kind' | 'id'> & { readonly element: Element };

/** The node or link an event happened on (edges' protocol labels count as their link). */
function contextTarget(eventTarget: EventTarget | null): Target | undefined {
  if (!(eventTarget instanceof Element)) return undefined;
  const node = eventTarget.closest('.react-flow__node[data-id]');
  if (node) return { kind: 'node', id: node.getAttribute('data-id') as string, element: node };
  const edge = eventTarget.closest('.react-flow__edge[data-id]');
  if (edge) return { kind: 'link', id: edge.getAttribute('data-id') as string, element: edge };
  const label = eventTarget.closest('[data-link]');
  if (label) return { kind: 'link', id: label.getAttribute('data-link') as string, element: label };
  return undefined;
}
