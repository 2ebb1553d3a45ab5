/**
 * A service's modes as an XState machine: starting → healthy ⇄ degraded, crashed → restarting
 * → healthy; and for an instance scaled away, stopped (from any mode) until started again, which
 * restarts it (after its startup time; straight to crashed if a crash fault is still on). Faults send it events; the restart delay is an
 * XState `after` transition whose
 * timer the engine schedules on its own queue (see core/machineHost.ts), so it runs on simulated time.
 *
 * The machine owns the *mode*; the per-request path only reads `accepting` off the runtime.
 */
import { assign, setup } from 'xstate';

// The codes live with the trace's other codes, free of XState (the page reads them without the machine).
export { ServiceMode, SERVICE_MODE_NAMES, type ServiceModeName } from '../trace/eventTypes.ts';

export type ServiceMachineEvent =
  | { type: 'CRASH' }
  | { type: 'RESTART' }
  /** A slow or error fault began (faults can overlap, so they are counted). */
  | { type: 'IMPAIR' }
  | { type: 'HEAL' }
  /** A change set the startup time used by the next (re)start. */
  | { type: 'SET_STARTUP'; startupTime: number }
  /** Scaling: the instance is taken away (a clean shutdown), or brought back. */
  | { type: 'STOP' }
  | { type: 'START' };

export interface ServiceMachineContext {
  /** The delay of the next (re)start (a change may set it; one under way keeps its own). */
  readonly startupTime: number;
  /** The scenario's startup time: zero means it is up from the very start, without a timer. */
  readonly initialStartupTime: number;
  readonly impairments: number;
  /** Crash faults in force; the service restarts only when the last one ends. */
  readonly crashes: number;
}

export const serviceMachine = setup({
  types: {} as {
    context: ServiceMachineContext;
    events: ServiceMachineEvent;
    input: { startupTime: number };
  },
  delays: {
    startup: ({ context }) => context.startupTime,
  },
  actions: {
    impair: assign({ impairments: ({ context }) => context.impairments + 1 }),
    heal: assign({ impairments: ({ context }) => Math.max(0, context.impairments - 1) }),
    crash: assign({ crashes: ({ context }) => context.crashes + 1 }),
    recover: assign({ crashes: ({ context }) => Math.max(0, context.crashes - 1) }),
    setStartup: assign({ startupTime: ({ context, event }) => (event.type === 'SET_STARTUP' ? event.startupTime : context.startupTime) }),
  },
  guards: {
    instantStart: ({ context }) => context.initialStartupTime === 0,
    impaired: ({ context }) => context.impairments > 0,
    lastImpairment: ({ context }) => context.impairments <= 1,
    lastCrash: ({ context }) => context.crashes <= 1,
    crashedNow: ({ context }) => context.crashes > 0,
  },
}).createMachine({
  id: 'service',
  context: ({ input }) => ({ startupTime: input.startupTime, initialStartupTime: input.startupTime, impairments: 0, crashes: 0 }),
  initial: 'starting',
  on: {
    IMPAIR: { actions: 'impair' },
    HEAL: { actions: 'heal' },
    SET_STARTUP: { actions: 'setStartup' },
    // Any mode but `crashed` and `stopped` (which handle these themselves) goes down on a crash.
    CRASH: { target: '.crashed', actions: 'crash' },
    STOP: { target: '.stopped' },
  },
  states: {
    starting: {
      always: { guard: 'instantStart', target: 'healthy' },
      after: { startup: [{ guard: 'impaired', target: 'degraded' }, { target: 'healthy' }] },
    },
    healthy: {
      on: {
        IMPAIR: { target: 'degraded', actions: 'impair' },
      },
    },
    degraded: {
      on: {
        HEAL: [{ guard: 'lastImpairment', target: 'healthy', actions: 'heal' }, { actions: 'heal' }],
      },
    },
    crashed: {
      on: {
        CRASH: { actions: 'crash' }, // another crash fault overlapping this one
        RESTART: [{ guard: 'lastCrash', target: 'restarting', actions: 'recover' }, { actions: 'recover' }],
      },
    },
    restarting: {
      after: { startup: [{ guard: 'impaired', target: 'degraded' }, { target: 'healthy' }] },
    },
    stopped: {
      on: {
        // Crash faults still count while it is away, so that it comes back as they say.
        CRASH: { actions: 'crash' },
        RESTART: { actions: 'recover' },
        STOP: {},
        START: [{ guard: 'crashedNow', target: 'crashed' }, { target: 'restarting' }],
      },
    },
  },
});
