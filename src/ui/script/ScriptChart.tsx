/**
 * A line chart a script published (`chart(series)`): one line per series over shared axes, with
 * the ranges written at the ends of the axes and a legend, in the Okabe–Ito colours the
 * inspector's charts use. Plain SVG, sized to the output pane; its text alternative lists the
 * points, so the figures are not only in the picture.
 */
import type { ScriptItem } from '../../script/output.ts';

type Chart = Extract<ScriptItem, { kind: 'chart' }>;

const WIDTH = 320,
  HEIGHT = 140,
  PAD = 6;
const COLOURS = ['var(--accent)', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'];

/** Short numbers for axis ends (3 significant digits). */
export const short = (v: number) => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(3)).toString());

export function ScriptChart({ chart }: { readonly chart: Chart }) {
  const points = chart.series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const xs = points.map(([x]) => x),
    ys = points.map(([, y]) => y);
  const [x0, x1] = points.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  const [y0, y1] = points.length ? [Math.min(0, ...ys), Math.max(...ys)] : [0, 1];
  const sx = (x: number) => PAD + ((x - x0) / (x1 - x0 || 1)) * (WIDTH - 2 * PAD);
  const sy = (y: number) => HEIGHT - PAD - ((y - y0) / (y1 - y0 || 1)) * (HEIGHT - 2 * PAD);
  const title = chart.title ?? 'Chart';
  const summary = chart.series.map((s) => `${s.name}: ${s.points.map(([x, y]) => `(${short(x)}, ${short(y)})`).join(' ')}`).join('; ');
  return (
    <figure className="script-chart" data-testid="script-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}: ${summary}`}>
        <line x1={PAD} y1={HEIGHT - PAD} x2={WIDTH - PAD} y2={HEIGHT - PAD} className="history-axis" />
        <line x1={PAD} y1={PAD} x2={PAD} y2={HEIGHT - PAD} className="history-axis" />
        {chart.series.map((s, i) => (
          <g key={`${s.name}-${i}`} stroke={COLOURS[i % COLOURS.length]} fill={COLOURS[i % COLOURS.length]}>
            <polyline
              fill="none"
              strokeWidth={1.5}
              points={s.points.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ')}
            />
            {s.points.length <= 40 && s.points.map(([x, y], k) => <circle key={k} cx={sx(x)} cy={sy(y)} r={2} stroke="none" />)}
          </g>
        ))}
      </svg>
      <div className="script-chart-axes">
        <span>
          {chart.xLabel ?? 'x'}: {short(x0)} … {short(x1)}
        </span>
        <span>
          {chart.yLabel ?? 'y'}: {short(y0)} … {short(y1)}
        </span>
      </div>
      {chart.series.length > 1 && (
        <ul className="history-legend">
          {chart.series.map((s, i) => (
            <li key={`${s.name}-${i}`}>
              <span style={{ background: COLOURS[i % COLOURS.length] }} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
