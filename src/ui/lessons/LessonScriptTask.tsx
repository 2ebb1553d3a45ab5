/**
 * A lesson step's script task (issue 22): "Open in the Script panel" puts the step's starter in
 * the Script tab and opens the panel, and the task's goal is judged again at every finished run
 * of the script. Loading the starter is one edit of the document's script, so Undo brings back
 * the learner's own script; the notice says so when it replaced one.
 */
import type { ScriptTask } from '../../lessons/lessonSchema.ts';
import { evaluateScriptGoal } from '../../lessons/scriptGoal.ts';
import { useStores, useUi } from '../app/stores.tsx';
import { lessonScript } from './lessonScripts.ts';

export function LessonScriptTask({ task }: { readonly task: ScriptTask }) {
  const stores = useStores();
  const result = useUi((s) => s.scriptResult);
  const starter = lessonScript(task.starter);
  const verdict = evaluateScriptGoal(task.goal, result);
  const open = () => {
    if (starter === undefined) return;
    const { document, dispatch } = stores.document.getState();
    const ui = stores.ui.getState();
    if (document.script !== starter) {
      dispatch({ type: 'updateSettings', patch: { script: starter } });
      // A run of another script does not judge this one.
      ui.setScriptResult(undefined);
      if (document.script !== undefined) ui.notify('The starter script replaced yours in the Script tab: Undo brings yours back.');
    }
    ui.requestScriptTab();
  };
  return (
    <div className="lesson-script-task">
      <button type="button" className="lesson-script-open" onClick={open} disabled={starter === undefined}>
        Open in the Script panel
      </button>
      <p className="lesson-script-goal" data-pass={String(verdict.pass)} data-testid="lesson-script-goal" role="status">
        <span className="lesson-mark" aria-hidden="true">
          {verdict.pass ? '✓' : '○'}
        </span>{' '}
        {verdict.description}: {verdict.why}
      </p>
    </div>
  );
}
