/**
 * The simulated time at the playhead, always shown, and whether playback is waiting for the
 * simulation to catch up. The time is the sampled playhead (ten steps a second while playing,
 * exact at rest; see sampledLive.ts), in a small leaf of its own so only it re-renders.
 */
import { usePlayback, useRun } from '../app/stores.tsx';
import { useSampledPlayhead } from './sampledLive.ts';
import { formatSimTime } from './transport.ts';

export function SimClock() {
  const { time } = useSampledPlayhead();
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
