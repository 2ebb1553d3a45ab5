// @vitest-environment jsdom
/**
 * A lesson step's script task in the lesson panel (issue 22): its "Open in the Script panel"
 * button puts the step's starter script in the document's script (what the Script tab shows) and
 * opens the panel; a script the learner had comes back with Undo; the task's goal reads "not run
 * yet" until a run, and follows each run's result (here the real results of the starter and the
 * solution, run in Node by the CLI's sandbox).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createStores, StoresProvider } from '../../src/ui/app/stores.tsx';
import { LessonPanel } from '../../src/ui/lessons/LessonPanel.tsx';
import { lessonById } from '../../src/ui/lessons/lessonCatalog.ts';
import { startLesson } from '../../src/ui/lessons/startLesson.ts';
import { undo } from '../../src/store/documentStore.ts';
import { runScript } from '../../src/script/runInNode.ts';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { twoNodes } from './toolbarSupport.tsx';

const lesson = lessonById('backoff-and-jitter')!;
const index = lesson.steps.findIndex((s) => s.script);
const task = lesson.steps[index].script!;
// jsdom's import.meta.url is no file URL: from the project's root (where vitest runs).
const file = (name: string) => readFileSync(join(process.cwd(), 'simulations/lessons/scripts', name), 'utf8');

describe('a lesson step with a script task', () => {
  it('opens its starter in the Script panel (Undo brings the learner’s script back), and its goal follows the runs', async () => {
    const user = userEvent.setup();
    const stores = createStores(createSimulationApi(), twoNodes);
    act(() => startLesson(stores, lesson));
    act(() => stores.document.getState().dispatch({ type: 'updateSettings', patch: { script: '// my own sweep' } }));
    render(
      <StoresProvider stores={stores}>
        <LessonPanel />
      </StoresProvider>,
    );
    const step = within(screen.getByRole('list', { name: 'Steps' })).getAllByRole('listitem')[index];
    const goal = within(step).getByTestId('lesson-script-goal');
    expect(goal).toHaveTextContent('not run yet');
    expect(goal).toHaveAttribute('data-pass', 'false');
    expect(stores.ui.getState().scriptOpen).toBe(false);

    await user.click(within(step).getByRole('button', { name: 'Open in the Script panel' }));
    expect(stores.document.getState().document.script).toBe(file(task.starter));
    expect(stores.ui.getState().scriptOpen).toBe(true);
    expect(stores.ui.getState().notice?.text).toMatch(/Undo brings yours back/);

    // The starter's own run fails the goal, naming the check; the solution's passes it.
    const seed = lesson.scenario.seed as number;
    const starterRun = await runScript(file(task.starter), { seed });
    act(() => stores.ui.getState().setScriptResult(starterRun));
    expect(goal).toHaveAttribute('data-pass', 'false');
    expect(goal).toHaveTextContent('"full jitter needs fewer calls than none"');
    const solutionRun = await runScript(file(task.solution), { seed });
    act(() => stores.ui.getState().setScriptResult(solutionRun));
    expect(goal).toHaveAttribute('data-pass', 'true');
    expect(goal).toHaveTextContent('all 1 check passed');

    act(() => undo(stores.document));
    expect(stores.document.getState().document.script).toBe('// my own sweep');
  });

  it('does not touch the script, nor say so, when the starter is already there', async () => {
    const user = userEvent.setup();
    const stores = createStores(createSimulationApi(), twoNodes);
    act(() => startLesson(stores, lesson));
    act(() => stores.document.getState().dispatch({ type: 'updateSettings', patch: { script: file(task.starter) } }));
    const revision = stores.document.getState().revision;
    act(() => stores.ui.getState().dismissNotice());
    render(
      <StoresProvider stores={stores}>
        <LessonPanel />
      </StoresProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Open in the Script panel' }));
    expect(stores.document.getState().revision).toBe(revision);
    expect(stores.ui.getState().notice).toBeUndefined();
    expect(stores.ui.getState().scriptOpen).toBe(true);
  });
});
