/**
 * Opening a whole other system: a file, a share link, an example, File ▸ New. In the Sandbox it
 * simply replaces the system (one Undo brings the previous one back). While a lesson is followed
 * the lesson's locks refuse it (see store/lessonLocks.ts: the lesson's goals are about its own
 * system), so the page asks first: leave the lesson for the Sandbox and open the system there, or
 * stay in the lesson and change nothing. Nothing here can get round the locks: the replacement is
 * still a command the guard sees, dispatched only once the lesson is left.
 */
import type { DocumentInput, DocumentOrigin } from '../../store/document/commands.ts';
import type { Stores } from './stores.tsx';

/** A system to open and how to speak of it. */
export interface Opening {
  readonly origin: Exclude<DocumentOrigin, 'lesson'>;
  readonly document: DocumentInput;
  /** What opening it is, as the question starts: `Importing "orders.json"`. */
  readonly what: string;
  /** What the confirming answer does after leaving: `import`, `open the link`. */
  readonly verb: string;
  /** The notice once it is open, as a sentence: `Imported "orders.json". Undo brings the previous system back.` */
  readonly done: string;
}

/** Leaves lesson mode (its goals with it); the system on the canvas stays as it is. */
export function leaveLessonMode(stores: Stores): void {
  stores.lesson.getState().leave();
  stores.run.setGoals(undefined);
}

/**
 * Opens `opening.document` in place of the system, asking first to leave the lesson if one is
 * followed. `onOpened` runs once it is open (not if the person stays in the lesson).
 */
export function openSystem(stores: Stores, opening: Opening, onOpened?: () => void): void {
  const open = (leftLesson: boolean) => {
    if (stores.document.getState().dispatch({ type: 'replaceDocument', document: opening.document, origin: opening.origin }) !== undefined)
      return;
    stores.ui.getState().clearSelection();
    stores.ui.getState().notify(leftLesson ? `Left the lesson for the Sandbox: ${lowerFirst(opening.done)}` : opening.done);
    onOpened?.();
  };
  if (stores.lesson.getState().activeId === undefined) {
    open(false);
    return;
  }
  stores.ui.getState().ask({
    title: 'Leave the lesson?',
    text: `${opening.what} replaces the system of the lesson you are following, which its locks and goals are about. Leave the lesson for the Sandbox and ${opening.verb} there? Your progress is kept; Lessons starts the lesson again.`,
    confirm: `Leave the lesson and ${opening.verb}`,
    cancel: 'Stay in the lesson',
    onConfirm: () => {
      leaveLessonMode(stores);
      open(true);
    },
  });
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
