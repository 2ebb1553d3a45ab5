/**
 * The trace waterfall of one request (issue 23), Jaeger's and Tempo's way: a row per span, nested
 * by parent, on a shared time axis; each bar split into coloured segments (network, waiting in
 * line, working, waiting for downstream, backoff, pool wait) with marks (retries, timeouts,
 * breaker refusals, fallbacks, broker hand-offs); the critical path underlined, with the time per
 * service on it. Hovering (or focusing) a row shows its attributes and tells `onHover`, so the
 * canvas can light up its node and link; "Jump" moves the playhead to the span's start.
 * Presentational only: the data comes built (waterfallModel.ts).
 */
import { useState } from 'react';
import { formatLatency } from '../playback/format.ts';
import { SEGMENT_KINDS } from '../../engine/replay/spans.ts';
import { axisPercent, axisTicks, MARK_GLYPHS, SEGMENT_LABELS, type WaterfallRow, type WaterfallTrace } from './waterfallModel.ts';
import './waterfall.css';

export interface WaterfallProps {
  readonly trace: WaterfallTrace;
  /** The row under the pointer or focus (undefined: none). */
  onHover?(row: WaterfallRow | undefined): void;
  /** "Jump": move the playhead to simulated time t (ms). */
  onJump?(t: number): void;
  onClose?(): void;
}

const LEGEND_MARKS: readonly [string, string][] = [
  ['↻', 'retry'],
  ['⊗', 'timeout'],
  ['⊘', 'refused by breaker / bulkhead'],
  ['↪', 'fallback'],
  ['…', 'pool wait'],
  ['✉', 'published'],
  ['➜', 'delivered'],
  ['✓', 'acked / accepted'],
  ['✕', 'rejected / lost'],
];

export function Waterfall({ trace, onHover, onJump, onClose }: WaterfallProps) {
  const [hovered, setHovered] = useState<WaterfallRow | undefined>(undefined);
  const hover = (row: WaterfallRow | undefined) => {
    setHovered(row);
    onHover?.(row);
  };
  const total = trace.end - trace.start;
  const at = (t: number) => axisPercent(trace, t);
  return (
    <section className="waterfall" aria-label={`Trace of request #${trace.request}`} data-testid="waterfall" data-spans={trace.rows.length}>
      <header className="waterfall-head">
        <h2>
          Request #{trace.request}{' '}
          <span className="waterfall-sub">
            from {trace.client} · {trace.status} · {formatLatency(total)} · {trace.rows.length} spans
          </span>
        </h2>
        {onClose && (
          <button type="button" className="waterfall-close" aria-label="Close the trace" onClick={onClose}>
            ×
          </button>
        )}
      </header>
      <div className="waterfall-critical" data-testid="waterfall-shares">
        <strong>Critical path</strong> (what set the end time), per service:
        <ol>
          {trace.shares.map(({ service, ms }) => (
            <li key={service} data-service={service}>
              <span className="waterfall-share-bar" style={{ width: `${Math.max(2, total > 0 ? (ms / total) * 60 : 0)}px` }} />
              <span>
                {service} {formatLatency(ms)} ({total > 0 ? Math.round((ms / total) * 100) : 0} %)
              </span>
            </li>
          ))}
        </ol>
      </div>
      <ul className="waterfall-legend" aria-label="Legend">
        {SEGMENT_KINDS.filter((k) => k !== 'reply').map((kind) => (
          <li key={kind}>
            <span className={`waterfall-swatch seg-${kind}`} />
            {SEGMENT_LABELS[kind]}
          </li>
        ))}
        <li>
          <span className="waterfall-swatch waterfall-swatch--critical" />
          critical path
        </li>
        {LEGEND_MARKS.map(([glyph, text]) => (
          <li key={text}>
            <span className="waterfall-glyph">{glyph}</span>
            {text}
          </li>
        ))}
        <li>
          <span className="waterfall-glyph">⇢</span>follows from (broker hand-off)
        </li>
      </ul>
      <div className="waterfall-grid">
        <div className="waterfall-axis" aria-hidden="true">
          <div />
          <div className="waterfall-track">
            {axisTicks(trace.start, trace.axisEnd).map((t) => (
              <span key={t} className="waterfall-tick" style={{ left: `${at(t)}%` }}>
                {t === trace.start ? '0' : formatLatency(t - trace.start)}
              </span>
            ))}
          </div>
        </div>
        <ul className="waterfall-rows" onPointerLeave={() => hover(undefined)}>
          {trace.rows.map((row) => (
            <Row key={row.span.call} row={row} trace={trace} at={at} hovered={hovered === row} onHover={hover} onJump={onJump} />
          ))}
        </ul>
      </div>
      <Attributes row={hovered} start={trace.start} />
    </section>
  );
}

