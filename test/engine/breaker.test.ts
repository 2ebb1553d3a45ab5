/**
 * Circuit-breaker conformance: scripted call outcomes and timings give exactly the states and
 * transition times resilience4j's documented semantics give (count- and time-based windows, slow
 * calls, the minimum-calls gate, half-open success and failure, the automatic transition,
 * forced-open, disabled, reset). Timers run on a little scheduler of simulated time.
 */
import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type BreakerConfig, type BreakerFigures } from '../../src/engine/policies/circuitBreaker.ts';
import { BREAKER_STATE_NAMES } from '../../src/engine/policies/breakerMachine.ts';
import { CountWindow, Outcome, TimeWindow } from '../../src/engine/policies/slidingWindow.ts';

/** resilience4j's defaults (ms for durations). */
const DEFAULTS: BreakerConfig = {
  failureRateThreshold: 50,
  slowCallRateThreshold: 100,
  slowCallDuration: 60_000,
  waitInOpen: 60_000,
  permittedInHalfOpen: 10,
  minimumNumberOfCalls: 100,
  windowType: 'count',
  windowSize: 100,
  automaticTransition: false,
  maxWaitInHalfOpen: 0,
  initial: 'closed',
};

/** A breaker with its timers on a list of simulated-time events, and a log of its transitions. */
function harness(overrides: Partial<BreakerConfig> = {}) {
  const timers: { at: number; token: number }[] = [];
  let now = 0;
  const log: string[] = [];
  const figures: BreakerFigures[] = [];
  const breaker = new CircuitBreaker(
    { ...DEFAULTS, ...overrides },
    (delay, token) => timers.push({ at: now + delay, token }),
    (from, to, f, at) => {
      log.push(`${at} ${BREAKER_STATE_NAMES[from]}→${BREAKER_STATE_NAMES[to]}`);
      figures.push(f);
    },
  );
  /** Moves the clock to t, firing the timers due by then in time order. */
  const advance = (t: number) => {
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      if (timers.length === 0 || timers[0].at > t) break;
      const timer = timers.shift()!;
      now = timer.at;
      breaker.fire(now, timer.token);
    }
    now = t;
  };
  /** A call at t that the breaker admits or not; if admitted, it ends `duration` later, failed or not. */
  const call = (t: number, failed: boolean, duration = 1) => {
    advance(t);
    if (!breaker.tryAcquire(t)) return false;
    advance(t + duration);
    breaker.onResult(t + duration, duration, failed);
    return true;
  };
  return { breaker, log, figures, call, advance, state: () => breaker.stateName };
}

