/**
 * A circuit breaker's state as a switch: two contacts and a lever between them, closed (lever
 * down on the far contact), half-open (lever part way), open (lever up); a padlock bar when it is
 * held open by hand, a slash when it is switched off. Shape, not only colour, tells them apart.
 */
import { BreakerState } from '../../engine/trace/eventTypes.ts';

const LEVER_END: Readonly<Record<number, readonly [number, number]>> = {
  [BreakerState.CLOSED]: [12, 11],
  [BreakerState.HALF_OPEN]: [11.5, 7],
  [BreakerState.OPEN]: [9.5, 4],
  [BreakerState.FORCED_OPEN]: [9.5, 4],
  [BreakerState.DISABLED]: [12, 11],
};

export function BreakerIcon({ state, className }: { readonly state: number; readonly className?: string }) {
  const [x, y] = LEVER_END[state] ?? LEVER_END[BreakerState.CLOSED];
  return (
    <svg
      className={className}
      width="14"
      height="14"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
    >
      <path d="M1 11h2.5M12.5 11H15" />
      <circle cx="4" cy="11" r="1.1" fill="currentColor" />
      <circle cx="12" cy="11" r="1.1" fill="currentColor" />
      <path d={`M4 11L${x} ${y}`} />
      {state === BreakerState.FORCED_OPEN && <path d="M11 2.5h4" />}
      {state === BreakerState.DISABLED && <path d="M2.5 2.5l11 11" />}
    </svg>
  );
}
