// @vitest-environment jsdom
/**
 * The playback bar against real stores: Play/Pause (button, name, Space), speed, the timeline
 * slider, Step and Restart over a real run's trace, and the fault markers (select, remove, undo).
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { undo } from '../../src/store/documentStore.ts';
import { refreshLive } from '../../src/ui/playback/liveState.ts';
import { PlaybackBar } from '../../src/ui/playback/PlaybackBar.tsx';
import { renderWith, webAndApi } from './playbackSupport.tsx';

const withFaults = {
  ...webAndApi,
  faults: [
    { kind: 'crash' as const, target: 'api', at: '5s', duration: '2s' },
    { kind: 'loss' as const, link: 'web->api', at: 12_000, rate: 0.3 },
  ],
};

describe('play and pause', () => {
  it('is one button whose name says what it will do, and it drives the playback store', async () => {
    const user = userEvent.setup();
    const stores = renderWith(<PlaybackBar />, webAndApi);
    await user.click(screen.getByRole('button', { name: 'Play' }));
    expect(stores.playback.getState().playing).toBe(true);
    expect(screen.queryByRole('button', { name: 'Play' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    expect(stores.playback.getState().playing).toBe(false);
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument();
  });

  it('toggles with Space anywhere except in a text field or on a button', () => {
    const stores = renderWith(
      <>
        <PlaybackBar />
        <input aria-label="Name" />
      </>,
      webAndApi,
    );
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(stores.playback.getState().playing).toBe(true);
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(stores.playback.getState().playing).toBe(false);
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Name' }), { key: ' ' });
    expect(stores.playback.getState().playing).toBe(false);
    // On a focused button Space presses that button; the shortcut must not act as well.
    fireEvent.keyDown(screen.getByRole('button', { name: 'Restart' }), { key: ' ' });
    expect(stores.playback.getState().playing).toBe(false);
    fireEvent.keyDown(document.body, { key: ' ', ctrlKey: true });
    expect(stores.playback.getState().playing).toBe(false);
  });

  it('does not start a document that cannot run', () => {
    const stores = renderWith(<PlaybackBar />, webAndApi);
    act(() => stores.run.setState({ status: 'invalid' }));
    expect(screen.getByRole('button', { name: 'Play' })).toBeDisabled();
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(stores.playback.getState().playing).toBe(false);
  });
});

describe('speed and time', () => {
  it('offers 0.1× to 100× and sets the speed', async () => {
    const user = userEvent.setup();
    const stores = renderWith(<PlaybackBar />, webAndApi);
    const speed = screen.getByRole('combobox', { name: 'Speed' });
    const options = within(speed)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options[0]).toBe('0.1×');
    expect(options.at(-1)).toBe('100×');
    expect(speed).toHaveValue('1');
    await user.selectOptions(speed, '25');
    expect(stores.playback.getState().speed).toBe(25);
  });

  it('always shows the simulated time', () => {
    const stores = renderWith(<PlaybackBar />, webAndApi);
    expect(screen.getByTestId('sim-time')).toHaveTextContent('0.000 s');
    act(() => stores.playback.getState().seek(12_345.6));
    expect(screen.getByTestId('sim-time')).toHaveTextContent('12.346 s');
  });

  it('shows when playback waits for the simulation', () => {
    const stores = renderWith(<PlaybackBar />, webAndApi);
    expect(screen.getByTestId('buffering')).toBeEmptyDOMElement();
    act(() => {
      stores.run.setState({ status: 'running' });
      stores.playback.getState().setBuffering(true);
    });
    expect(screen.getByTestId('buffering')).toHaveTextContent('Buffering…');
  });
});

describe('the timeline', () => {
  it("is a slider over the document's duration whose value reads as simulated time, and scrubbing seeks", () => {
    const stores = renderWith(<PlaybackBar />, webAndApi);
    const slider = screen.getByRole('slider', { name: 'Timeline' });
    expect(slider).toHaveAttribute('max', '20000');
    expect(slider).toHaveAttribute('aria-valuetext', '0.000 s');
    fireEvent.change(slider, { target: { value: '7250' } });
    expect(stores.playback.getState().time).toBe(7250);
    expect(slider).toHaveAttribute('aria-valuetext', '7.250 s');
    // Scrubbing back is just another seek.
    fireEvent.change(slider, { target: { value: '1000' } });
    expect(stores.playback.getState().time).toBe(1000);
  });

  it('moves by a share of the run with the keys, and Home/End go to the ends', () => {
    const stores = renderWith(<PlaybackBar />, webAndApi);
    const slider = screen.getByRole('slider', { name: 'Timeline' });
    fireEvent.keyDown(slider, { key: 'PageUp' });
    expect(stores.playback.getState().time).toBe(2000);
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    expect(stores.playback.getState().time).toBe(2200);
    fireEvent.keyDown(slider, { key: 'End' });
    expect(stores.playback.getState().time).toBe(20_000);
    fireEvent.keyDown(slider, { key: 'Home' });
    expect(stores.playback.getState().time).toBe(0);
  });

  it('shows how far the run has been simulated', async () => {
    const stores = renderWith(<PlaybackBar />, webAndApi);
    await act(() => stores.run.start(webAndApi, 5000));
    act(() => refreshLive(stores.live, stores)); // what the playback engine does every frame
    const horizon = stores.run.getState().horizon;
    expect(horizon).toBeGreaterThanOrEqual(5000);
    expect(parseFloat(screen.getByTestId('timeline-horizon').style.width)).toBeCloseTo((horizon / 20_000) * 100, 2);
  });
});

describe('step and restart', () => {
  it('Step (and →) pause and move the playhead to the next event of the trace; Restart goes back to 0', async () => {
    const user = userEvent.setup();
    const stores = renderWith(<PlaybackBar />, webAndApi);
    expect(screen.getByRole('button', { name: 'Step' })).toBeDisabled();
    await act(() => stores.run.start(webAndApi, 3000));
    const trace = stores.run.getState().replay!.trace;
    act(() => stores.playback.getState().play());

    await user.click(screen.getByRole('button', { name: 'Step' }));
    expect(stores.playback.getState().playing).toBe(false);
    // The first row after a time, read straight off the trace.
    const firstAfter = (t: number) => {
      let i = 0;
      while (trace.time(i) <= t) i++;
      return trace.time(i);
    };
    const first = stores.playback.getState().time;
    expect(first).toBe(firstAfter(0));

    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    const second = stores.playback.getState().time;
    expect(second).toBeGreaterThan(first);
    expect(second).toBe(firstAfter(first));

    await user.click(screen.getByRole('button', { name: 'Restart' }));
    expect(stores.playback.getState().time).toBe(0);
  });
});

describe('fault markers', () => {
  it('show one marker per fault, select it, and remove it undoably', async () => {
    const user = userEvent.setup();
    const stores = renderWith(<PlaybackBar />, withFaults);
    const faults = screen.getByRole('group', { name: 'Faults' });
    const markers = within(faults).getAllByRole('button');
    expect(markers).toHaveLength(2);
    expect(markers[0]).toHaveAccessibleName('Crash api at 5s for 2s');
    expect(markers[0].style.left).toBe('25%');
    expect(markers[0].style.width).toBe('10%');
    expect(markers[1].style.width).toBe('40%'); // until the end
    expect(markers[1]).toHaveAccessibleName('Packet loss 30 % on web->api at 12s until the end');

    await user.click(markers[1]);
    expect(stores.ui.getState().selection.faultIndex).toBe(1);
    expect(markers[1]).toHaveAttribute('aria-pressed', 'true');

    await user.click(screen.getByRole('button', { name: 'Remove fault' }));
    expect(stores.document.getState().document.faults).toEqual([withFaults.faults[0]]);
    expect(stores.ui.getState().selection.faultIndex).toBeUndefined();
    expect(within(faults).getAllByRole('button')).toHaveLength(1);
    expect(screen.getByRole('slider', { name: 'Timeline' })).toHaveFocus();

    act(() => undo(stores.document));
    expect(stores.document.getState().document.faults).toEqual(withFaults.faults);
    expect(within(faults).getAllByRole('button')).toHaveLength(2);
  });

  it('are absent for a document without a fault schedule', () => {
    const { faults: _none, ...noSchedule } = webAndApi;
    renderWith(<PlaybackBar />, noSchedule);
    expect(within(screen.getByRole('group', { name: 'Faults' })).queryAllByRole('button')).toEqual([]);
  });

  it('are selectable by keyboard, and Delete on a marker removes its fault', async () => {
    const user = userEvent.setup();
    const stores = renderWith(<PlaybackBar />, withFaults);
    const [crash] = within(screen.getByRole('group', { name: 'Faults' })).getAllByRole('button');
    crash.focus();
    await user.keyboard('{Enter}');
    expect(stores.ui.getState().selection.faultIndex).toBe(0);
    await user.keyboard('{Delete}');
    expect(stores.document.getState().document.faults).toEqual([withFaults.faults[1]]);
  });
});

describe('Break…', () => {
  it('is disabled until a node or a link is selected', () => {
    const stores = renderWith(<PlaybackBar />, webAndApi);
    expect(screen.getByRole('button', { name: 'Break…' })).toBeDisabled();
    act(() => stores.ui.getState().select({ nodeIds: ['api'] }));
    expect(screen.getByRole('button', { name: 'Break…' })).toBeEnabled();
  });
});

describe('the shortcuts leave keys to what already uses them', () => {
  it('Space on a focused canvas node selects it, arrows move it: playback does neither', async () => {
    const stores = renderWith(
      <>
        <PlaybackBar />
        <div className="react-flow__node" tabIndex={0} data-testid="node" />
      </>,
      webAndApi,
    );
    await act(() => stores.run.start(webAndApi, 2000)); // so that a step would move the playhead
    fireEvent.keyDown(screen.getByTestId('node'), { key: ' ' });
    fireEvent.keyDown(screen.getByTestId('node'), { key: 'ArrowRight' });
    expect(stores.playback.getState().playing).toBe(false);
    expect(stores.playback.getState().time).toBe(0);
  });
});
