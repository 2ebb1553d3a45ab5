// @vitest-environment jsdom
/**
 * The notice a started lesson leaves says what happened to the learner's system: "in place of
 * your system (… Undo brings it back)" only when there was one. A first visit's empty canvas (the
 * welcome card's Start Lesson 1) has nothing to bring back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDocument } from '../../src/store/document/commands.ts';
import { createStores } from '../../src/ui/app/stores.tsx';
import { startLesson } from '../../src/ui/lessons/LessonPanel.tsx';
import { LESSONS } from '../../src/ui/lessons/lessonCatalog.ts';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { twoNodes } from './toolbarSupport.tsx';

const first = LESSONS[0]!;
afterEach(() => localStorage.clear());

describe('the notice of a started lesson', () => {
  it('on an empty canvas says the lesson is loaded, not that it replaced a system', () => {
    const stores = createStores(createSimulationApi(), emptyDocument());
    startLesson(stores, first);
    const text = stores.ui.getState().notice?.text ?? '';
    expect(text).toMatch(new RegExp(`Lesson "${first.title}" loaded`));
    expect(text).not.toMatch(/in place of your system|Undo/);
  });

  it("over a system of the learner's says it was replaced and how to get it back", () => {
    const stores = createStores(createSimulationApi(), twoNodes);
    startLesson(stores, first);
    expect(stores.ui.getState().notice?.text).toMatch(/in place of your system \(Sandbox, then Undo, brings it back\)/);
  });
});
