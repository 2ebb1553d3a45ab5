// @vitest-environment jsdom
/**
 * The lesson panel's place: hidden (collapsed beside the canvas, or its drawer closed), the
 * toolbar's Lessons button brings it back on the lesson being followed rather than switching to
 * the picker; shown, the button opens and closes the picker as before. The drawer keeps the panel
 * mounted while hidden, so the lesson it follows keeps its step and goals.
 */
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { preloadDeferred } from '../../src/ui/app/deferred.tsx';
import { createStores, StoresProvider } from '../../src/ui/app/stores.tsx';
import { LessonDrawer } from '../../src/ui/lessons/LessonDock.tsx';
import { startLesson } from '../../src/ui/lessons/LessonPanel.tsx';
import { lessonById } from '../../src/ui/lessons/lessonCatalog.ts';
import { Toolbar } from '../../src/ui/toolbar/Toolbar.tsx';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { twoNodes } from './toolbarSupport.tsx';

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());

describe('the lesson dock', () => {
  it('is brought back on the lesson by the Lessons button when hidden, and the button toggles the picker when shown', async () => {
    await preloadDeferred();
    const user = userEvent.setup();
    const stores = createStores(createSimulationApi(), twoNodes);
    render(
      <StoresProvider stores={stores}>
        <Toolbar />
        <LessonDrawer />
      </StoresProvider>,
    );
    act(() => startLesson(stores, lessonById('first-request')!));
    const heading = await screen.findByRole('heading', { name: '1. A first request' });

    await user.click(screen.getByRole('button', { name: 'Hide the lesson panel' }));
    expect(stores.ui.getState().lessonPanelOpen).toBe(false);
    // Hidden, not gone: the lesson it follows is still there, and still followed.
    expect(heading.isConnected).toBe(true);
    expect(screen.queryByRole('complementary', { name: 'Lessons' })).toBeNull();
    expect(stores.lesson.getState().activeId).toBe('first-request');

    await user.click(screen.getByRole('button', { name: 'Lessons' }));
    expect(stores.ui.getState().lessonPanelOpen).toBe(true);
    expect(stores.lesson.getState().pickerOpen).toBe(false);
    expect(screen.getByRole('heading', { name: '1. A first request' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Lessons' }));
    expect(stores.lesson.getState().pickerOpen).toBe(true);
    expect(screen.getByRole('list', { name: 'All lessons' })).toBeTruthy();
  });
});
