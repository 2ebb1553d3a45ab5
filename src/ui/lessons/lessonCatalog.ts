/**
 * The shipped lessons (simulations/lessons/*.json), validated, in curriculum order. Imported only
 * by the lesson panel, which is fetched apart from the first page (bench: bundle_initial_kib).
 */
import { parseLesson } from '../../lessons/check.ts';
import type { Lesson } from '../../lessons/lessonSchema.ts';

const FILES = import.meta.glob<unknown>('../../../simulations/lessons/*.json', { import: 'default', eager: true });

export const LESSONS: readonly Lesson[] = Object.values(FILES)
  .map((file) => parseLesson(file))
  .sort((a, b) => a.order - b.order);

export function lessonById(id: string | undefined): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
