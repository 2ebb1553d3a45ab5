/**
 * What a run's resilience policies are doing at any instant, read from its trace: each circuit
 * breaker's state and window, each bulkhead's places and line, the retry waits under way. The
 * replay's in-order pass folds every row once into append-only series per link, so a query is a
 * binary search plus, for a breaker's window, the few outcomes it holds: nothing is re-simulated.
 *
 * The breaker is followed as the engine runs it (policies/circuitBreaker.ts, operations.ts): an
 * attempt the breaker let through is recorded when it ends (received, timed out, or refused by
 * the bulkhead behind the breaker), with its duration from the attempt's first row; the window
 * starts afresh when the breaker enters CLOSED or HALF_OPEN, and when a change gives the link a
 * new breaker. Entries carry their row number, so rows at one instant keep their order.
 */
import { CountWindow, Outcome, TimeWindow, type OutcomeCode } from '../policies/slidingWindow.ts';
import { BreakerState, CallStatus, NotPermittedReason, TraceType } from '../trace/eventTypes.ts';
import type { RunTopology, TopologyBreaker } from './topology.ts';
import { LinkFaultReplay } from './linkFaults.ts';
import { Series } from './series.ts';
import { breakerTo } from '../trace/rows.ts';
import { firstAfter, firstAtOrAfter } from '../core/search.ts';

export { Series } from './series.ts';

/** A breaker's window at an instant, for its detail view. */
export interface BreakerView {
  /** BreakerState code. */
  readonly state: number;
  /** When it entered that state (ms; −Infinity: it started in it). */
  readonly since: number;
  /** A count window: its outcomes (Outcome codes), oldest first; else empty. */
  readonly cells: readonly number[];
  /** A time window: per second, oldest first, [calls, failed, slow]; else empty. */
  readonly seconds: readonly (readonly [number, number, number])[];
  /** The window's size (calls or seconds): the half-open window's while HALF_OPEN, or after it. */
  readonly windowSize: number;
  readonly windowType: 'count' | 'time';
  readonly calls: number;
  readonly failed: number;
  readonly slow: number;
  /** Rates in %, or −1 while under the minimum number of calls. */
  readonly failureRate: number;
  readonly slowCallRate: number;
  readonly minimumNumberOfCalls: number;
  /** OPEN: when the wait ends and it may let a trial call through (ms); else NaN. */
  readonly reopensAt: number;
  /** HALF_OPEN: trial calls it may still let through; else 0. */
  readonly permitsLeft: number;
  readonly config: TopologyBreaker;
}

/** A wait before a retry, from `start` to `end` (ms), at `caller`, after attempt `call` over `link`. */
export interface RetryWait {
  readonly caller: number;
  readonly link: number;
  readonly call: number;
  readonly start: number;
  readonly end: number;
}

/** What the replay tells the link replay about a call (its static columns). */
export interface CallLookup {
  link(c: number): number;
  /** Whether c is an attempt of a resilient call over its link (not a plain call, nor a fallback's call to another service). */
  isAttempt(c: number): boolean;
}

/** Per link: what its breaker and bulkhead did. */
interface LinkSeries {
  /** Breakers the link had (value: index into `configs`, −1 none), from the start and from changes. */
  readonly epochs: Series;
  readonly configs: (TopologyBreaker | null)[];
  /** Breaker states (value: BreakerState). */
  readonly states: Series;
  /** Outcomes its breaker recorded (value: Outcome code). */
  readonly results: Series;
  /** Trial calls still permitted (changes only while HALF_OPEN). */
  readonly permits: Series;
  /** Bulkhead places taken and calls waiting, and its size (value: places; 0: no bulkhead). */
  readonly inFlight: Series;
  readonly waiting: Series;
  readonly bulkhead: Series;
  /** Attempts refused by the caller's breaker or bulkhead so far (a running count). */
  readonly refused: Series;
  // The live pass's current state.
  state: number;
  config: TopologyBreaker | null;
  hasBulkhead: boolean;
  places: number;
}

const WAITING = 1,
  HOLDING = 2,
  PLACE = 3,
  ADMITTED = 4,
  BEGUN = 8;