describe('circuit breaker (resilience4j semantics)', () => {
  it('stays CLOSED below the minimum number of calls, then opens when the failure rate reaches the threshold', () => {
    const h = harness({ windowSize: 10, minimumNumberOfCalls: 5 });
    for (let i = 0; i < 4; i++) h.call(i * 10, true);
    expect(h.state()).toBe('closed'); // 4 of 4 failed, but under the minimum of 5
    h.call(40, false); // 4 of 5 = 80 % ≥ 50 %
    expect(h.log).toEqual(['41 closed→open']);
    expect(h.figures[0]).toMatchObject({ calls: 5, failed: 4, failureRate: 80 });
  });

  it('with the defaults, opens on the 100th call of a failing dependency, not before', () => {
    const h = harness();
    for (let i = 0; i < 99; i++) h.call(i, true);
    expect(h.state()).toBe('closed');
    h.call(99, true);
    expect(h.state()).toBe('open');
  });

  it("caps the minimum at a count window's size", () => {
    const h = harness({ windowSize: 4, minimumNumberOfCalls: 100 });
    h.call(0, true);
    h.call(10, false);
    h.call(20, true);
    expect(h.state()).toBe('closed');
    h.call(30, false); // 2 of 4 = 50 %
    expect(h.state()).toBe('open');
  });

  it('judges a count window by its last N calls only', () => {
    const h = harness({ windowSize: 4, minimumNumberOfCalls: 4 });
    h.call(0, false);
    h.call(1, false);
    h.call(2, false);
    h.call(3, true); // ok ok ok fail: 25 %
    h.call(4, false); // the first ok leaves: ok ok fail ok, still 25 %
    expect(h.state()).toBe('closed');
    h.call(5, true); // ok fail ok fail: 50 %
    expect(h.state()).toBe('open');
    expect(h.figures[0]).toMatchObject({ calls: 4, failed: 2, failureRate: 50 });
  });

  it('counts a call slow only when it took longer than the slow-call duration', () => {
    const h = harness({ windowSize: 4, minimumNumberOfCalls: 4, slowCallDuration: 100, slowCallRateThreshold: 50 });
    h.call(0, false, 100);
    h.call(1000, false, 100);
    h.call(2000, false, 100);
    h.call(3000, false, 100); // exactly 100: not slow
    expect(h.state()).toBe('closed');
    h.call(4000, false, 101);
    expect(h.state()).toBe('closed'); // 1 slow of 4
    h.call(5000, false, 150); // 2 of 4 slow = 50 %
    expect(h.log).toEqual(['5150 closed→open']);
    expect(h.figures[0]).toMatchObject({ failureRate: 0, slowCallRate: 50, slow: 2 });
  });

  it('OPEN refuses at once until strictly after the wait, then lets trial calls through HALF_OPEN', () => {
    const h = harness({ windowSize: 2, minimumNumberOfCalls: 2, waitInOpen: 1000, permittedInHalfOpen: 2 });
    h.call(0, true);
    h.call(10, true);
    expect(h.log).toEqual(['11 closed→open']);
    expect(h.call(500, false)).toBe(false);
    expect(h.call(1011, false)).toBe(false); // at openedAt + wait exactly: still open
    expect(h.breaker.notPermitted).toBe(2);
    expect(h.breaker.tryAcquire(1012)).toBe(true); // strictly after: half-open, first permit
    expect(h.state()).toBe('halfOpen');
    expect(h.breaker.tryAcquire(1013)).toBe(true);
    expect(h.breaker.tryAcquire(1014)).toBe(false); // permits used up
    h.breaker.onResult(1020, 8, false);
    expect(h.state()).toBe('halfOpen'); // 1 of the 2 trial calls back
    h.breaker.onResult(1030, 17, false);
    expect(h.state()).toBe('closed');
    expect(h.log).toEqual(['11 closed→open', '1012 open→halfOpen', '1030 halfOpen→closed']);
  });

  it('HALF_OPEN goes back to OPEN when the trial calls fail, and starts a new wait', () => {
    const h = harness({ windowSize: 2, minimumNumberOfCalls: 2, waitInOpen: 1000, permittedInHalfOpen: 3 });
    h.call(0, true);
    h.call(10, true);
    h.call(1100, true);
    expect(h.state()).toBe('halfOpen'); // 1 trial call back: under the minimum, min(2, 3) = 2
    h.call(1200, false); // 1 of 2 failed = 50 % ≥ 50 %: back to open
    expect(h.log).toEqual(['11 closed→open', '1100 open→halfOpen', '1201 halfOpen→open']);
    expect(h.call(2100, false)).toBe(false); // the new wait runs from 1201
    expect(h.call(2202, false)).toBe(true);
  });

  it('with the automatic transition, goes HALF_OPEN on a timer without any call', () => {
    const h = harness({ windowSize: 2, minimumNumberOfCalls: 2, waitInOpen: 500, automaticTransition: true });
    h.call(0, true);
    h.call(10, true);
    h.advance(2000);
    expect(h.log).toEqual(['11 closed→open', '511 open→halfOpen']);
  });

  it('goes back to OPEN after the maximum wait in HALF_OPEN if the trial calls do not decide', () => {
    const h = harness({ windowSize: 2, minimumNumberOfCalls: 2, waitInOpen: 500, automaticTransition: true, maxWaitInHalfOpen: 300 });
    h.call(0, true);
    h.call(10, true);
    h.advance(2000);
    expect(h.log.slice(0, 3)).toEqual(['11 closed→open', '511 open→halfOpen', '811 halfOpen→open']);
  });

  it('records a call admitted while CLOSED that ends while OPEN, without deciding anything', () => {
    const h = harness({ windowSize: 3, minimumNumberOfCalls: 2, waitInOpen: 1000 });
    expect(h.breaker.tryAcquire(0)).toBe(true); // a slow one, still out
    h.call(10, true);
    h.call(20, true);
    expect(h.state()).toBe('open');
    h.breaker.onResult(300, 300, false);
    expect(h.state()).toBe('open');
    expect(h.breaker.figures(300)).toMatchObject({ calls: 3, failed: 2 });
  });

  it('a time window holds the calls of its last whole seconds', () => {
    const h = harness({ windowType: 'time', windowSize: 2, minimumNumberOfCalls: 3 });
    h.call(100, true);
    h.call(900, true); // second 0
    h.call(2100, true); // second 2: second 0 has left the window (it holds seconds 1 and 2)
    expect(h.state()).toBe('closed');
    expect(h.breaker.figures(2200)).toMatchObject({ calls: 1, failed: 1, failureRate: -1 });
    h.call(2500, false);
    h.call(3200, true); // seconds 2 and 3: fail, ok, fail
    expect(h.log).toEqual(['3201 closed→open']);
    expect(h.figures[0]).toMatchObject({ calls: 3, failed: 2 });
  });

  it('FORCED_OPEN refuses everything and DISABLED lets everything through unrecorded, until RESET', () => {
    const h = harness({ windowSize: 2, minimumNumberOfCalls: 2 });
    h.breaker.command(0, 'FORCE_OPEN');
    expect(h.call(10, false)).toBe(false);
    h.advance(1_000_000);
    expect(h.state()).toBe('forcedOpen'); // no timer takes it out
    h.breaker.command(1_000_000, 'DISABLE');
    for (let i = 0; i < 10; i++) expect(h.call(1_000_000 + i * 10, true)).toBe(true);
    expect(h.state()).toBe('disabled');
    h.breaker.command(1_000_200, 'RESET');
    expect(h.state()).toBe('closed');
    expect(h.breaker.figures(1_000_200).calls).toBe(0);
    expect(h.log).toEqual(['0 closed→forcedOpen', '1000000 forcedOpen→disabled', '1000200 disabled→closed']);
  });

  it('can start forced open or disabled', () => {
    expect(harness({ initial: 'forcedOpen' }).state()).toBe('forcedOpen');
    expect(harness({ initial: 'disabled' }).state()).toBe('disabled');
  });
});

describe('sliding windows', () => {
  it('a count window keeps the last N outcomes, oldest first', () => {
    const w = new CountWindow(3);
    w.record(0, Outcome.ERROR);
    w.record(0, Outcome.SUCCESS);
    w.record(0, Outcome.SLOW_SUCCESS);
    expect(w.record(0, Outcome.SLOW_ERROR)).toEqual({ calls: 3, failed: 1, slow: 2 });
    expect(w.cells()).toEqual([Outcome.SUCCESS, Outcome.SLOW_SUCCESS, Outcome.SLOW_ERROR]);
  });

  it('a time window moves a whole second at a time and empties seconds it skips', () => {
    const w = new TimeWindow(3);
    w.record(0, Outcome.ERROR);
    w.record(999, Outcome.SUCCESS);
    w.record(1000, Outcome.ERROR);
    expect(w.totals(2999)).toEqual({ calls: 3, failed: 2, slow: 0 });
    expect(w.totals(3000)).toEqual({ calls: 1, failed: 1, slow: 0 }); // second 0 left
    expect(w.buckets(3000)).toEqual([
      [1, 1, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(w.totals(10_000)).toEqual({ calls: 0, failed: 0, slow: 0 });
  });
});
