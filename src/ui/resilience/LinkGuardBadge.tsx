/**
 * A link's circuit breaker, on the link itself: a chip with its state (colour, switch icon and
 * name) and how many calls it or the bulkhead behind it refused so far. Clicking it selects the
 * link, whose inspector opens the breaker's detail view. Reads only this link's figures from the
 * sampled live store; a change of state pops the chip while playback moves forward (nothing moves
 * with `prefers-reduced-motion`, or when scrubbing backwards: nothing happened then).
 */
import { useEffect, useRef } from 'react';
import { useAnimateMini, useReducedMotion } from 'framer-motion';
import { useStores } from '../app/stores.tsx';
import { formatCount } from '../playback/format.ts';
import { sampleLane, useSampledFigures } from '../playback/sampledLive.ts';
import { BreakerIcon } from './BreakerIcon.tsx';
import { breakerDisplay } from './breakerDisplay.ts';
import { selectLinkGuards } from './guardStatus.ts';
import './resilience.css';

export function LinkGuardBadge({ linkId }: { readonly linkId: string }) {
  const stores = useStores();
  const guards = useSampledFigures((s) => selectLinkGuards(s, linkId), sampleLane(linkId));
  const [scope, animate] = useAnimateMini<HTMLButtonElement>();
  const reduced = useReducedMotion() === true;
  const previous = useRef<{ state: number | undefined; time: number }>({ state: undefined, time: 0 });
  const state = guards?.breaker;

  useEffect(() => {
    const time = stores.playback.getState().time;
    const before = previous.current;
    previous.current = { state, time };
    const el = scope.current;
    if (reduced || before.state === undefined || state === undefined || state === before.state || time <= before.time) return;
    // Environments without the Web Animations API (tests) show the new state without motion.
    if (el && typeof el.animate === 'function') animate(el, { transform: ['scale(1)', 'scale(1.35)', 'scale(1)'] }, { duration: 0.45 });
  }, [state, reduced, animate, scope, stores]);

  if (!guards || (guards.breaker < 0 && guards.refused === 0)) return null;
  const display = guards.breaker >= 0 ? breakerDisplay(guards.breaker) : undefined;
  const refused = guards.refused > 0 ? `${formatCount(guards.refused)} refused` : '';
  const name = display ? `Circuit breaker ${display.label.toLowerCase()}` : 'Bulkhead';
  return (
    <button
      ref={scope}
      type="button"
      className={`link-guard nodrag nopan link-guard--${display?.key ?? 'bulkhead'}`}
      data-testid={`link-guard-${linkId}`}
      data-state={display?.key}
      title={`${name}${refused && `, ${refused}`}${display ? `. ${display.explanation}` : ''} Click for its details.`}
      onClick={(event) => {
        event.stopPropagation();
        stores.ui.getState().select({ linkIds: [linkId] });
      }}
    >
      {display && <BreakerIcon state={guards.breaker} className="link-guard-icon" />}
      {display && <span className="link-guard-state">{display.label}</span>}
      {refused && (
        <span className="link-guard-refused">
          {display && '· '}
          {refused}
        </span>
      )}
    </button>
  );
}
