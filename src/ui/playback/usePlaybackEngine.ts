/**
 * What keeps playback going, mounted once: a requestAnimationFrame loop that moves the playhead
 * (simulated time = wall time × speed), keeps the run simulated ahead of it, stops at the end or
 * waits while the worker catches up, and refreshes the live state. When the document changes, the
 * run restarts from the new document and the playhead stays where it is: by determinism the
 * past before a fault added at the playhead is the same run. A replaced document (another system)
 * starts at 0 s.
 */
import { useEffect } from 'react';
import { sameSimulation } from '../../store/document/simulationInput.ts';
import { lookahead } from '../../store/runStore.ts';
import type { Stores } from '../app/stores.tsx';
import { refreshLive } from './liveState.ts';

/**
 * Starts (or restarts) the run of the current document, simulated up to the playhead and beyond;
 * a run on show stays until the new one reaches the playhead.
 */
export function startRun(stores: Stores): Promise<void> {
  const { time, speed } = stores.playback.getState();
  return stores.run.start(stores.document.getState().document, time + lookahead(speed), time);
}

export function usePlaybackEngine(stores: Stores): void {
  // Restart the run when the document changes what is simulated (only once a run exists:
  // editing before the first Play does not simulate anything). Moving or renaming a node does not.
  // A replaced document (an example, an import, New, a lesson) is another system: its run starts
  // at 0 s, paused, not at the playhead of the system it replaced.
  useEffect(
    () =>
      stores.document.subscribe((state, previous) => {
        if (state.document !== previous.document && state.lastCommand?.type === 'replaceDocument') {
          stores.playback.getState().pause();
          stores.playback.getState().seek(0);
        }
        if (sameSimulation(state.document, previous.document)) return;
        if (stores.run.getState().status !== 'idle') void startRun(stores);
      }),
    [stores],
  );

  // Pressing Play with no run yet starts one.
  useEffect(
    () =>
      stores.playback.subscribe((state, previous) => {
        if (state.playing && !previous.playing && stores.run.getState().status === 'idle') void startRun(stores);
      }),
    [stores],
  );

  // A run that cannot start (the document's problems, or a run beyond the page's budget) stops
  // playback: Play was pressed before the worker could say so, and nothing will ever play.
  useEffect(
    () =>
      stores.run.subscribe((state, previous) => {
        if (state.status === 'invalid' && previous.status !== 'invalid') stores.playback.getState().pause();
      }),
    [stores],
  );

  useEffect(() => {
    let frame = 0;
    let last: number | undefined;
    let shownTime = -1,
      shownVersion = -1;
    const tick = (now: number) => {
      const dt = last === undefined ? 0 : Math.min(250, now - last); // a hidden tab does not jump ahead
      last = now;
      const playback = stores.playback.getState();
      const run = stores.run.getState();
      let time = playback.time;
      if (playback.playing && run.replay) {
        const end = run.duration;
        time = Math.min(time + dt * playback.speed, end);
        const buffering = time > run.horizon && run.status === 'running';
        if (buffering) time = Math.max(playback.time, run.horizon);
        if (buffering !== playback.buffering) playback.setBuffering(buffering);
        if (time !== playback.time) stores.playback.setState({ time });
        if (time >= end && run.status === 'done') playback.pause();
      }
      if (run.replay) {
        stores.run.seek(time); // before a long run's window: re-simulated up to here (see runStore.ts)
        stores.run.ensure(Math.min(run.duration, time + lookahead(playback.speed)));
      }
      if (time !== shownTime || run.version !== shownVersion) {
        shownTime = time;
        shownVersion = run.version;
        refreshLive(stores.live, stores);
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [stores]);
}
