// @vitest-environment jsdom
/**
 * The playground never lets a run crash the tab: a valid file whose run is beyond the page's
 * budget (the maximum rate for 1000 h) shows its estimate and a refusal, and nothing is simulated;
 * a normal document shows its estimate near the Duration and runs.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { RunInfo } from '../../src/ui/app/RunInfo.tsx';
import { useStores } from '../../src/ui/app/stores.tsx';
import { usePlaybackEngine } from '../../src/ui/playback/usePlaybackEngine.ts';
import { Toolbar } from '../../src/ui/toolbar/Toolbar.tsx';
import { TransportControls } from '../../src/ui/playback/TransportControls.tsx';
import { SettingsView } from '../../src/ui/inspector/views/SettingsView.tsx';
import { BROWSER_MAX_EVENTS } from '../../src/worker/runBudget.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { renderWith, webAndApi } from './playbackSupport.tsx';

/** The largest load a file may ask for, for the longest time a file may last. */
const endless: DocumentInput = {
  version: 1,
  name: 'Endless',
  seed: 1,
  duration: '1000h',
  nodes: [
    { id: 'load', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 1_000_000 } },
    { id: 'api', kind: 'service', workers: 64, serviceTime: '1us' },
  ],
  links: [{ from: 'load', to: 'api', latency: 0 }],
  faults: [],
};

/** What restarts the run when the document changes, as the page mounts it. */
function Engine() {
  usePlaybackEngine(useStores());
  return null;
}

const runStatus = () => within(document.querySelector('.run-info') as HTMLElement).getByRole('status');

describe('the run budget in the page', () => {
  it('refuses an imported run beyond the budget with a clear message, and simulates nothing', async () => {
    const user = userEvent.setup();
    const stores = renderWith(
      <>
        <Toolbar />
        <RunInfo />
        <SettingsView />
      </>,
      webAndApi,
    );
    expect(await screen.findByTestId('run-estimate')).toHaveTextContent(/≈ [\d.]+ k events, [\d.]+ (KB|MB)/);
    await user.upload(
      document.querySelector('input[type="file"]') as HTMLInputElement,
      new File([JSON.stringify(endless)], 'endless.json', { type: 'application/json' }),
    );
    await waitFor(() => expect(stores.document.getState().document.name).toBe('Endless'));
    // Near the Duration, before any run: the estimate and the refusal.
    await waitFor(() => expect(screen.getByTestId('run-estimate')).toHaveTextContent(/≈ [\d.]+ T events, [\d.]+ (TB|PB)/));
    const note = screen.getByTestId('run-estimate');
    expect(note).toHaveTextContent(/Too big to run in the browser: 1000h/);
    expect(note).toHaveTextContent(`at most ${BROWSER_MAX_EVENTS / 1e6} M events`);
    expect(note).toHaveTextContent('Shorten the Duration');
    // Running it: refused at once, the status says why, nothing was simulated.
    await user.click(screen.getByRole('button', { name: 'Run to the end' }));
    await waitFor(() => expect(runStatus()).toHaveTextContent(/Too big to run in the browser: 1000h of this system is ≈ [\d.]+ T events/));
    const run = stores.run.getState();
    expect(run.status).toBe('invalid');
    expect(run.replay?.horizon ?? 0).toBe(0);
    expect(run.estimate?.events).toBeGreaterThan(BROWSER_MAX_EVENTS);
    expect(screen.getByRole('button', { name: 'Run to the end' })).toBeDisabled();
  });

  it('runs a document within the budget again once the duration is cut', async () => {
    const user = userEvent.setup();
    const stores = renderWith(
      <>
        <Engine />
        <RunInfo />
        <SettingsView />
      </>,
      endless,
    );
    await user.click(screen.getByRole('button', { name: 'Run to the end' }));
    await waitFor(() => expect(stores.run.getState().refusal).toMatch(/Too big/));
    stores.document.getState().dispatch({ type: 'updateSettings', patch: { duration: '1ms' } });
    await waitFor(() => expect(screen.getByTestId('run-estimate')).not.toHaveTextContent(/Too big/));
    expect(screen.getByTestId('run-estimate')).toHaveTextContent(/≈ [\d.]+ k? ?events/);
    // The edit restarts the run (as any edit after a first run does): now within the budget, it runs.
    await waitFor(() => expect(stores.run.getState().status).not.toBe('invalid'));
    expect(stores.run.getState().refusal).toBeUndefined();
    await user.click(screen.getByRole('button', { name: 'Run to the end' }));
    await waitFor(() => expect(stores.run.getState().status).toBe('done'), { timeout: 10_000 });
    expect(runStatus()).toHaveTextContent(/Simulated 0.001s/);
  });
});

describe('Play on a run that cannot start', () => {
  it('stops playing once the run is refused: Play again, and disabled', async () => {
    const user = userEvent.setup();
    const stores = renderWith(
      <>
        <Engine />
        <TransportControls />
        <RunInfo />
      </>,
      endless,
    );
    // Before any run nothing is known to be wrong: Play is offered, and pressing it asks for the run.
    await user.click(screen.getByRole('button', { name: /^Play/ }));
    await waitFor(() => expect(stores.run.getState().status).toBe('invalid'));
    await waitFor(() => expect(stores.playback.getState().playing).toBe(false));
    expect(screen.getByRole('button', { name: /^Play/ })).toBeDisabled();
    expect(screen.queryByRole('button', { name: /^Pause/ })).toBeNull();
  });
});
