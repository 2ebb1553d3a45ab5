/**
 * Lesson mode, beside the canvas (placed by LessonDock.tsx): the curriculum map (CurriculumMap.tsx), and
 * the lesson being followed (its steps, which point at a node or link of the system; its goals,
 * as measured on the run at the playhead (the last checkpoint at or before it: the worker runs
 * ahead) with why each passes or fails, and beside each the figure of the run before the last
 * change ("p99 1.3s → 97.9ms"); a line saying how edits apply in a lesson (from 0 s, see
 * inspector/useFieldValidation.ts editTime); hints on request; the debrief and "done" once a whole
 * run meets every goal). Starting or resetting a lesson replaces the system
 * (undo goes back no further than the lesson's start); Sandbox leaves lesson mode and keeps the
 * system, and one Undo past the lesson's start brings back the system before it.
 */
import { useEffect } from 'react';
import { debriefOf } from '../../lessons/check.ts';
import type { Lesson, LessonTarget } from '../../lessons/lessonSchema.ts';
import type { GoalResult } from '../../lessons/goals.ts';
import { goalPointAt, previousPointFor, type PreviousPoint } from '../../store/runStore.ts';
import { LESSON_EDIT_RULE } from '../inspector/useFieldValidation.ts';
import { useLesson, usePlayback, useRun, useStores } from '../app/stores.tsx';
import { lessonById } from './lessonCatalog.ts';
import { CurriculumMap } from './CurriculumMap.tsx';
import { leaveLesson, startLesson } from './startLesson.ts';
import { revealOnCanvas } from './revealTarget.ts';
import { LessonScriptTask } from './LessonScriptTask.tsx';
import './lessons.css';

// Started from the map, the welcome card and tests, which import them from here.
export { leaveLesson, startLesson };

/** How a step's control or chart reads in its Show button ("Show the timeline"). */
const TARGET_NAMES: Record<LessonTarget, string> = {
  play: 'Play',
  speed: 'the speed',
  timeline: 'the timeline',
  break: 'Break…',
  palette: 'the palette',
  inspector: 'the inspector',
  summary: 'the run summary',
  history: 'the chart',
};

/** What a step's Show button names: its node or link, else its control or chart (undefined: it points at nothing). */
function shownName(highlight: NonNullable<Lesson['steps'][number]['highlight']>): string | undefined {
  const target = highlight.control ?? highlight.chart;
  return highlight.node ?? highlight.link ?? (target && TARGET_NAMES[target]);
}

/** A checkpoint's time as the panel says it: 12.2 s, 0.05 s. */
const seconds = (ms: number) => `${Number((ms / 1000).toFixed(2))} s`;

/** Where the previous run's figure was measured, when not at the same point of the run as this one's. */
function previousLabel(before: PreviousPoint): string | undefined {
  if (before.at === 'same') return undefined;
  return before.at === 'end' ? 'previous run, at its end' : `previous run at ${seconds(before.point.time)}`;
}

/**
 * A goal's figure on the run before the last change beside this run's: "p99 1.87s → 97.9ms". While
 * a new run plays past where the previous one was measured, the previous figure is its nearest
 * earlier checkpoint's or its end's, and says so ("p99 1.87s (previous run, at its end) → 97.9ms").
 */
function GoalCompare({
  before,
  after,
  label,
}: {
  readonly before: GoalResult;
  readonly after: GoalResult;
  readonly label: string | undefined;
}) {
  return (
    <div className="lesson-compare" title={label ? `The ${label} → this run` : 'The previous run → this run, at the same point of the run'}>
      <span className="visually-hidden">The previous run, then this one: </span>
      <span data-testid="goal-compare">
        {after.figure.name} {before.figure.value}
        {label ? ` (${label})` : ''} → {after.figure.value}
      </span>
    </div>
  );
}

