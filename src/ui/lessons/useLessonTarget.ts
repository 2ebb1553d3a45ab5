/**
 * A control or chart a lesson's step can point at: the props that mark it (its name, for tests and
 * for the next engineer looking for what a lesson names) and whether the current step points at it,
 * so it is outlined as the canvas outlines a node or link.
 */
import type { LessonTarget } from '../../lessons/lessonSchema.ts';
import { useLesson } from '../app/stores.tsx';

/** Props for control or chart `name`: its data attribute, and the highlight class while the current step points at it. */
export function useLessonTarget(name: LessonTarget, className = ''): { 'data-lesson-target': LessonTarget; className: string } {
  const emphasised = useLesson((s) => s.activeId !== undefined && (s.highlight?.control === name || s.highlight?.chart === name));
  return { 'data-lesson-target': name, className: [className, emphasised ? 'is-lesson-highlight' : ''].filter(Boolean).join(' ') };
}
