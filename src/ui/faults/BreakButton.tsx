/**
 * "Break…": opens the fault menu for the selected service or link, from the playback bar (the
 * same menu a right-click on the canvas opens).
 */
import { useRef } from 'react';
import { requestContextMenu } from '../canvas/canvasBridge.ts';
import { useUi } from '../app/stores.tsx';
import { BreakIcon } from '../playback/icons.tsx';
import { useLessonTarget } from '../lessons/useLessonTarget.ts';

export function BreakButton() {
  const nodeId = useUi((s) => s.selection.nodeIds[0]);
  const linkId = useUi((s) => s.selection.linkIds[0]);
  const button = useRef<HTMLButtonElement>(null);
  const target =
    nodeId !== undefined ? { kind: 'node' as const, id: nodeId } : linkId !== undefined ? { kind: 'link' as const, id: linkId } : undefined;
  const lessonTarget = useLessonTarget('break', 'playback-button');
  const open = () => {
    if (!target || !button.current) return;
    const rect = button.current.getBoundingClientRect();
    requestContextMenu({ ...target, x: rect.left, y: rect.top });
  };
  return (
    <button
      ref={button}
      type="button"
      {...lessonTarget}
      aria-haspopup="menu"
      disabled={!target}
      onClick={open}
      title={target ? `Inject a fault into ${target.id} at the playhead` : 'Select a service or a link to break it'}
    >
      <BreakIcon />
      <span>Break…</span>
    </button>
  );
}
