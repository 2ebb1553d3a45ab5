// @vitest-environment jsdom
/**
 * The narrow layout (phone, tablet) and the trace waterfall: the waterfall is fixed over the
 * bottom of the screen, above the drawers, so a drawer opened while it shows would lie under it,
 * out of sight (seen at 390×844: Lessons or the Script panel opened and nothing seemed to happen).
 * Opening the palette, the lessons or the Script panel, or the lesson picker, closes the waterfall;
 * other changes leave it open.
 */
import { describe, expect, it } from 'vitest';
import { createUiStore } from '../../src/store/uiStore.ts';
import type { LessonState } from '../../src/store/lessonStore.ts';
import { followNarrow, followNarrowLesson } from '../../src/ui/app/narrowFollow.ts';

/** A ui store answered as the narrow layout does, with request 7's waterfall open. */
function tracingUi() {
  const ui = createUiStore();
  ui.getState().setPanels({ paletteOpen: false, inspectorOpen: false, lessonPanelOpen: false, scriptOpen: false });
  ui.subscribe((state, before) => followNarrow(ui, state, before));
  ui.getState().openTrace(7);
  return ui;
}

describe('the narrow layout with the trace waterfall open', () => {
  for (const flag of ['paletteOpen', 'lessonPanelOpen', 'scriptOpen'] as const) {
    it(`opening ${flag.replace('Open', '')} closes the waterfall`, () => {
      const ui = tracingUi();
      ui.getState().setPanels({ [flag]: true });
      expect(ui.getState()[flag]).toBe(true);
      expect(ui.getState().tracing).toBeUndefined();
    });
  }

  it('the inspector sheet, a selection or a drawer closing leave it open', () => {
    const ui = tracingUi();
    ui.getState().setPanels({ inspectorOpen: true });
    ui.getState().setPanels({ inspectorOpen: false });
    expect(ui.getState().tracing).toBe(7);
  });

  it('the lesson picker opening closes it; the picker closing does not', () => {
    const ui = tracingUi();
    const closed = { pickerOpen: false } as LessonState;
    const open = { pickerOpen: true } as LessonState;
    followNarrowLesson(ui, closed, open);
    expect(ui.getState().tracing).toBe(7);
    followNarrowLesson(ui, open, closed);
    expect(ui.getState().tracing).toBeUndefined();
  });
});
