/**
 * The toolbar's Lessons button: opens the lesson picker (or closes it). When the lesson panel is
 * hidden (collapsed beside the canvas, or its drawer closed on a narrow screen) it brings the panel
 * back first, showing the lesson being followed.
 */
import { opens } from '../app/panelFocus.ts';
import { useLesson, useStores, useUi } from '../app/stores.tsx';

export function LessonsButton() {
  const { lesson, ui } = useStores();
  const open = useLesson((s) => s.pickerOpen);
  const panelOpen = useUi((s) => s.lessonPanelOpen);
  const shown = useLesson((s) => s.pickerOpen || s.activeId !== undefined);
  const onClick = () => {
    if (shown && !panelOpen) {
      ui.getState().setPanels({ lessonPanelOpen: true });
      return;
    }
    ui.getState().setPanels({ lessonPanelOpen: true });
    if (open) lesson.getState().closePicker();
    else lesson.getState().openPicker();
  };
  return (
    <button
      type="button"
      className="toolbar-button"
      {...opens('lessonPanelOpen')}
      aria-pressed={open && panelOpen}
      title="Guided lessons: a system, a problem, goals checked on your run"
      onClick={onClick}
    >
      <span>Lessons</span>
    </button>
  );
}
