/**
 * The simulated time at the playhead, always shown, and whether playback is waiting for the
 * simulation to catch up. The time is the sampled playhead (ten steps a second while playing,
 * exact at rest; see sampledLive.ts), in a small leaf of its own so only it re-renders.
 * A long run scrubbed back before what the page holds is re-simulated from its start up to the
 * playhead (store/runStore.ts): that shows here too, with how far it has got.
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
  const catchUp = useRun((s) => s.catchUp);
  // Whole percents: the text (a live region) changes a hundred times at most.
  const percent = catchUp && Math.floor(catchUp.progress * 100);
  // The live region stays mounted so that its text changing is announced.
  return (
    <span className="playback-buffering" role="status" data-testid="buffering">
      {catchUp ? (
        <span className="playback-catchup" data-testid="resimulating">
          <span className="playback-spinner" aria-hidden="true" />
          Re-simulating to {formatSimTime(catchUp.target)}… {percent} %
          <progress max={100} value={percent} aria-hidden="true" />
        </span>
      ) : (
        buffering &&
        simulating && (
          <>
            <span className="playback-spinner" aria-hidden="true" />
            Buffering…
          </>
        )
      )}
    </span>
  );
}
