/**
 * How a circuit breaker's states read on the canvas and in the inspector: a name in resilience4j's
 * words, a tone (its colour), and one line on what the breaker does in that state. Colour is never
 * the only carrier: the badge shows the name and an icon too.
 */
import { BreakerState } from '../../engine/trace/eventTypes.ts';

export type BreakerTone = 'ok' | 'error' | 'warn' | 'muted';

export interface BreakerStateDisplay {
  /** As resilience4j names it ("HALF_OPEN" reads "Half-open"). */
  readonly label: string;
  /** A CSS modifier (`link-guard--half-open`). */
  readonly key: string;
  readonly tone: BreakerTone;
  readonly explanation: string;
}

const DISPLAY: Readonly<Record<number, BreakerStateDisplay>> = {
  [BreakerState.CLOSED]: { label: 'Closed', key: 'closed', tone: 'ok', explanation: 'Calls go through; it counts how they end.' },
  [BreakerState.OPEN]: {
    label: 'Open',
    key: 'open',
    tone: 'error',
    explanation: 'It refuses every call at once, without touching the network, until its wait is over.',
  },
  [BreakerState.HALF_OPEN]: {
    label: 'Half-open',
    key: 'half-open',
    tone: 'warn',
    explanation: 'It lets a few trial calls through: their outcome decides whether it closes or opens again.',
  },
  [BreakerState.FORCED_OPEN]: {
    label: 'Forced open',
    key: 'forced-open',
    tone: 'error',
    explanation: 'Held open by hand: every call is refused until someone changes it.',
  },
  [BreakerState.DISABLED]: {
    label: 'Disabled',
    key: 'disabled',
    tone: 'muted',
    explanation: 'Switched off by hand: every call goes through and nothing is counted.',
  },
};

/** The display of BreakerState code `state`. */
export function breakerDisplay(state: number): BreakerStateDisplay {
  return DISPLAY[state] ?? { label: 'Unknown', key: 'unknown', tone: 'muted', explanation: '' };
}
