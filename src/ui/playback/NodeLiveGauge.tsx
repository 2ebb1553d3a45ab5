/**
 * A node's live state as the zoomed-out canvas shows it: bars instead of figures. Below
 * `COMPACT_BELOW_ZOOM` (NodeBox) a box's text is a few pixels high, too small to read, and re-laying out
 * a hundred boxes' changing text is what makes a big system stutter while it plays; fixed-size
 * bars show the same state at a glance. A bar's fill is an absolutely placed block whose width
 * changes: a layout of that block alone and a solid rectangle to paint (no transform: each
 * transformed element is one more piece Chromium sorts into layers on every frame; no gradient:
 * those paint as images). The exact figures are the gauge's accessible name, its tooltip (set when
 * the pointer arrives, not at every change) and the inspector's, as always.
 */
import type { PointerEvent, RefObject } from 'react';
import { plural } from '../../model/index.ts';
import { formatCount as count } from './format.ts';
import { depthShare, type ClientStatus, type QueueStatus, type ServiceStatus, type StreamStatus, type TopicStatus } from './nodeStatus.ts';

const share = (part: number, whole: number) => (whole > 0 ? Math.min(1, Math.max(0, part / whole)) : 0);
const width = (fraction: number) => ({ width: `${(fraction * 100).toFixed(1)}%` });
/** The tooltip, written when the pointer arrives: an attribute changed at every sample costs a style recalculation. */
const showTitle = (event: PointerEvent<HTMLElement>) => {
  event.currentTarget.title = event.currentTarget.getAttribute('aria-label') ?? '';
};

/** "3 of 8 workers busy, 5 waiting, 2 errors, 1 refused, 1 lost". */
export function serviceSentence(s: ServiceStatus): string {
  const parts = [`${count(s.busy)} of ${count(s.pool)} ${plural(s.pool, 'worker')} busy`, `${count(s.line)} waiting`];
  if (s.errors > 0) parts.push(`${count(s.errors)} ${s.errors === 1 ? 'error' : 'errors'}`);
  if (s.rejected > 0) parts.push(`${count(s.rejected)} refused`);
  if (s.dropped > 0) parts.push(`${count(s.dropped)} lost`);
  return parts.join(', ');
}

/** "12 ready of 1,000, 3 in flight, 40 acked, 1 dead-lettered, 2 dropped, 5 refused" (counts only when non-zero). */
export function queueSentence(s: QueueStatus, capacity: number | null): string {
  const parts = [`${count(s.ready)} ready${capacity === null ? '' : ` of ${count(capacity)}`}`, `${count(s.inFlight)} in flight`];
  if (s.acked > 0) parts.push(`${count(s.acked)} acked`);
  if (s.deadLettered > 0) parts.push(`${count(s.deadLettered)} dead-lettered`);
  if (s.dropped > 0) parts.push(`${count(s.dropped)} dropped`);
  if (s.refused > 0) parts.push(`${count(s.refused)} refused`);
  return parts.join(', ');
}

/** "120 publishes: 118 fanned out to 2 queues, 2 refused" (refusals only when non-zero; the publishes are all that arrived). */
export function topicSentence(s: TopicStatus): string {
  const to = `to ${count(s.subscriptions)} ${s.subscriptions === 1 ? 'queue' : 'queues'}`;
  return `${count(s.published)} ${s.published === 1 ? 'publish' : 'publishes'}: ${count(s.fannedOut)} fanned out ${to}${s.refused > 0 ? `, ${count(s.refused)} refused` : ''}`;
}

/** "3 partitions: 40 in logs, 2 in flight, 118 committed, 1 skipped, 5 expired, 2 refused" (counts only when non-zero). */
export function streamSentence(s: StreamStatus, partitions: number): string {
  const parts = [`${count(s.stored)} in logs`, `${count(s.inFlight)} in flight`];
  if (s.committed > 0) parts.push(`${count(s.committed)} committed`);
  if (s.skipped > 0) parts.push(`${count(s.skipped)} skipped`);
  if (s.expired > 0) parts.push(`${count(s.expired)} expired`);
  if (s.refused > 0) parts.push(`${count(s.refused)} refused`);
  return `${count(partitions)} ${partitions === 1 ? 'partition' : 'partitions'}: ${parts.join(', ')}`;
}

/** "120 sent: 100 ok, 3 failed, 2 timed out". */
export function clientSentence(s: ClientStatus): string {
  const parts = [`${count(s.completed)} ok`];
  if (s.failed > 0) parts.push(`${count(s.failed)} failed`);
  if (s.timedOut > 0) parts.push(`${count(s.timedOut)} timed out`);
  if (s.rejected > 0) parts.push(`${count(s.rejected)} refused`);
  if (s.dropped > 0) parts.push(`${count(s.dropped)} lost`);
  return `${count(s.sent)} sent: ${parts.join(', ')}`;
}