export class LinkReplay {
  private readonly links: LinkSeries[];
  private readonly waits: RetryWait[] = [];
  /** What the fault schedule does to each link (cuts, latency, loss) over time. */
  readonly faults: LinkFaultReplay;
  /** Longest retry wait so far: how far back a query must look. */
  private longestWait = 0;
  /** Per call: when its attempt began, and flags (bulkhead place, breaker permit, begun). */
  private begunAt = new Float64Array(1024);
  private flags = new Uint8Array(1024);
  /** The call whose cells come first (calls before it are forgotten, see `forgetBefore`). */
  private base = 0;
  private row = 0;

  constructor(
    private readonly topology: RunTopology,
    private readonly calls: CallLookup,
  ) {
    this.faults = new LinkFaultReplay(topology);
    this.links = topology.linkIds.map((_, l) => {
      const config = topology.breakers?.[l] ?? null;
      const s: LinkSeries = {
        epochs: new Series(),
        configs: [config],
        states: new Series(),
        results: new Series(),
        permits: new Series(),
        inFlight: new Series(),
        waiting: new Series(),
        bulkhead: new Series(),
        refused: new Series(),
        state: initialState(config),
        config,
        hasBulkhead: (topology.initialBulkheads?.[l] ?? 0) > 0,
        places: topology.initialBulkheads?.[l] ?? 0,
      };
      s.epochs.push(-Infinity, -1, 0);
      s.states.push(-Infinity, -1, s.state);
      s.bulkhead.push(-Infinity, -1, s.places);
      return s;
    });
  }

  /**
   * Forgets the calls below `id` (a replay's window, see traceReplay.ts): no row folded from now
   * on names one. Moves the cells down only once at least half of them are forgotten ones.
   */
  forgetBefore(id: number, count: number): void {
    const gone = id - this.base;
    if (gone <= 0 || gone < count - id) return;
    this.begunAt.copyWithin(0, gone, count - this.base);
    this.flags.copyWithin(0, gone, count - this.base);
    this.base = id;
  }

  /** Makes room for calls up to `count`. */
  reserve(count: number): void {
    count -= this.base;
    if (count <= this.flags.length) return;
    let capacity = this.flags.length;
    while (capacity < count) capacity *= 2;
    const begun = new Float64Array(capacity);
    begun.set(this.begunAt);
    this.begunAt = begun;
    const flags = new Uint8Array(capacity);
    flags.set(this.flags);
    this.flags = flags;
  }

  /** Folds the next trace row (in order, once each). */
  onRow(t: number, type: number, node: number, a: number, b: number): void {
    const row = this.row++;
    const calls = this.calls;
    this.faults.onRow(t, row, type, a);
    switch (type) {
      case TraceType.CHANGE: {
        const guards = b >= 0 ? this.topology.guardChanges?.[a] : undefined;
        if (guards) this.onGuardChange(this.links[b], t, row, guards);
        break;
      }
      case TraceType.BREAKER: {
        const s = this.links[a];
        s.state = breakerTo(b);
        s.states.push(t, row, s.state);
        if (s.state === BreakerState.HALF_OPEN && s.config) s.permits.push(t, row, s.config.permittedInHalfOpen);
        break;
      }
      case TraceType.RETRY: {
        const wait = b / 1000;
        this.waits.push({ caller: node, link: calls.link(a), call: a, start: t, end: t + wait });
        if (wait > this.longestWait) this.longestWait = wait;
        break;
      }
      case TraceType.BULKHEAD_WAIT:
        if (!calls.isAttempt(a)) break;
        this.begin(a, t, row, false);
        this.flags[a - this.base] = (this.flags[a - this.base] & ~PLACE) | WAITING;
        this.step(this.links[calls.link(a)].waiting, t, row, +1);
        break;
      case TraceType.SEND: {
        if (!calls.isAttempt(a)) break;
        this.begin(a, t, row, false);
        const s = this.links[calls.link(a)];
        if ((this.flags[a - this.base] & WAITING) !== 0) this.step(s.waiting, t, row, -1);
        this.flags[a - this.base] &= ~PLACE;
        if (s.hasBulkhead) {
          this.flags[a - this.base] |= HOLDING;
          this.step(s.inFlight, t, row, +1);
        }
        break;
      }
      case TraceType.NOT_PERMITTED: {
        this.begin(a, t, row, b === NotPermittedReason.BREAKER_OPEN);
        const s = this.links[calls.link(a)];
        if ((this.flags[a - this.base] & WAITING) !== 0) this.step(s.waiting, t, row, -1);
        this.flags[a - this.base] &= ~PLACE;
        this.step(s.refused, t, row, +1);
        // Refused by the bulkhead after the breaker let it through: the breaker records a failure.
        this.settle(a, t, row, true);
        break;
      }
      case TraceType.RECEIVE:
      case TraceType.TIMEOUT:
      case TraceType.ABANDON: {
        if (!calls.isAttempt(a) || (this.flags[a - this.base] & BEGUN) === 0) break;
        const s = this.links[calls.link(a)];
        if ((this.flags[a - this.base] & HOLDING) !== 0) this.step(s.inFlight, t, row, -1);
        else if ((this.flags[a - this.base] & WAITING) !== 0) this.step(s.waiting, t, row, -1);
        this.flags[a - this.base] &= ~PLACE;
        // A breaker records nothing of an attempt nobody waits for any more.
        if (type === TraceType.ABANDON) this.flags[a - this.base] &= ~ADMITTED;
        this.settle(a, t, row, !(type === TraceType.RECEIVE && b === CallStatus.OK));
        break;
      }
    }
  }

