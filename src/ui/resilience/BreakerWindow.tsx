/**
 * A circuit breaker's sliding window as it stands: a count window as one cell per call it holds
 * (oldest first; success, failure, slow success, slow failure; empty places still to fill), a
 * time window as one bar per second (calls stacked as succeeded, failed, slow), and its rates
 * against their thresholds with the minimum-calls gate that decides whether the rates count yet.
 */
import { Outcome } from '../../engine/policies/slidingWindow.ts';
import type { BreakerView } from '../../engine/replay/linkReplay.ts';

const OUTCOME_CLASS: Readonly<Record<number, string>> = {
  [Outcome.SUCCESS]: 'is-success',
  [Outcome.ERROR]: 'is-failure',
  [Outcome.SLOW_SUCCESS]: 'is-slow',
  [Outcome.SLOW_ERROR]: 'is-slow-failure',
};
const OUTCOME_NAME: Readonly<Record<number, string>> = {
  [Outcome.SUCCESS]: 'succeeded',
  [Outcome.ERROR]: 'failed',
  [Outcome.SLOW_SUCCESS]: 'slow, succeeded',
  [Outcome.SLOW_ERROR]: 'slow, failed',
};

/** Count windows up to this size show every cell; bigger ones only their last this many. */
const MAX_CELLS = 100;

export function BreakerWindow({ view }: { readonly view: BreakerView }) {
  const halfOpen = view.windowSize !== view.config.windowSize || (view.windowType === 'count' && view.config.windowType === 'time');
  const what = view.windowType === 'count' ? `last ${view.windowSize} calls` : `last ${view.windowSize} s`;
  const summary = `${view.calls} ${view.calls === 1 ? 'call' : 'calls'}: ${view.failed} failed, ${view.slow} slow`;
  return (
    <div className="breaker-window">
      <p className="breaker-window-title">
        Window: {halfOpen ? `the ${view.windowSize} trial calls` : what} <span className="inspector-muted">({summary})</span>
      </p>
      {view.windowType === 'count' ? <Cells view={view} /> : <Seconds view={view} />}
      <Legend />
      <Gate view={view} />
      <Rate label="Failure rate" rate={view.failureRate} threshold={view.config.failureRateThreshold} testId="breaker-failure-rate" />
      <Rate label="Slow-call rate" rate={view.slowCallRate} threshold={view.config.slowCallRateThreshold} testId="breaker-slow-rate" />
    </div>
  );
}

function Cells({ view }: { readonly view: BreakerView }) {
  const shown = Math.min(view.windowSize, MAX_CELLS);
  const cells = view.cells.slice(-shown);
  const empty = Math.max(0, shown - cells.length);
  return (
    <div
      className="breaker-cells"
      role="img"
      data-testid="breaker-cells"
      aria-label={`${cells.length} of ${view.windowSize} places filled, oldest first: ${cells.map((c) => OUTCOME_NAME[c]).join(', ') || 'none yet'}`}
    >
      {cells.map((c, i) => (
        <span key={i} className={`breaker-cell ${OUTCOME_CLASS[c]}`} />
      ))}
      {Array.from({ length: empty }, (_, i) => (
        <span key={`e${i}`} className="breaker-cell is-empty" />
      ))}
    </div>
  );
}

function Seconds({ view }: { readonly view: BreakerView }) {
  const most = Math.max(1, ...view.seconds.map(([calls]) => calls));
  return (
    <div
      className="breaker-seconds"
      role="img"
      data-testid="breaker-seconds"
      aria-label={`Per second, oldest first: ${view.seconds.map(([c, f, s]) => `${c} calls (${f} failed, ${s} slow)`).join('; ')}`}
    >
      {view.seconds.map(([calls, failed, slow], i) => (
        <span key={i} className="breaker-second" title={`${calls} calls, ${failed} failed, ${slow} slow`}>
          <span className="breaker-second-ok" style={{ height: `${((calls - failed) / most) * 100}%` }} />
          <span className="breaker-second-failed" style={{ height: `${(failed / most) * 100}%` }} />
          {slow > 0 && <span className="breaker-second-slow" style={{ bottom: 0, height: `${(slow / most) * 100}%` }} />}
        </span>
      ))}
    </div>
  );
}

function Legend() {
  return (
    <p className="breaker-legend" aria-hidden="true">
      <span>
        <span className="breaker-cell is-success" /> ok
      </span>
      <span>
        <span className="breaker-cell is-failure" /> failed
      </span>
      <span>
        <span className="breaker-cell is-slow" /> slow
      </span>
      <span>
        <span className="breaker-cell is-slow-failure" /> slow &amp; failed
      </span>
    </p>
  );
}

function Gate({ view }: { readonly view: BreakerView }) {
  const open = view.calls >= view.minimumNumberOfCalls && view.calls > 0;
  return (
    <p className={`breaker-gate${open ? ' is-open' : ''}`} data-testid="breaker-gate">
      Calls in the window: {view.calls}, at least {view.minimumNumberOfCalls} needed
      {open ? ' — the rates count' : ' — too few to judge: the rates are not evaluated yet'}
    </p>
  );
}

function Rate({
  label,
  rate,
  threshold,
  testId,
}: {
  readonly label: string;
  readonly rate: number;
  readonly threshold: number;
  readonly testId: string;
}) {
  const counted = rate >= 0;
  const over = counted && rate >= threshold;
  return (
    <div className={`breaker-rate${over ? ' is-over' : ''}`} data-testid={testId}>
      <span className="breaker-rate-label">{label}</span>
      <span className="breaker-rate-value">
        {counted ? `${formatPercent(rate)} %` : '–'}{' '}
        {over ? `≥ ${formatPercent(threshold)} %: over` : `(opens at ${formatPercent(threshold)} %)`}
      </span>
      <span className="breaker-rate-bar" aria-hidden="true">
        {counted && <span className="breaker-rate-fill" style={{ width: `${Math.min(100, rate)}%` }} />}
        <span className="breaker-rate-threshold" style={{ left: `${Math.min(100, threshold)}%` }} />
      </span>
    </div>
  );
}

function formatPercent(p: number): string {
  return Number.isInteger(p) ? String(p) : p.toFixed(1);
}
