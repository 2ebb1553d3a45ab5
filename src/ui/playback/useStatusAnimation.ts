/**
 * Plays a short animation when a node's state changes discretely while playback moves forward: a
 * shake and a red flash when a service crashes, a green glow when it recovers, a pulse on its
 * waiting line when requests are turned away, a wine flash when a queue dead-letters a message.
 * Scrubbing backwards animates nothing (nothing *happened*), and with `prefers-reduced-motion` nothing moves: the box's colours and figures
 * carry the same information. Uses WAAPI through framer-motion's small `useAnimateMini`.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { useAnimateMini, useReducedMotion } from 'framer-motion';
import type { PlaybackStore } from '../../store/playbackStore.ts';
import { statusChange, type NodeStatus } from './nodeStatus.ts';

/** Turned-away requests arrive every frame under overload: one pulse at a time, at most this often (ms). */
const OVERFLOW_PULSE_MS = 700;

export interface StatusAnimationTargets {
  /** The whole status block (shaken on a crash). */
  readonly scope: ReturnType<typeof useAnimateMini<HTMLDivElement>>[0];
  readonly flash: RefObject<HTMLSpanElement | null>;
  readonly line: RefObject<HTMLSpanElement | null>;
}

export function useStatusAnimation(status: NodeStatus | undefined, playback: PlaybackStore): StatusAnimationTargets {
  const [scope, animate] = useAnimateMini<HTMLDivElement>();
  const reduced = useReducedMotion() === true;
  const flash = useRef<HTMLSpanElement>(null);
  const line = useRef<HTMLSpanElement>(null);
  const previous = useRef<{ status: NodeStatus | undefined; time: number }>({ status: undefined, time: 0 });
  const lastPulse = useRef(-Infinity);

  useEffect(() => {
    const time = playback.getState().time;
    const before = previous.current;
    previous.current = { status, time };
    if (reduced || time <= before.time) return;
    const change = statusChange(before.status, status);
    // Environments without the Web Animations API (tests) show the state without motion.
    const can = (el: Element | null): el is HTMLElement => el !== null && typeof (el as HTMLElement).animate === 'function';
    if (change === 'crash' && can(scope.current) && can(flash.current)) {
      flash.current.dataset.tone = 'crash';
      animate(
        scope.current,
        { transform: ['translateX(0)', 'translateX(-4px)', 'translateX(4px)', 'translateX(-3px)', 'translateX(2px)', 'translateX(0)'] },
        { duration: 0.45 },
      );
      animate(flash.current, { opacity: [0.85, 0] }, { duration: 0.9 });
    } else if (change === 'recover' && can(flash.current)) {
      flash.current.dataset.tone = 'recover';
      animate(flash.current, { opacity: [0.7, 0] }, { duration: 1.1 });
    } else if (change === 'deadLetter' && can(flash.current)) {
      const now = performance.now();
      if (now - lastPulse.current < OVERFLOW_PULSE_MS) return;
      lastPulse.current = now;
      flash.current.dataset.tone = 'dead-letter';
      animate(flash.current, { opacity: [0.6, 0] }, { duration: 0.6 });
    } else if (change === 'overflow' && can(line.current)) {
      const now = performance.now();
      if (now - lastPulse.current < OVERFLOW_PULSE_MS) return;
      lastPulse.current = now;
      animate(line.current, { transform: ['scale(1)', 'scale(1.3)', 'scale(1)'] }, { duration: 0.4 });
    }
  }, [status, reduced, animate, scope, playback]);

  return { scope, flash, line };
}
