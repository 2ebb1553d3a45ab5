/**
 * The selected link's circuit breaker at the playhead, in the inspector while a run is watched:
 * its state and since when, what happens next (the open state's countdown to a trial call, the
 * half-open permits left), its sliding window with rates, thresholds and the minimum-calls gate
 * (BreakerWindow), its bulkhead, and its last transitions. Everything is read from the run's
 * trace (engine/replay/linkReplay.ts) at the sampled playhead: ten updates a second while playing.
 */
import { useMemo } from 'react';
import type { BreakerView } from '../../engine/replay/linkReplay.ts';
import { BreakerState } from '../../engine/trace/eventTypes.ts';
import { formatDuration } from '../../model/index.ts';
import { useRun } from '../app/stores.tsx';
import { useSampledPlayhead } from '../playback/sampledLive.ts';
import { BreakerIcon } from './BreakerIcon.tsx';
import { breakerDisplay } from './breakerDisplay.ts';
import { BreakerWindow } from './BreakerWindow.tsx';
import './resilience.css';

/** Transitions listed, newest first. */
const RECENT = 5;

export function BreakerDetail({ linkId }: { readonly linkId: string }) {
  const replay = useRun((s) => s.replay);
  const version = useRun((s) => s.version);
  const { time } = useSampledPlayhead();
  const detail = useMemo(() => {
    const l = replay?.topology.linkIds.indexOf(linkId) ?? -1;
    if (!replay || l < 0) return undefined;
    const t = Math.min(time, replay.horizon);
    return {
      t,
      view: replay.links.breakerAt(l, t),
      bulkhead: replay.links.bulkheadAt(l, t),
      refused: replay.links.refusedAt(l, t),
      transitions: replay.links.breakerTransitionsAt(l, t, RECENT),
    };
    // version: a new batch of the run may reach the playhead.
  }, [replay, linkId, time, version]);
  if (!detail || (!detail.view && !detail.bulkhead)) return null;
  const { t, view, bulkhead, refused, transitions } = detail;
  return (
    <section
      className="inspector-live breaker-detail"
      aria-label="Circuit breaker and bulkhead at the playhead"
      data-testid="breaker-detail"
    >
      <h3 className="inspector-subheading">
        {view ? 'Circuit breaker' : 'Bulkhead'} <span className="inspector-muted">(at {formatDuration(t)})</span>
      </h3>
      {view && <StateLine view={view} t={t} />}
      {view && <BreakerWindow view={view} />}
      {bulkhead && (
        <p data-testid="breaker-bulkhead">
          Bulkhead: {bulkhead.inFlight} of {bulkhead.places} places taken, {bulkhead.waiting} waiting for one.
        </p>
      )}
      <p className="inspector-muted" data-testid="breaker-refused">
        Refused so far: {refused} {refused === 1 ? 'call' : 'calls'}.
      </p>
      {transitions.length > 0 && (
        <div className="breaker-transitions">
          <p className="breaker-window-title">Last transitions</p>
          <ol data-testid="breaker-transitions">
            {transitions.map((tr) => (
              <li key={`${tr.at}-${tr.to}`}>
                {formatDuration(tr.at)}: {breakerDisplay(tr.from).label} → <strong>{breakerDisplay(tr.to).label}</strong>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

function StateLine({ view, t }: { readonly view: BreakerView; readonly t: number }) {
  const display = breakerDisplay(view.state);
  return (
    <>
      <p className={`breaker-state tone-${display.tone}`} data-testid="breaker-state" data-state={display.key}>
        <BreakerIcon state={view.state} /> <strong>{display.label}</strong>
        {Number.isFinite(view.since) && view.since > 0 && <span className="inspector-muted"> since {formatDuration(view.since)}</span>}
      </p>
      <p className="inspector-note">{display.explanation}</p>
      {view.state === BreakerState.OPEN && <OpenCountdown view={view} t={t} />}
      {view.state === BreakerState.HALF_OPEN && (
        <p data-testid="breaker-permits">
          Trial calls left: {view.permitsLeft} of {view.config.permittedInHalfOpen}
        </p>
      )}
    </>
  );
}

function OpenCountdown({ view, t }: { readonly view: BreakerView; readonly t: number }) {
  // Shown in tenths, rounded up: a countdown says 0.1s until the wait is really over.
  const left = Math.max(0, view.reopensAt - t);
  const done = 1 - left / view.config.waitInOpen;
  return (
    <div className="breaker-countdown" data-testid="breaker-countdown">
      <span className="breaker-rate-bar" aria-hidden="true">
        <span className="breaker-rate-fill" style={{ width: `${Math.min(100, done * 100)}%` }} />
      </span>
      <span>
        {left > 0 ? `${formatDuration(Math.ceil(left / 100) * 100)} left of ${formatDuration(view.config.waitInOpen)}` : 'Its wait is over'}
        {view.config.automaticTransition ? ': then it goes half-open by itself.' : ': then the next call goes half-open.'}
      </span>
    </div>
  );
}