function Row({
  row,
  trace,
  at,
  hovered,
  onHover,
  onJump,
}: {
  row: WaterfallRow;
  trace: WaterfallTrace;
  at: (t: number) => number;
  hovered: boolean;
  onHover(row: WaterfallRow): void;
  onJump?(t: number): void;
}) {
  const { span } = row;
  const steps = trace.path.filter((s) => s.span === row.position);
  return (
    <li
      className={`waterfall-row${row.critical ? ' is-critical' : ''}${hovered ? ' is-hovered' : ''}${span.async ? ' is-async' : ''}`}
      data-testid="waterfall-row"
      data-call={span.call}
      data-depth={row.depth}
      data-start={span.start}
      data-critical={row.critical ? 'true' : 'false'}
      tabIndex={0}
      onPointerEnter={() => onHover(row)}
      onFocus={() => onHover(row)}
    >
      <div className="waterfall-label" style={{ paddingLeft: `${0.25 + row.depth * 0.9}rem` }} title={row.label}>
        {span.async && (
          <span className="waterfall-glyph" title="follows from its parent (a broker's hand-off)">
            ⇢
          </span>
        )}
        <span className="waterfall-name">{row.label}</span>
        {span.attempt > 1 && <span className="waterfall-badge">#{span.attempt}</span>}
        {onJump && (
          <button
            type="button"
            className="waterfall-jump"
            aria-label={`Jump to the start of ${row.label}`}
            title="Move the playhead to this span's start"
            onClick={(event) => {
              event.stopPropagation();
              onJump(span.start);
            }}
          >
            Jump
          </button>
        )}
      </div>
      <div className="waterfall-track">
        {span.segments.map((seg, i) => (
          <span
            key={i}
            className={`waterfall-seg seg-${seg.kind}`}
            data-kind={seg.kind}
            style={{ left: `${at(seg.start)}%`, width: `${at(seg.end) - at(seg.start)}%` }}
            title={`${SEGMENT_LABELS[seg.kind]}: ${formatLatency(seg.end - seg.start)}`}
          />
        ))}
        {steps.map((s, i) => (
          <span
            key={`c${i}`}
            className="waterfall-critical-line"
            style={{ left: `${at(s.start)}%`, width: `${at(s.end) - at(s.start)}%` }}
          />
        ))}
        {span.marks.map((mark, i) => (
          <span
            key={`m${i}`}
            className={`waterfall-mark mark-${mark.kind.replace(/ /g, '-')}`}
            data-mark={mark.kind}
            style={{ left: `${at(mark.time)}%` }}
            title={`${mark.kind} at +${formatLatency(mark.time - trace.start)}`}
          >
            {MARK_GLYPHS[mark.kind]}
          </span>
        ))}
        <span className="waterfall-duration" style={{ left: `${Math.min(at(span.end), 100)}%` }}>
          {formatLatency(span.end - span.start)}
        </span>
      </div>
    </li>
  );
}

function Attributes({ row, start }: { row: WaterfallRow | undefined; start: number }) {
  if (!row)
    return (
      <p className="waterfall-attributes is-empty">Point at a span to see its attributes and light up its node and link on the canvas.</p>
    );
  const { span } = row;
  const items: [string, string][] = [
    ['span', row.label],
    ['instance', row.instance],
    ['link', row.link],
    ['attempt', String(span.attempt)],
    ['status', row.status],
    ['start', `+${formatLatency(span.start - start)}`],
    ['duration', formatLatency(span.end - span.start)],
  ];
  if (row.breaker) items.push(['breaker', row.breaker]);
  if (span.async) items.push(['relation', 'follows from its parent']);
  if (span.orphaned) items.push(['note', 'went on after its caller gave up']);
  for (const seg of span.segments) items.push([SEGMENT_LABELS[seg.kind], formatLatency(seg.end - seg.start)]);
  return (
    <dl className="waterfall-attributes" data-testid="waterfall-attributes">
      {items.map(([k, v], i) => (
        <div key={i}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
