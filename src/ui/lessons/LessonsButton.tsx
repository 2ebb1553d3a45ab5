/** The toolbar's Lessons button: opens the lesson picker (or closes it). */
import { useLesson, useStores } from '../app/stores.tsx';

export function LessonsButton() {
  const { lesson } = useStores();
  const open = useLesson((s) => s.pickerOpen);
  return (
    <button type="button" className="toolbar-button" aria-pressed={open} title="Guided lessons: a system, a problem, goals checked on your run"
      onClick={() => (open ? lesson.getState().closePicker() : lesson.getState().openPicker())}>
      <span>Lessons</span>
    </button>
  );
}
