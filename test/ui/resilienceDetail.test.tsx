// @vitest-environment jsdom
/**
 * The breaker's detail view in the inspector, over a real run: its state and what comes next,
 * the window filling cell by cell (or second by second), the rates against their thresholds, the
 * minimum-calls gate, the open countdown, the half-open permits, its last transitions.
 */
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BreakerState } from '../../src/engine/trace/eventTypes.ts';
import type { Stores } from '../../src/ui/app/stores.tsx';
import { refreshLive } from '../../src/ui/playback/liveState.ts';
import { BreakerDetail } from '../../src/ui/resilience/BreakerDetail.tsx';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { renderWith } from './playbackSupport.tsx';
import { guarded } from './resilienceSupport.ts';

const LINK = 'web->api';

async function watch(doc: DocumentInput) {
  const stores = renderWith(<BreakerDetail linkId={LINK} />, doc);
  await act(() => stores.run.start(doc, 12_000));
  const replay = stores.run.getState().replay!;
  const at = (t: number) =>
    act(() => {
      stores.playback.getState().seek(t);
      refreshLive(stores.live, stores);
    });
  return { stores, replay, at };
}

/** The first time on a 10 ms grid at which link 0's breaker is in `state`. */
function firstIn(replay: NonNullable<ReturnType<Stores['run']['getState']>['replay']>, state: number): number {
  for (let t = 0; t <= replay.horizon; t += 10) if (replay.links.breakerStateAt(0, t) === state) return t;
  throw new Error(`never in state ${state}`);
}

describe('the breaker detail view', () => {
  it('shows nothing before a run', () => {
    renderWith(<BreakerDetail linkId={LINK} />, guarded);
    expect(screen.queryByTestId('breaker-detail')).toBeNull();
  });

  it('shows a count window filling, the gate, and the rates against their thresholds while closed', async () => {
    const { replay, at } = await watch(guarded);
    at(150);
    const early = replay.links.breakerAt(0, 150)!;
    expect(early.calls).toBeGreaterThan(0);
    expect(early.calls).toBeLessThan(5);
    expect(screen.getByTestId('breaker-state')).toHaveAttribute('data-state', 'closed');
    const cells = () => screen.getByTestId('breaker-cells').querySelectorAll('.breaker-cell');
    expect(cells()).toHaveLength(10);
    expect(screen.getByTestId('breaker-cells').querySelectorAll('.breaker-cell.is-empty')).toHaveLength(10 - early.calls);
    expect(screen.getByTestId('breaker-gate')).toHaveTextContent(
      `Calls in the window: ${early.calls}, at least 5 needed — too few to judge`,
    );
    expect(screen.getByTestId('breaker-failure-rate')).toHaveTextContent('Failure rate– (opens at 50 %)');

    at(2000);
    expect(screen.getByTestId('breaker-cells').querySelectorAll('.breaker-cell.is-empty')).toHaveLength(0);
    expect(screen.getByTestId('breaker-cells').querySelectorAll('.breaker-cell.is-success')).toHaveLength(10);
    expect(screen.getByTestId('breaker-gate')).toHaveTextContent('Calls in the window: 10, at least 5 needed — the rates count');
    expect(screen.getByTestId('breaker-failure-rate')).toHaveTextContent('Failure rate0 % (opens at 50 %)');
    expect(screen.getByTestId('breaker-slow-rate')).toHaveTextContent('Slow-call rate0 % (opens at 100 %)');
  });

  it('counts down while open, shows the permits left while half-open, and lists the transitions', async () => {
    const { replay, at } = await watch(guarded);
    const opened = firstIn(replay, BreakerState.OPEN);
    expect(opened).toBeGreaterThan(3000);
    at(opened + 500);
    expect(screen.getByTestId('breaker-state')).toHaveAttribute('data-state', 'open');
    const since = replay.links.breakerAt(0, opened + 500)!.since;
    expect(screen.getByTestId('breaker-countdown')).toHaveTextContent(`left of 2s: then the next call goes half-open.`);
    expect(screen.getByTestId('breaker-countdown').textContent).toContain(`${Math.ceil((since + 2000 - opened - 500) / 100) / 10}s left`);
    expect(within(screen.getByTestId('breaker-transitions')).getAllByRole('listitem')[0]).toHaveTextContent('Closed → Open');
    // The rates that opened it: the failures the window held at the moment it tripped.
    expect(screen.getByTestId('breaker-failure-rate')).toHaveClass('is-over');
    expect(screen.getByTestId('breaker-failure-rate')).toHaveTextContent(/≥ 50 %: over/);
    expect(Number(/Refused so far: (\d+)/.exec(screen.getByTestId('breaker-refused').textContent!)![1])).toBe(
      replay.links.refusedAt(0, opened + 500),
    );

    const half = firstIn(replay, BreakerState.HALF_OPEN);
    at(half);
    expect(screen.getByTestId('breaker-state')).toHaveAttribute('data-state', 'half-open');
    const view = replay.links.breakerAt(0, half)!;
    expect(screen.getByTestId('breaker-permits')).toHaveTextContent(`Trial calls left: ${view.permitsLeft} of 3`);
    expect(screen.getByText(/Window: the 3 trial calls/)).toBeInTheDocument();
    expect(within(screen.getByTestId('breaker-transitions')).getAllByRole('listitem')[0]).toHaveTextContent('Open → Half-open');
    expect(screen.getByTestId('breaker-bulkhead')).toHaveTextContent(/of 3 places taken/);
  });

  it('shows a time window as one bar per second', async () => {
    const timeBased: DocumentInput = {
      ...guarded,
      links: [{ ...guarded.links![0], breaker: { windowType: 'time', windowSize: 5, minimumNumberOfCalls: 5 } }],
    };
    const { replay, at } = await watch(timeBased);
    at(2500);
    const view = replay.links.breakerAt(0, 2500)!;
    expect(view.windowType).toBe('time');
    const bars = screen.getByTestId('breaker-seconds').querySelectorAll('.breaker-second');
    expect(bars).toHaveLength(view.seconds.length);
    expect(bars.length).toBeGreaterThan(0);
    expect(screen.getByText(/Window: last 5 s/)).toBeInTheDocument();
    expect(bars[bars.length - 1].getAttribute('title')).toBe(
      `${view.seconds.at(-1)![0]} calls, ${view.seconds.at(-1)![1]} failed, ${view.seconds.at(-1)![2]} slow`,
    );
  });
});