/**
 * A service: the busy share of its pool, and its waiting line (full when as many wait as it has
 * workers: the line then holds at least one more service time of work); a mark once anything failed.
 */
export function ServiceGauge({ status, lineRef }: { status: ServiceStatus; lineRef: RefObject<HTMLSpanElement | null> }) {
  const sentence = serviceSentence(status);
  const troubled = status.errors + status.rejected + status.dropped > 0;
  return (
    <span className="node-gauge" role="img" aria-label={sentence} data-testid="gauge" onPointerEnter={showTitle}>
      <span className="node-gauge-bar">
        <span className="node-gauge-fill" data-testid="gauge-busy" style={width(share(status.busy, status.pool))} />
      </span>
      <span ref={lineRef} className="node-gauge-bar">
        <span
          className="node-gauge-fill node-gauge-fill--line"
          data-testid="gauge-line"
          style={width(share(status.line, Math.max(1, status.pool)))}
        />
      </span>
      <span className={`node-gauge-mark${troubled ? ' is-on' : ''}`} aria-hidden="true" />
    </span>
  );
}

/** A client: the share of its requests answered (from the left) and failed in any way (from the right). */
export function ClientGauge({ status }: { status: ClientStatus }) {
  const sentence = clientSentence(status);
  const failed = status.failed + status.timedOut + status.rejected + status.dropped;
  return (
    <span className="node-gauge" role="img" aria-label={sentence} data-testid="gauge" onPointerEnter={showTitle}>
      <span className="node-gauge-bar">
        <span className="node-gauge-fill node-gauge-fill--ok" data-testid="gauge-ok" style={width(share(status.completed, status.sent))} />
        <span className="node-gauge-fill node-gauge-fill--failed" data-testid="gauge-failed" style={width(share(failed, status.sent))} />
      </span>
    </span>
  );
}

/** A queue: its depth (see depthShare), and a mark once a message was lost or refused. */
export function QueueGauge({
  status,
  capacity,
  lineRef,
}: {
  status: QueueStatus;
  capacity: number | null;
  lineRef: RefObject<HTMLSpanElement | null>;
}) {
  const troubled = status.deadLettered + status.dropped + status.refused > 0;
  return (
    <span className="node-gauge" role="img" aria-label={queueSentence(status, capacity)} data-testid="gauge" onPointerEnter={showTitle}>
      <span ref={lineRef} className="node-gauge-bar">
        <span
          className="node-gauge-fill node-gauge-fill--line"
          data-testid="gauge-depth"
          style={width(depthShare(status.ready, capacity))}
        />
      </span>
      <span className={`node-gauge-mark${troubled ? ' is-on' : ''}`} aria-hidden="true" />
    </span>
  );
}

/** A topic: the share of its publishes fanned out (from the left) and refused (from the right), and a mark once any was refused. */
export function TopicGauge({ status }: { status: TopicStatus }) {
  return (
    <span className="node-gauge" role="img" aria-label={topicSentence(status)} data-testid="gauge" onPointerEnter={showTitle}>
      <span className="node-gauge-bar">
        <span
          className="node-gauge-fill node-gauge-fill--ok"
          data-testid="gauge-fanned-out"
          style={width(share(status.fannedOut, status.published))}
        />
        <span
          className="node-gauge-fill node-gauge-fill--failed"
          data-testid="gauge-refused"
          style={width(share(status.refused, status.published))}
        />
      </span>
      <span className={`node-gauge-mark${status.refused > 0 ? ' is-on' : ''}`} aria-hidden="true" />
    </span>
  );
}

/** A stream: what its logs hold (log-scaled, as an unbounded queue's depth), and a mark once a message was skipped, expired or refused. */
export function StreamGauge({ status, partitions }: { status: StreamStatus; partitions: number }) {
  const troubled = status.skipped + status.expired + status.refused > 0;
  return (
    <span className="node-gauge" role="img" aria-label={streamSentence(status, partitions)} data-testid="gauge" onPointerEnter={showTitle}>
      <span className="node-gauge-bar">
        <span className="node-gauge-fill node-gauge-fill--line" data-testid="gauge-stored" style={width(depthShare(status.stored, null))} />
      </span>
      <span className={`node-gauge-mark${troubled ? ' is-on' : ''}`} aria-hidden="true" />
    </span>
  );
}