  /** Link l's breaker state at t (BreakerState), or −1 if it has none then. */
  breakerStateAt(l: number, t: number): number {
    const s = this.links[l];
    const epoch = s.epochs.last(t);
    if (s.configs[s.epochs.values[epoch]] === null) return -1;
    const i = s.states.last(t);
    return s.states.rows[i] < s.epochs.rows[epoch] ? initialState(s.configs[s.epochs.values[epoch]]) : s.states.values[i];
  }

  /** Link l's breaker at t, window included; undefined if the link has none then. */
  breakerAt(l: number, t: number): BreakerView | undefined {
    const s = this.links[l];
    const epoch = s.epochs.last(t);
    const config = s.configs[s.epochs.values[epoch]];
    if (!config) return undefined;
    const epochRow = s.epochs.rows[epoch];
    const si = s.states.last(t);
    const fresh = s.states.rows[si] < epochRow; // no change of state since this breaker was set up
    const state = fresh ? initialState(config) : s.states.values[si];
    const since = fresh ? s.epochs.times[epoch] : s.states.times[si];
    // The window in use began at the last entry to CLOSED or HALF_OPEN (or with the breaker).
    let startRow = epochRow,
      halfOpenWindow = false;
    for (let i = si; i >= 0 && s.states.rows[i] > epochRow; i--) {
      const v = s.states.values[i];
      if (v === BreakerState.CLOSED || v === BreakerState.HALF_OPEN) {
        startRow = s.states.rows[i];
        halfOpenWindow = v === BreakerState.HALF_OPEN;
        break;
      }
    }
    const countBased = halfOpenWindow || config.windowType === 'count';
    const size = halfOpenWindow ? config.permittedInHalfOpen : config.windowSize;
    const minimum = halfOpenWindow
      ? Math.min(config.minimumNumberOfCalls, config.permittedInHalfOpen)
      : countBased
        ? Math.min(config.minimumNumberOfCalls, size)
        : config.minimumNumberOfCalls;
    const r = s.results;
    const end = r.last(t) + 1;
    let from = firstAfter(r.rows, startRow, 0, end);
    // Only the last `size` outcomes (count) or seconds (time) can still be in the window.
    from = countBased
      ? Math.max(from, end - size)
      : Math.max(from, firstAtOrAfter(r.times, (Math.floor(t / 1000) - size + 1) * 1000, from, end));
    const count = countBased ? new CountWindow(size) : undefined;
    const time = countBased ? undefined : new TimeWindow(size);
    for (let i = from; i < end; i++) (count ?? time)?.record(r.times[i], r.values[i] as OutcomeCode);
    const totals = count ? count.totals() : (time as TimeWindow).totals(t);
    const under = totals.calls === 0 || totals.calls < minimum;
    return {
      state,
      since,
      ...totals,
      config,
      minimumNumberOfCalls: minimum,
      windowType: countBased ? 'count' : 'time',
      windowSize: size,
      cells: count ? count.cells() : [],
      seconds: time ? time.buckets(t) : [],
      failureRate: under ? -1 : (totals.failed * 100) / totals.calls,
      slowCallRate: under ? -1 : (totals.slow * 100) / totals.calls,
      reopensAt: state === BreakerState.OPEN ? since + config.waitInOpen : NaN,
      permitsLeft: state === BreakerState.HALF_OPEN ? s.permits.valueAt(t, 0) : 0,
    };
  }

