/**
 * A circuit breaker with resilience4j's semantics (and, in the model, its defaults):
 *
 * - CLOSED lets every call through and records each outcome in the sliding window (count- or
 *   time-based). A call is slow when it took longer than `slowCallDuration`. Once the window holds
 *   at least `minimumNumberOfCalls` (for a count window: at most its size), a failure rate or a
 *   slow-call rate at or above its threshold trips the breaker OPEN.
 * - OPEN refuses every call at once. After `waitInOpen` the breaker goes HALF_OPEN: on a timer
 *   if the automatic transition is on, else when the first call arrives strictly after the wait.
 * - HALF_OPEN lets `permittedInHalfOpen` trial calls through and refuses the rest; their outcomes
 *   go into a fresh count window of that size (minimum: the smaller of the two). At the minimum,
 *   rates at or above a threshold send it back OPEN, below both close it (with a fresh window).
 * - FORCED_OPEN refuses everything, DISABLED lets everything through and records nothing, until
 *   RESET (to CLOSED).
 * - A call admitted in one state that ends in another is recorded where the breaker is when it
 *   ends (OPEN records it in the window it left CLOSED with, as resilience4j does).
 *
 * The state lives in an XState machine (breakerMachine.ts) on simulated time; the per-call path
 * reads a plain field. Every transition is reported with the figures of the window at that moment.
 */
import { MachineHost, type TimerScheduler } from '../core/machineHost.ts';
import { BREAKER_STATE_NAMES, BreakerState, breakerMachine, type BreakerMachineEvent } from './breakerMachine.ts';
import { CountWindow, Outcome, TimeWindow, type OutcomeCode, type SlidingWindow, type WindowTotals } from './slidingWindow.ts';

/** A breaker's settings (times in ms, rates in percent), as the scenario's schema gives them. */
export interface BreakerConfig {
  readonly failureRateThreshold: number;
  readonly slowCallRateThreshold: number;
  readonly slowCallDuration: number;
  readonly waitInOpen: number;
  readonly permittedInHalfOpen: number;
  readonly minimumNumberOfCalls: number;
  readonly windowType: 'count' | 'time';
  /** Calls (count) or seconds (time). */
  readonly windowSize: number;
  readonly automaticTransition: boolean;
  /** 0: stay HALF_OPEN until the trial calls decide. */
  readonly maxWaitInHalfOpen: number;
  /** Where it starts: the user may force it open or disable it. */
  readonly initial: 'closed' | 'forcedOpen' | 'disabled';
}

/** The window's figures when a breaker changes state (rates −1 while under the minimum). */
export interface BreakerFigures extends WindowTotals {
  readonly failureRate: number;
  readonly slowCallRate: number;
  /** Trial calls it may still let through (HALF_OPEN), else 0. */
  readonly permitsLeft: number;
}

/** Told of every state change: the two states, the window's figures just before it, and the time (ms). */
export type TransitionListener = (from: number, to: number, figures: BreakerFigures, at: number) => void;

export class CircuitBreaker {
  /** The state code (BreakerState), mirrored from the machine for the per-call path. */
  state: number = BreakerState.CLOSED;
  /** When it last went OPEN (ms). */
  openedAt = -Infinity;
  /** Calls refused so far (OPEN, FORCED_OPEN, or HALF_OPEN out of permits). */
  notPermitted = 0;
  /** State changes so far. */
  transitions = 0;
  private outcomes: SlidingWindow;
  private minimum: number;
  private permits = 0;
  private readonly machine: MachineHost<typeof breakerMachine>;
  private now = 0;

  constructor(
    readonly config: BreakerConfig,
    schedule: TimerScheduler,
    private readonly onTransition: TransitionListener = () => {},
  ) {
    [this.outcomes, this.minimum] = this.closedWindow();
    this.machine = new MachineHost(
      breakerMachine,
      {
        waitInOpen: config.waitInOpen,
        automaticTransition: config.automaticTransition,
        maxWaitInHalfOpen: config.maxWaitInHalfOpen,
        initial: config.initial,
      },
      schedule,
    );
    this.state = stateCode(this.machine.state);
  }

  /** Whether a call may go through at `now`; a refusal is counted. */
  tryAcquire(now: number): boolean {
    this.now = now;
    if (this.state === BreakerState.OPEN && now > this.openedAt + this.config.waitInOpen) this.send({ type: 'PROBE' });
    switch (this.state) {
      case BreakerState.CLOSED:
      case BreakerState.DISABLED:
        return true;
      case BreakerState.HALF_OPEN:
        if (this.permits > 0) {
          this.permits--;
          return true;
        }
        break;
    }
    this.notPermitted++;
    return false;
  }

