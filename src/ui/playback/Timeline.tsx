/**
 * The scrubbable timeline: a slider over the run's simulated time (its value read out as time),
 * a bar behind it showing how far the run has been simulated, and the fault schedule's markers
 * above it. Scrubbing only moves the playhead: the replay reads the trace at the new time, so going
 * back is instant and nothing is re-simulated.
 */
import type { KeyboardEvent, RefObject } from 'react';
import { useDocument, useRun, useStores } from '../app/stores.tsx';
import { FaultMarkers } from './FaultMarkers.tsx';
import { useSampledPlayhead } from './sampledLive.ts';
import { formatSimTime, timelineEnd } from './transport.ts';
import { useLessonTarget } from '../lessons/useLessonTarget.ts';

/** Keys that move the playhead, as a share of the run: arrows 1 %, Page Up/Down 10 %. */
const KEY_STEPS: Readonly<Record<string, number>> = {
  ArrowRight: 0.01,
  ArrowUp: 0.01,
  ArrowLeft: -0.01,
  ArrowDown: -0.01,
  PageUp: 0.1,
  PageDown: -0.1,
};

/** The timeline's length, ms (see timelineEnd). */
export function useTimelineEnd(): number {
  const document = useDocument((s) => s.document);
  const status = useRun((s) => s.status);
  const duration = useRun((s) => s.duration);
  return timelineEnd(document, { status, duration });
}

export function Timeline({ sliderRef }: { sliderRef?: RefObject<HTMLInputElement | null> }) {
  const stores = useStores();
  const end = useTimelineEnd();
  // The sampled playhead: while playing, the slider and bars move ten times a second (see sampledLive.ts).
  const playhead = useSampledPlayhead();
  const time = Math.min(playhead.time, end);
  const horizon = playhead.horizon;
  const seek = (t: number) => stores.playback.getState().seek(Math.min(end, Math.max(0, t)));

  // The browser's own steps for a range with step="any" are too small to be useful: a share of the run instead.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const share = KEY_STEPS[event.key];
    if (share !== undefined) seek(time + share * end);
    else if (event.key === 'Home') seek(0);
    else if (event.key === 'End') seek(end);
    else return;
    event.preventDefault();
  };

  const target = useLessonTarget('timeline', 'timeline');
  const share = (t: number) => `${(Math.min(1, Math.max(0, t / end)) * 100).toFixed(3)}%`;
  return (
    <div {...target}>
      <FaultMarkers end={end} />
      <div className="timeline-track" title={`Simulated up to ${formatSimTime(horizon)}`}>
        <div className="timeline-horizon" data-testid="timeline-horizon" style={{ width: share(horizon) }} />
        <div className="timeline-played" style={{ width: share(time) }} />
        <input
          ref={sliderRef}
          type="range"
          className="timeline-slider"
          aria-label="Timeline"
          min={0}
          max={end}
          step="any"
          value={time}
          aria-valuetext={formatSimTime(time)}
          onKeyDown={onKeyDown}
          onChange={(e) => seek(Number(e.currentTarget.value))}
        />
      </div>
    </div>
  );
}