  /** Link l's bulkhead at t: places taken, calls waiting, and its places; undefined if it has none then. */
  bulkheadAt(l: number, t: number): { inFlight: number; waiting: number; places: number } | undefined {
    const s = this.links[l];
    const places = s.bulkhead.valueAt(t, 0);
    if (places === 0) return undefined;
    return { inFlight: s.inFlight.valueAt(t, 0), waiting: s.waiting.valueAt(t, 0), places };
  }

  /** Attempts over link l its caller's breaker or bulkhead refused, up to t. */
  refusedAt(l: number, t: number): number {
    return this.links[l].refused.valueAt(t, 0);
  }

  /** Link l's last `count` breaker transitions at or before t, newest first (a new breaker from a change starts its own list). */
  breakerTransitionsAt(l: number, t: number, count: number): { readonly at: number; readonly from: number; readonly to: number }[] {
    const s = this.links[l];
    const epochRow = s.epochs.rows[s.epochs.last(t)];
    const out: { at: number; from: number; to: number }[] = [];
    for (let i = s.states.last(t); i > 0 && s.states.rows[i] > epochRow && out.length < count; i--) {
      const before = s.states.rows[i - 1] > epochRow ? s.states.values[i - 1] : initialState(s.configs[s.epochs.values[s.epochs.last(t)]]);
      out.push({ at: s.states.times[i], from: before, to: s.states.values[i] });
    }
    return out;
  }

  /** The retry waits under way at t (started at or before t, ending after it). */
  retryWaitsAt(t: number): RetryWait[] {
    const out: RetryWait[] = [];
    for (let i = this.waits.length - 1; i >= 0; i--) {
      const w = this.waits[i];
      if (w.start < t - this.longestWait) break;
      if (w.start <= t && t < w.end) out.push(w);
    }
    return out.reverse();
  }

  private onGuardChange(
    s: LinkSeries,
    t: number,
    row: number,
    guards: NonNullable<NonNullable<RunTopology['guardChanges']>[number]>,
  ): void {
    if (guards.breaker !== undefined) {
      s.config = guards.breaker;
      s.configs.push(guards.breaker);
      s.epochs.push(t, row, s.configs.length - 1);
      s.state = initialState(guards.breaker);
    }
    if (guards.bulkhead !== undefined) {
      // A new bulkhead counts the places already taken; with none, nobody holds or waits for one.
      s.places = guards.bulkhead;
      s.hasBulkhead = guards.bulkhead > 0;
      s.bulkhead.push(t, row, guards.bulkhead);
      if (!s.hasBulkhead) s.inFlight.push(t, row, 0);
    }
  }

  /** Attempt c's first row is at t: unless the breaker refused it, the breaker (if any) let it through. */
  private begin(c: number, t: number, row: number, refused: boolean): void {
    if ((this.flags[c - this.base] & BEGUN) !== 0) return;
    this.flags[c - this.base] = BEGUN;
    this.begunAt[c - this.base] = t;
    const s = this.links[this.calls.link(c)];
    if (refused || !s.config) return;
    this.flags[c - this.base] |= ADMITTED;
    if (s.state === BreakerState.HALF_OPEN) s.permits.push(t, row, s.permits.lastValue - 1);
  }

  /** Attempt c is over: if the breaker let it through, the link's breaker now records it. */
  private settle(c: number, t: number, row: number, failed: boolean): void {
    if ((this.flags[c - this.base] & ADMITTED) === 0) return;
    this.flags[c - this.base] &= ~ADMITTED;
    const s = this.links[this.calls.link(c)];
    const config = s.config;
    if (!config || s.state === BreakerState.DISABLED || s.state === BreakerState.FORCED_OPEN) return;
    const slow = t - this.begunAt[c - this.base] > config.slowCallDuration;
    s.results.push(t, row, failed ? (slow ? Outcome.SLOW_ERROR : Outcome.ERROR) : slow ? Outcome.SLOW_SUCCESS : Outcome.SUCCESS);
  }

  private step(s: Series, t: number, row: number, delta: number): void {
    s.push(t, row, s.lastValue + delta);
  }
}

function initialState(config: TopologyBreaker | null): number {
  if (!config) return -1;
  return config.state === 'forcedOpen'
    ? BreakerState.FORCED_OPEN
    : config.state === 'disabled'
      ? BreakerState.DISABLED
      : BreakerState.CLOSED;
}