  /** A call that went through ended at `now` after `duration` ms, failed or not. */
  onResult(now: number, duration: number, failed: boolean): void {
    this.now = now;
    if (this.state === BreakerState.DISABLED || this.state === BreakerState.FORCED_OPEN) return;
    const slow = duration > this.config.slowCallDuration;
    const outcome: OutcomeCode = failed ? (slow ? Outcome.SLOW_ERROR : Outcome.ERROR) : slow ? Outcome.SLOW_SUCCESS : Outcome.SUCCESS;
    const totals = this.outcomes.record(now, outcome);
    if (this.state === BreakerState.OPEN) return; // recorded, but an open breaker waits for its wait
    const verdict = this.judge(totals);
    if (verdict === 'above') this.send({ type: 'TRIP' });
    else if (verdict === 'below' && this.state === BreakerState.HALF_OPEN) this.send({ type: 'CLOSE' });
  }

  /** A scheduled timer of the machine is due (see TimerScheduler). */
  fire(now: number, token: number): void {
    this.now = now;
    this.settle(() => this.machine.fire(token));
  }

  /** The user forces it open, disables it, or resets it to CLOSED (a fresh window, even if it was CLOSED). */
  command(now: number, event: 'FORCE_OPEN' | 'DISABLE' | 'RESET'): void {
    this.now = now;
    if (event === 'RESET' && this.state === BreakerState.CLOSED) [this.outcomes, this.minimum] = this.closedWindow();
    this.send({ type: event });
  }

  /** The figures of the window in use, as of `now`. */
  figures(now: number): BreakerFigures {
    const totals = this.outcomes.totals(now);
    const under = totals.calls === 0 || totals.calls < this.minimum;
    return {
      ...totals,
      failureRate: under ? -1 : (totals.failed * 100) / totals.calls,
      slowCallRate: under ? -1 : (totals.slow * 100) / totals.calls,
      permitsLeft: this.state === BreakerState.HALF_OPEN ? this.permits : 0,
    };
  }

  /** The window in use (for drawing its cells). */
  get currentWindow(): SlidingWindow {
    return this.outcomes;
  }

  get stateName(): string {
    return BREAKER_STATE_NAMES[this.state];
  }

  private judge(totals: WindowTotals): 'under' | 'above' | 'below' {
    if (totals.calls === 0 || totals.calls < this.minimum) return 'under';
    const failureRate = (totals.failed * 100) / totals.calls;
    const slowRate = (totals.slow * 100) / totals.calls;
    return failureRate >= this.config.failureRateThreshold || slowRate >= this.config.slowCallRateThreshold ? 'above' : 'below';
  }

  private send(event: BreakerMachineEvent): void {
    this.settle(() => this.machine.send(event));
  }

  /** Runs a machine step and, if the state changed, enters the new state and reports it. */
  private settle(step: () => void): void {
    const from = this.state;
    const figures = this.figures(this.now);
    step();
    const to = stateCode(this.machine.state);
    if (to === from) return;
    this.state = to;
    this.transitions++;
    switch (to) {
      case BreakerState.OPEN:
        this.openedAt = this.now; // keeps the window it had, as resilience4j's OPEN state does
        break;
      case BreakerState.HALF_OPEN:
        this.outcomes = new CountWindow(this.config.permittedInHalfOpen);
        this.minimum = Math.min(this.config.minimumNumberOfCalls, this.config.permittedInHalfOpen);
        this.permits = this.config.permittedInHalfOpen;
        break;
      case BreakerState.CLOSED:
        [this.outcomes, this.minimum] = this.closedWindow();
        break;
    }
    this.onTransition(from, to, figures, this.now);
  }

  private closedWindow(): [SlidingWindow, number] {
    const { windowType, windowSize, minimumNumberOfCalls } = this.config;
    return windowType === 'count'
      ? [new CountWindow(windowSize), Math.min(minimumNumberOfCalls, windowSize)]
      : [new TimeWindow(windowSize), minimumNumberOfCalls];
  }
}

function stateCode(name: string): number {
  const code = BREAKER_STATE_NAMES.indexOf(name as (typeof BREAKER_STATE_NAMES)[number]);
  return code < 0 ? BreakerState.CLOSED : code;
}
