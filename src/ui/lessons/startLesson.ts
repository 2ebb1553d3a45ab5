/**
 * Starting a lesson (its starting system in place of the learner's, laid out for the canvas, its
 * goals measured from the start of the run) and leaving lesson mode for the sandbox.
 */
import type { Lesson } from '../../lessons/lessonSchema.ts';
import type { DocumentInput } from '../../store/document/commands.ts';
import { leaveLessonMode } from '../app/openSystem.ts';
import type { Stores } from '../app/stores.tsx';
import { canvasActions } from '../canvas/canvasBridge.ts';
import { laidOutForCanvas } from './lessonLayout.ts';

/**
 * Loads `lesson`'s starting system and follows it, from the start of its run. Undo goes back no
 * further than this start (see stores.tsx); a reset is undone back to the learner's edits.
 */
export function startLesson(stores: Stores, lesson: Lesson, reset = false): void {
  // An empty canvas (a first visit's) is not a system of the learner's to bring back.
  const replaced = stores.document.getState().document.nodes.length > 0;
  stores.playback.getState().pause();
  stores.playback.getState().seek(0);
  stores.run.setGoals(lesson.goals, lesson.scenario);
  // Laid out anew when its shipped positions would not show whole and readable on this canvas (see lessonLayout.ts).
  const system = laidOutForCanvas(structuredClone(lesson.scenario) as unknown as DocumentInput, canvasActions()?.visibleSize?.());
  stores.document.getState().dispatch({ type: 'replaceDocument', document: system, origin: 'lesson' });
  // After the system is in: following a new lesson starts the history here, so undo cannot go back past its start.
  stores.lesson.getState().begin(lesson.id, lesson.editable);
  stores.ui.getState().clearSelection();
  stores.ui
    .getState()
    .notify(
      reset
        ? `Lesson reset to its starting system (Undo brings your changes back).`
        : replaced
          ? `Lesson "${lesson.title}" loaded in place of your system (Sandbox, then Undo, brings it back).`
          : `Lesson "${lesson.title}" loaded.`,
    );
}

/** Leaves lesson mode; the system on the canvas stays as it is. */
export function leaveLesson(stores: Stores): void {
  leaveLessonMode(stores);
  stores.ui.getState().notify('Sandbox: the system stays as it is; no goals are checked.');
}
