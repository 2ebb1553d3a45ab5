/**
 * A small line chart of a queue's depth or a stream's lag per consumer group over simulated time,
 * with the playhead marked: in the inspector, so a learner sees the backlog grow while a consumer
 * is down and drain after. Recomputed only when the run grows (its version); the playhead marker
 * follows the sampled playhead.
 */
import { useMemo } from 'react';
import { useRun } from '../app/stores.tsx';
import { formatCount } from '../playback/format.ts';
import { useSampledPlayhead } from '../playback/sampledLive.ts';
import { historyOf, type HistoryMetric } from './history.ts';
import { useLessonTarget } from '../lessons/useLessonTarget.ts';
import './charts.css';

const WIDTH = 240,
  HEIGHT = 64;
/** Okabe–Ito colours, one per series (consumer group). */
const COLOURS = ['var(--accent)', '#e69f00', '#009e73', '#cc79a7', '#56b4e9'];

export function HistoryChart({ nodeId, metric }: { readonly nodeId: string; readonly metric: HistoryMetric }) {
  const replay = useRun((s) => s.replay);
  const version = useRun((s) => s.version);
  const { time } = useSampledPlayhead();
  const target = useLessonTarget('history', 'history-chart');
  const history = useMemo(() => {
    const node = replay?.topology.nodeIds.indexOf(nodeId) ?? -1;
    return replay && node >= 0 && replay.horizon > 0 ? historyOf(replay, node, metric) : undefined;
    // version: the run grew (a new batch), so the history reaches further.
  }, [replay, nodeId, metric, version]);
  if (!history) return null;
  const end = history.times[history.times.length - 1] || 1;
  const x = (t: number) => (t / end) * WIDTH;
  const y = (v: number) => HEIGHT - (v / history.max) * (HEIGHT - 4) - 2;
  const title = metric === 'depth' ? 'Ready messages over time' : 'Lag over time (messages behind, per group)';
  const summary = history.series
    .map((s) => `${s.name}: at most ${formatCount(Math.max(...s.values))}, now ${formatCount(s.values[s.values.length - 1])}`)
    .join('; ');
  return (
    <figure {...target} data-testid={`history-${metric}`}>
      <figcaption>
        {title} <span className="inspector-muted">(peak {formatCount(history.max)})</span>
      </figcaption>
      <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}: ${summary}`}>
        <line x1={0} y1={HEIGHT - 1} x2={WIDTH} y2={HEIGHT - 1} className="history-axis" />
        {history.series.map((s, i) => (
          <polyline
            key={s.name}
            fill="none"
            stroke={COLOURS[i % COLOURS.length]}
            strokeWidth={1.5}
            points={s.values.map((v, k) => `${x(history.times[k]).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}
          />
        ))}
        <line
          x1={x(Math.min(time, end))}
          y1={0}
          x2={x(Math.min(time, end))}
          y2={HEIGHT}
          className="history-playhead"
          data-testid="history-playhead"
        />
      </svg>
      {history.series.length > 1 && (
        <ul className="history-legend">
          {history.series.map((s, i) => (
            <li key={s.name}>
              <span style={{ background: COLOURS[i % COLOURS.length] }} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
