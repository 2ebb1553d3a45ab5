/**
 * The curriculum map (the lesson picker): the suggested next lesson, then every lesson grouped by
 * topic, each with its concepts, its progress (done / in progress / not started, from the lesson
 * store, kept in the browser), the lessons it builds on that are not done yet, and a Challenge mark
 * for the levels with goals only. Every lesson can be started at any time: prerequisites advise,
 * they do not lock. See curriculum.ts for the grouping and the suggestion.
 */
import type { Lesson } from '../../lessons/lessonSchema.ts';
import type { LessonProgress } from '../../store/lessonStore.ts';
import { useLesson, useStores } from '../app/stores.tsx';
import { missingPrerequisites, nextLesson, topicGroups, type Progress } from './curriculum.ts';
import { LESSONS } from './lessonCatalog.ts';
import { startLesson } from './startLesson.ts';

const PROGRESS_TEXT: Record<LessonProgress | 'none', string> = { none: 'Not started', 'in-progress': 'In progress', done: 'Done' };

/** The map; `lessons` defaults to the shipped ones (tests pass their own). */
export function CurriculumMap({ lessons = LESSONS }: { readonly lessons?: readonly Lesson[] }) {
  const stores = useStores();
  const progress = useLesson((s) => s.progress);
  const activeId = useLesson((s) => s.activeId);
  const next = nextLesson(lessons, progress);
  const done = lessons.filter((l) => progress[l.id] === 'done').length;
  const verb = next && progress[next.id] === 'in-progress' ? 'Continue' : 'Start';
  return (
    <>
      <div className="lesson-header">
        <h2>Lessons</h2>
        <button type="button" onClick={() => stores.lesson.getState().closePicker()}>
          {activeId ? 'Back to the lesson' : 'Close'}
        </button>
      </div>
      <p className="lesson-muted" data-testid="curriculum-done">
        {done} of {lessons.length} done
      </p>
      {next ? (
        <div className="curriculum-next" role="region" aria-label="Suggested next">
          <div className="curriculum-next-text">
            <span className="lesson-muted">Next: </span>
            <strong>
              {next.order}. {next.title}
            </strong>
          </div>
          {/* Its name holds its visible word (axe: label-content-name-mismatch) and differs from the entry's "Start <title>". */}
          <button type="button" aria-label={`${verb} next: ${next.title}`} onClick={() => startLesson(stores, next)}>
            {verb}
          </button>
        </div>
      ) : (
        <p className="curriculum-next" role="region" aria-label="Suggested next">
          Every lesson is done.
        </p>
      )}
      <ol className="curriculum-topics" aria-label="All lessons">
        {topicGroups(lessons).map((group) => (
          <li key={group.topic} aria-label={group.title} className="curriculum-topic">
            <h3>
              {group.title}
              <span className="lesson-muted curriculum-topic-count">
                {' '}
                {group.lessons.filter((l) => progress[l.id] === 'done').length} of {group.lessons.length} done
              </span>
            </h3>
            <ol className="lesson-list" aria-label={`${group.title}: lessons`}>
              {group.lessons.map((l) => (
                <LessonEntry key={l.id} lesson={l} lessons={lessons} progress={progress} next={l === next} />
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </>
  );
}

function LessonEntry({
  lesson,
  lessons,
  progress,
  next,
}: {
  lesson: Lesson;
  lessons: readonly Lesson[];
  progress: Progress;
  next: boolean;
}) {
  const stores = useStores();
  const state = progress[lesson.id] ?? 'none';
  const missing = state === 'done' ? [] : missingPrerequisites(lesson, lessons, progress);
  return (
    <li aria-label={lesson.title} data-progress={state} data-next={next || undefined} className={next ? 'is-next' : undefined}>
      <div className="lesson-entry">
        <div>
          {lesson.order}. {lesson.title}
          {lesson.challenge && (
            <span className="lesson-badge" title="Goals only: no steps guide you">
              Challenge
            </span>
          )}
        </div>
        <div className="lesson-concepts">{lesson.concepts.join(', ')}</div>
        <div className="lesson-entry-status">
          <span className="lesson-progress" data-progress={state}>
            {PROGRESS_TEXT[state]}
          </span>
          {next && <span className="lesson-progress curriculum-next-mark"> · Next</span>}
        </div>
        {missing.length > 0 && (
          <div className="lesson-requires lesson-muted">Builds on: {missing.map((l) => `${l.order}. ${l.title}`).join('; ')}</div>
        )}
      </div>
      <button type="button" aria-label={`Start ${lesson.title}`} onClick={() => startLesson(stores, lesson)}>
        Start
      </button>
    </li>
  );
}
