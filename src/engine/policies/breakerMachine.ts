/**
 * A circuit breaker's states as an XState machine, with resilience4j's states and transitions:
 * CLOSED → OPEN when the window's failure or slow-call rate reaches its threshold; OPEN →
 * HALF_OPEN once the wait is over (on a timer when the automatic transition is on, else at the
 * first call after it); HALF_OPEN → CLOSED or back to OPEN on the trial calls' rates (or to OPEN
 * when a maximum wait in HALF_OPEN runs out); FORCED_OPEN and DISABLED only by the user, left by
 * RESET. Timers run on simulated time through core/machineHost.ts. The machine owns the *state*;
 * the windows and permits are plain code in circuitBreaker.ts.
 */
import { setup } from 'xstate';

// State codes are part of the trace format (and free of XState, so the page's replay can read them).
export { BREAKER_STATE_NAMES, BreakerState, type BreakerStateName } from '../trace/eventTypes.ts';

export type BreakerMachineEvent =
  /** A window's rate reached its threshold. */
  | { type: 'TRIP' }
  /** The half-open trial calls came out below the thresholds. */
  | { type: 'CLOSE' }
  /** A call arrived after the wait in OPEN (no automatic transition): try it half-open. */
  | { type: 'PROBE' }
  | { type: 'FORCE_OPEN' }
  | { type: 'DISABLE' }
  | { type: 'RESET' };

export interface BreakerMachineInput {
  readonly waitInOpen: number;
  readonly automaticTransition: boolean;
  /** Longest stay in HALF_OPEN before going back to OPEN, ms (0: no limit). */
  readonly maxWaitInHalfOpen: number;
  /** The state it starts in (the user may start it forced open or disabled). */
  readonly initial: 'closed' | 'forcedOpen' | 'disabled';
}

export const breakerMachine = setup({
  types: {} as { context: BreakerMachineInput; events: BreakerMachineEvent; input: BreakerMachineInput },
  delays: {
    waitInOpen: ({ context }) => context.waitInOpen,
    maxWaitInHalfOpen: ({ context }) => context.maxWaitInHalfOpen,
  },
  guards: {
    automatic: ({ context }) => context.automaticTransition,
    halfOpenLimited: ({ context }) => context.maxWaitInHalfOpen > 0,
    startsForcedOpen: ({ context }) => context.initial === 'forcedOpen',
    startsDisabled: ({ context }) => context.initial === 'disabled',
  },
}).createMachine({
  id: 'breaker',
  context: ({ input }) => input,
  initial: 'start',
  on: {
    FORCE_OPEN: '.forcedOpen',
    DISABLE: '.disabled',
    RESET: '.closed',
  },
  states: {
    start: {
      always: [{ guard: 'startsForcedOpen', target: 'forcedOpen' }, { guard: 'startsDisabled', target: 'disabled' }, { target: 'closed' }],
    },
    closed: { on: { TRIP: 'open' } },
    open: {
      on: { PROBE: 'halfOpen' },
      after: { waitInOpen: { guard: 'automatic', target: 'halfOpen' } },
    },
    halfOpen: {
      on: { TRIP: 'open', CLOSE: 'closed' },
      after: { maxWaitInHalfOpen: { guard: 'halfOpenLimited', target: 'open' } },
    },
    forcedOpen: {},
    disabled: {},
  },
});
