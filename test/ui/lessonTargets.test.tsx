// @vitest-environment jsdom
/**
 * A lesson step can point at a control or a chart as well as a node or link: while the step is
 * followed, the control it names (Play, speed, timeline, Break…, palette, inspector, the run
 * summary) is outlined, and nothing is outside a lesson or once the step moves on.
 */
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LESSON_CONTROLS } from '../../src/lessons/lessonSchema.ts';
import { createStores, StoresProvider } from '../../src/ui/app/stores.tsx';
import { BreakButton } from '../../src/ui/faults/BreakButton.tsx';
import { Inspector } from '../../src/ui/inspector/Inspector.tsx';
import { LESSONS } from '../../src/ui/lessons/lessonCatalog.ts';
import { LessonPanel } from '../../src/ui/lessons/LessonPanel.tsx';
import { Palette } from '../../src/ui/palette/Palette.tsx';
import { Summary } from '../../src/ui/playback/Summary.tsx';
import { Timeline } from '../../src/ui/playback/Timeline.tsx';
import { TransportControls } from '../../src/ui/playback/TransportControls.tsx';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { twoNodes } from './toolbarSupport.tsx';

function renderControls() {
  const stores = createStores(createSimulationApi(), twoNodes);
  render(
    <StoresProvider stores={stores}>
      <TransportControls />
      <Timeline />
      <BreakButton />
      <Palette />
      <Summary />
      <Inspector />
    </StoresProvider>,
  );
  return stores;
}

const outlined = () => Array.from(document.querySelectorAll('.is-lesson-highlight')).map((e) => e.getAttribute('data-lesson-target'));

describe('a lesson step pointing at a control or chart', () => {
  it('outlines exactly that control while the step is followed in a lesson', () => {
    const stores = renderControls();
    // Every control a lesson may name is on show, marked with its name (the history chart shows only with a queue or stream selected in a
    // run, so it is left out here).
    for (const name of [...LESSON_CONTROLS, 'summary']) expect(document.querySelector(`[data-lesson-target="${name}"]`)).not.toBeNull();
    act(() => stores.lesson.getState().setStep(0, { control: 'play' } as never));
    // Not in a lesson (the sandbox): nothing is outlined.
    expect(outlined()).toEqual([]);
    act(() => {
      stores.lesson.getState().begin('first-request', []);
      stores.lesson.getState().setStep(0, { control: 'play' } as never);
    });
    expect(outlined()).toEqual(['play']);
    expect(screen.getByRole('button', { name: 'Play' })).toHaveClass('playback-button', 'playback-play', 'is-lesson-highlight');
    act(() => stores.lesson.getState().setStep(1, { chart: 'summary' } as never));
    expect(outlined()).toEqual(['summary']);
    act(() => stores.lesson.getState().setStep(2, { node: 'api', control: 'timeline' } as never));
    expect(outlined()).toEqual(['timeline']);
    act(() => stores.lesson.getState().leave());
    expect(outlined()).toEqual([]);
  });

  it('is used by the shipped lessons (the lesson schema admits only the names above)', () => {
    const named = LESSONS.flatMap((l) => l.steps.flatMap((s) => [s.highlight?.control, s.highlight?.chart].filter((x) => x !== undefined)));
    expect(named.length).toBeGreaterThan(3);
  });

  it('has a Show button that says what it points at', async () => {
    const stores = createStores(createSimulationApi(), twoNodes);
    render(
      <StoresProvider stores={stores}>
        <LessonPanel />
        <TransportControls />
      </StoresProvider>,
    );
    act(() => stores.lesson.getState().begin('circuit-breakers', []));
    expect(await screen.findByRole('button', { name: 'Show the timeline' })).toBeInTheDocument();
    act(() => screen.getByRole('button', { name: 'Show the timeline' }).click());
    expect(stores.lesson.getState().step).toBe(2);
  });
});