export function LessonPanel() {
  const stores = useStores();
  const pickerOpen = useLesson((s) => s.pickerOpen);
  const activeId = useLesson((s) => s.activeId);
  const lesson = lessonById(activeId);
  // Back after a reload (see lessonStore.ts): a lesson no longer shipped is left (its locks with it);
  // one shipped locks what its current version says.
  useEffect(() => {
    if (activeId === undefined) return;
    if (!lesson) stores.lesson.getState().leave();
    else if (!sameIds(stores.lesson.getState().editable, lesson.editable)) stores.lesson.setState({ editable: lesson.editable });
  }, [stores, activeId, lesson]);
  if (!pickerOpen && !lesson) return null;
  return (
    <aside className="lesson-panel" aria-label="Lessons">
      {pickerOpen || !lesson ? <CurriculumMap /> : <LessonView lesson={lesson} />}
    </aside>
  );
}

function sameIds(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((id, i) => id === b[i]);
}

function LessonView({ lesson }: { lesson: Lesson }) {
  const stores = useStores();
  const hintsShown = useLesson((s) => s.hintsShown);
  const done = useLesson((s) => s.progress[lesson.id] === 'done');
  const goals = useRun((s) => s.goals);
  const timeline = useRun((s) => s.goalTimeline);
  const previousTimeline = useRun((s) => s.previousTimeline);
  const duration = useRun((s) => s.duration);
  // The measurement at the playhead: re-rendered when the playhead passes a checkpoint, not every frame.
  const shown = usePlayback((s) => goalPointAt(timeline, s.time));
  // Coming back to a lesson already followed (the panel mounts again): its goals are measured again.
  useEffect(() => {
    if (stores.run.getState().goals !== lesson.goals) stores.run.setGoals(lesson.goals, lesson.scenario);
  }, [stores, lesson]);
  const measured = goals === lesson.goals;
  const point = measured ? shown : undefined;
  const results = point?.results;
  // The run before the last change (goals in the same order), for before → after: at the same
  // checkpoint, else the nearest earlier one it was measured at, else its end (see previousPointFor).
  const before = point && previousPointFor(previousTimeline, point, lesson.goals.length);
  const beforeLabel = before && previousLabel(before);
  const atEnd = point !== undefined && point.time >= duration;
  // The whole run, once simulated to its end (the playhead may be anywhere).
  const last = measured ? timeline[timeline.length - 1] : undefined;
  const final = last !== undefined && last.time >= duration ? last : undefined;
  const allPass = final !== undefined && final.results.every((r) => r.pass);
  useEffect(() => {
    if (allPass) stores.lesson.getState().markDone(lesson.id);
  }, [allPass, stores, lesson.id]);

  // The current step's node or link is emphasised on the canvas while the lesson is open.
  const step = Math.min(
    useLesson((s) => s.step),
    lesson.steps.length - 1,
  );
  useEffect(() => {
    stores.lesson.getState().setStep(step, lesson.steps[step]?.highlight);
  }, [stores, lesson, step]);
  const goTo = (index: number) => stores.lesson.getState().setStep(index, lesson.steps[index]?.highlight);

  const show = (index: number, highlight: Lesson['steps'][number]['highlight']) => {
    goTo(index);
    if (highlight?.node) stores.ui.getState().select({ nodeIds: [highlight.node] });
    else if (highlight?.link) stores.ui.getState().select({ linkIds: [highlight.link] });
    // The view moves to the node or link, wherever the person had panned it.
    if (highlight?.node || highlight?.link)
      revealOnCanvas(stores, highlight.node ? { nodeIds: [highlight.node] } : { linkIds: [highlight.link ?? ''] });
    // A control or chart is outlined where it is; bring it into view (the chart once the selection has rendered it).
    const target = highlight?.control ?? highlight?.chart;
    if (target)
      requestAnimationFrame(() => document.querySelector(`[data-lesson-target="${target}"]`)?.scrollIntoView?.({ block: 'nearest' }));
  };

  return (
    <>
      <div className="lesson-header">
        <h2>
          {lesson.order}. {lesson.title}
        </h2>
        {lesson.challenge && (
          <span className="lesson-badge" title="Goals only: no steps guide you">
            Challenge
          </span>
        )}
        {done && (
          <span className="lesson-progress" data-progress="done">
            Done
          </span>
        )}
      </div>
      <p className="lesson-muted">{lesson.summary}</p>
      <h3>{lesson.challenge ? 'The challenge' : 'Steps'}</h3>
      <ol aria-label="Steps">
        {lesson.steps.map((item, i) => (
          <li key={i} aria-current={i === step ? 'step' : undefined} className={i === step ? 'lesson-step-current' : undefined}>
            {item.text}
            {item.highlight && shownName(item.highlight) && (
              <button
                type="button"
                className="lesson-step-show"
                onClick={() => show(i, item.highlight)}
                aria-label={`Show ${shownName(item.highlight)}`}
              >
                Show
              </button>
            )}
            {item.script && <LessonScriptTask task={item.script} />}
          </li>
        ))}
      </ol>
      {step < lesson.steps.length - 1 && (
        <button type="button" className="lesson-step-next" onClick={() => goTo(step + 1)}>
          Next step
        </button>
      )}
      <p className="lesson-muted lesson-edit-rule" data-testid="lesson-edit-rule">
        {LESSON_EDIT_RULE}
      </p>
      <h3>Goals{point ? (atEnd ? ' at the end of the run' : ` at ${seconds(point.time)}`) : ''}</h3>
      <ul aria-label="Goals">
        {lesson.goals.map((goal, i) => {
          const r = results?.[i];
          return (
            <li key={i} className="lesson-goal" data-pass={r ? String(r.pass) : undefined}>
              <span className="lesson-mark" aria-hidden="true">
                {r ? (r.pass ? '✓ ' : '✗ ') : '○ '}
              </span>
              <span>{r?.description ?? goal.label ?? goal.kind}</span>
              <span className="visually-hidden">{r ? (r.pass ? ' (passing)' : ' (failing)') : ' (not measured yet)'}</span>
              <div className="lesson-why">{r ? r.why : 'Press Play to measure it on the run.'}</div>
              {r && before && <GoalCompare before={before.point.results[i]} after={r} label={beforeLabel} />}
            </li>
          );
        })}
      </ul>
      {final && !atEnd && (
        <p className="lesson-muted lesson-whole-run">
          Whole run: {final.results.filter((r) => r.pass).length} of {final.results.length} goals met.{' '}
          <button type="button" onClick={() => stores.playback.getState().seek(final.time)}>
            Go to the end
          </button>
        </p>
      )}
      {lesson.hints.length > 0 && (
        <>
          <h3>Hints</h3>
          {hintsShown > 0 && (
            <ol aria-label="Hints">
              {lesson.hints.slice(0, hintsShown).map((h, i) => (
                <li key={i}>{h}</li>
              ))}
            </ol>
          )}
          {hintsShown < lesson.hints.length && (
            <button type="button" onClick={() => stores.lesson.getState().revealHint()}>
              {hintsShown === 0 ? 'Show a hint' : 'Another hint'} ({hintsShown} of {lesson.hints.length})
            </button>
          )}
        </>
      )}
      {allPass && (
        <div className="lesson-debrief" role="status" aria-label="Debrief">
          <strong>Lesson done.</strong> {debriefOf(lesson, final.results)}
        </div>
      )}
      <div className="lesson-actions">
        <button
          type="button"
          onClick={() => {
            stores.lesson.getState().resetHints();
            startLesson(stores, lesson, true);
          }}
        >
          Reset lesson
        </button>
        <button type="button" onClick={() => stores.lesson.getState().openPicker()}>
          All lessons
        </button>
        <button type="button" onClick={() => leaveLesson(stores)}>
          Sandbox
        </button>
      </div>
    </>
  );
}
