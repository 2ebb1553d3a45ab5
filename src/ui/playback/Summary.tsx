/**
 * The run so far, at the playhead: requests the clients sent and how they ended (completed,
 * failed, timed out; rejected and dropped when any were), and end-to-end latency percentiles.
 */
import type { LiveState } from './liveState.ts';
import { formatCount as count, formatLatency } from './format.ts';
import { useSampledFigures } from './sampledLive.ts';
import { useLessonTarget } from '../lessons/useLessonTarget.ts';
import { useRun } from '../app/stores.tsx';

interface Figure {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  /** A tone for the value: failures in the error colour, timeouts in theirs. */
  readonly tone?: 'ok' | 'error' | 'timeout' | 'warn';
}

function figures(s: ReturnType<typeof selectSummary>): Figure[] {
  if (!s) return [];
  const list: Figure[] = [
    { id: 'sent', label: 'Sent', value: count(s.sent) },
    { id: 'completed', label: 'Completed', value: count(s.completed), tone: 'ok' },
    { id: 'failed', label: 'Failed', value: count(s.failed), tone: s.failed > 0 ? 'error' : undefined },
    { id: 'timed-out', label: 'Timed out', value: count(s.timedOut), tone: s.timedOut > 0 ? 'timeout' : undefined },
  ];
  if (s.rejected > 0) list.push({ id: 'rejected', label: 'Rejected', value: count(s.rejected), tone: 'warn' });
  if (s.dropped > 0) list.push({ id: 'dropped', label: 'Dropped', value: count(s.dropped), tone: 'warn' });
  const none = s.latencyCount === 0;
  list.push({ id: 'p50', label: 'p50', value: none ? '–' : formatLatency(s.p50) });
  list.push({ id: 'p99', label: 'p99', value: none ? '–' : formatLatency(s.p99) });
  return list;
}

/** The figures shown, as flat numbers (so a frame that changes none of them re-renders nothing). */
function selectSummary(s: LiveState) {
  if (!s.state) return undefined;
  const { totals, latency } = s.state;
  return { ...totals, p50: latency.p50, p99: latency.p99, latencyCount: latency.count };
}

export function Summary() {
  const summary = useSampledFigures(selectSummary);
  const target = useLessonTarget('summary', 'run-summary');
  // A run refused as too big for the page: Play cannot start it, so do not invite it.
  const refused = useRun((s) => s.refusal !== undefined);
  return (
    <section {...target} aria-label="Run summary">
      {!summary ? (
        <span className="run-summary-empty">{refused ? 'Too big to run here: see the Duration.' : 'Press Play to run the system.'}</span>
      ) : (
        <dl>
          {figures(summary).map((f) => (
            <div key={f.id} className="run-summary-figure">
              <dt>{f.label}</dt>
              <dd data-testid={`summary-${f.id}`} className={f.tone ? `tone-${f.tone}` : undefined}>
                {f.value}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
