/**
 * Play/Pause (one button whose name says what it will do), Step, Restart and the speed. The
 * keyboard shortcuts (Space, →) do the same through the same functions (transport.ts).
 */
import { SPEEDS } from '../../store/playbackStore.ts';
import { usePlayback, useRun, useStores } from '../app/stores.tsx';
import { PauseIcon, PlayIcon, RestartIcon, StepIcon } from './icons.tsx';
import { restart, stepToNextEvent, togglePlay } from './transport.ts';
import { useLessonTarget } from '../lessons/useLessonTarget.ts';

/** `0.25×`, `1×`, `100×`. */
export function formatSpeed(speed: number): string {
  return `${speed}×`;
}

export function TransportControls() {
  const stores = useStores();
  const playing = usePlayback((s) => s.playing);
  const speed = usePlayback((s) => s.speed);
  const runnable = useRun((s) => s.status !== 'invalid');
  const hasTrace = useRun((s) => s.replay !== undefined);
  // A speed set elsewhere (a share link, a test) that is not on the list still shows as chosen.
  const playTarget = useLessonTarget('play', 'playback-button playback-play');
  const speedTarget = useLessonTarget('speed', 'playback-speed');
  const speeds = (SPEEDS as readonly number[]).includes(speed) ? SPEEDS : [...SPEEDS, speed].sort((a, b) => a - b);
  return (
    <div className="playback-transport" role="group" aria-label="Transport">
      <button
        type="button"
        {...playTarget}
        onClick={() => togglePlay(stores)}
        disabled={!playing && !runnable}
        aria-keyshortcuts="Space"
        title={playing ? 'Pause (Space)' : 'Play (Space)'}
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
        <span>{playing ? 'Pause' : 'Play'}</span>
      </button>
      <button
        type="button"
        className="playback-button icon-only"
        onClick={() => stepToNextEvent(stores)}
        disabled={!hasTrace}
        aria-label="Step"
        aria-keyshortcuts="ArrowRight"
        title="Step to the next event (→)"
      >
        <StepIcon />
      </button>
      <button
        type="button"
        className="playback-button icon-only"
        onClick={() => restart(stores)}
        aria-label="Restart"
        title="Back to the start"
      >
        <RestartIcon />
      </button>
      <select
        {...speedTarget}
        aria-label="Speed"
        title="Speed: simulated seconds per second"
        value={speed}
        onChange={(e) => stores.playback.getState().setSpeed(Number(e.target.value))}
      >
        {speeds.map((s) => (
          <option key={s} value={s}>
            {formatSpeed(s)}
          </option>
        ))}
      </select>
    </div>
  );
}
