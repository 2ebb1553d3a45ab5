/**
 * The bottom bar: transport (Play/Pause, Step, Restart, speed), the simulated time, buffering,
 * Break…, the run summary, and the timeline with the fault schedule. It also owns the playback
 * shortcuts (Space, →) and the fault menu, since both belong to watching and breaking a run.
 */
import { useRef } from 'react';
import { useStores } from '../app/stores.tsx';
import { BreakButton } from '../faults/BreakButton.tsx';
import { FaultMenuHost } from '../faults/FaultMenuHost.tsx';
import { MessageLegend } from '../overlay/MessageLegend.tsx';
import { BufferingIndicator, SimClock } from './SimClock.tsx';
import { SelectedFault } from './FaultMarkers.tsx';
import { Summary } from './Summary.tsx';
import { Timeline } from './Timeline.tsx';
import { TransportControls } from './TransportControls.tsx';
import { usePlaybackShortcuts } from './usePlaybackShortcuts.ts';
import './playback.css';

export function PlaybackBar() {
  usePlaybackShortcuts(useStores());
  const slider = useRef<HTMLInputElement>(null);
  return (
    <section className="playback-bar" aria-label="Playback">
      <div className="playback-row">
        <TransportControls />
        <SimClock />
        <BufferingIndicator />
        <BreakButton />
        {/* Removing the selected fault removes its marker: focus goes to the timeline it was on. */}
        <SelectedFault afterRemove={() => slider.current?.focus()} />
        <MessageLegend />
      </div>
      <div className="playback-row">
        <Timeline sliderRef={slider} />
        <Summary />
      </div>
      <FaultMenuHost />
    </section>
  );
}
