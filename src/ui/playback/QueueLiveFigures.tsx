/**
 * A queue's figures in its box on the canvas: its depth as a bar with the number of ready
 * messages, the messages delivered and not yet acknowledged, how long the oldest waiting one has
 * waited, and — once there are any — those
 * acknowledged, dead-lettered, dropped by a full queue and publishes refused. The depth bar is
 * relative to the queue's limit, or on a log scale when it has none (see depthShare).
 */
import type { RefObject } from 'react';
import { formatCount as count } from './format.ts';
import { depthShare, MODE, UNBOUNDED_DEPTH_SCALE, type QueueStatus } from './nodeStatus.ts';

/** An age in tenths of a second as people read it: 0.4 s, 12.5 s, 3 min 20 s. */
export function formatAge(tenths: number): string {
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  const seconds = Math.floor(tenths / 10);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** The figures of a queue's status (see the file comment); `lineRef` is what pulses on an overflow. */
export function QueueFigures({
  status,
  capacity,
  lineRef,
}: {
  status: QueueStatus;
  capacity: number | null;
  lineRef: RefObject<HTMLSpanElement | null>;
}) {
  const down = status.mode === MODE.crashed;
  const scale =
    capacity === null ? `no limit; the bar is logarithmic, full at ${count(UNBOUNDED_DEPTH_SCALE)}` : `at most ${count(capacity)}`;
  return (
    <>
      <span
        ref={lineRef}
        className={`node-live-figure node-live-line${status.ready > 0 ? ' is-waiting' : ''}`}
        title={`Messages waiting for a consumer (${scale})`}
      >
        <span className="node-live-meter node-live-depth" aria-hidden="true">
          <span
            className="node-live-meter-fill"
            data-testid="depth-fill"
            style={{ width: `${(depthShare(status.ready, capacity) * 100).toFixed(1)}%` }}
          />
        </span>
        <span>
          <span data-testid="ready">{count(status.ready)}</span>
          {capacity === null ? '' : `/${count(capacity)}`} ready
        </span>
      </span>
      <span className="node-live-figure" title="Delivered to a consumer, not acknowledged yet">
        <span data-testid="in-flight">{count(status.inFlight)}</span> in flight
      </span>
      {status.oldestTenths > 0 && (
        <span className="node-live-figure" title="How long the oldest message waiting for a consumer has waited">
          oldest <span data-testid="oldest">{formatAge(status.oldestTenths)}</span>
        </span>
      )}
      {status.acked > 0 && (
        <span className="node-live-figure tone-ok" title="Messages a consumer acknowledged: done">
          <span data-testid="acked">{count(status.acked)}</span> acked
        </span>
      )}
      {status.deadLettered > 0 && (
        <span
          className="node-live-figure tone-error"
          title="Messages delivered as often as allowed without an ack: moved to the dead-letter queue"
        >
          <span data-testid="dead-lettered">{count(status.deadLettered)}</span> dead-lettered
        </span>
      )}
      {status.dropped > 0 && (
        <span className="node-live-figure tone-warn" title="Oldest messages dropped to make room: the queue was full">
          <span data-testid="dropped">{count(status.dropped)}</span> dropped
        </span>
      )}
      {status.refused > 0 && (
        <span
          className="node-live-figure tone-warn"
          title={down ? 'Publishes refused while the broker is down' : 'Publishes refused: the queue was full or down'}
        >
          <span data-testid="refused">{count(status.refused)}</span> refused
        </span>
      )}
    </>
  );
}
