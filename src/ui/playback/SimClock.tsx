/**
 * The simulated time at the playhead, always shown, and whether playback is waiting for the
 * simulation to catch up. Small leaves of their own: the time changes every frame, and only
 * these re-render for it.
 */
import { usePlayback, useRun } from '../app/stores.tsx';
import { formatSimTime } from './transport.ts';

export function SimClock() {
  const time = usePlayback((s) => s.time);
  return (
    <span className="playback-clock" title="Simulated time at the playhead">
      <span className="visually-hidden">Simulated time </span>
      <output data-testid="sim-time">{formatSimTime(time)}</output>
    </span>
  );
}

export function BufferingIndicator() {
  const buffering = usePlayback((s) => s.buffering);
  const simulating = useRun((s) => s.status === 'running');
  // The live region stays mounted so that its text changing is announced.
  return (
    <span className="playback-buffering" role="status" data-testid="buffering">
      {buffering && simulating && <><span className="playback-spinner" aria-hidden="true" />Buffering…</>}
    </span>
  );
}
