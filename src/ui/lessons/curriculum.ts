/**
 * The curriculum map's reading of the lessons: grouped by topic (in the order LESSON_TOPICS gives),
 * each group in curriculum order; which prerequisites (a lesson's `requires`) are not done yet; and
 * the suggested next lesson (see nextLesson). Pure, so the picker and its tests read the same answers.
 */
import { LESSON_TOPICS, type Lesson, type LessonTopic } from '../../lessons/lessonSchema.ts';
import type { LessonProgress } from '../../store/lessonStore.ts';

export type Progress = Readonly<Record<string, LessonProgress>>;

/** One topic of the map and its lessons, in curriculum order. */
export interface TopicGroup {
  readonly topic: LessonTopic;
  readonly title: string;
  readonly lessons: readonly Lesson[];
}

/** The topics that have lessons, in the map's order, each with its lessons in curriculum order. */
export function topicGroups(lessons: readonly Lesson[]): TopicGroup[] {
  const sorted = [...lessons].sort((a, b) => a.order - b.order);
  return (Object.keys(LESSON_TOPICS) as LessonTopic[])
    .map((topic) => ({ topic, title: LESSON_TOPICS[topic], lessons: sorted.filter((l) => l.topic === topic) }))
    .filter((g) => g.lessons.length > 0);
}

/** `lesson`'s prerequisites not done yet, as lessons (an id naming no lesson is skipped: the lesson tests refuse it). */
export function missingPrerequisites(lesson: Lesson, lessons: readonly Lesson[], progress: Progress): Lesson[] {
  return lesson.requires.filter((id) => progress[id] !== 'done').flatMap((id) => lessons.filter((l) => l.id === id));
}

/**
 * The suggested next lesson: one in progress whose prerequisites are done (finish what was begun),
 * else the first in curriculum order not done whose prerequisites all are; undefined when every
 * lesson is done. (As every lesson's prerequisites come before it, the second is the first lesson
 * not done; the check keeps the answer right for a list without that order.)
 */
export function nextLesson(lessons: readonly Lesson[], progress: Progress): Lesson | undefined {
  const ready = [...lessons]
    .sort((a, b) => a.order - b.order)
    .filter((l) => progress[l.id] !== 'done' && missingPrerequisites(l, lessons, progress).length === 0);
  return ready.find((l) => progress[l.id] === 'in-progress') ?? ready[0];
}
