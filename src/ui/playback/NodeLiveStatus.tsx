/**
 * A node's state at the playhead, inside its box on the canvas. A service: its worker pool as a
 * row of slots (busy ones filled), how many wait in line, errors and refusals. A client: requests
 * sent and how they ended. A queue: its depth and messages in flight (see QueueLiveFigures). A
 * topic: the publishes it fanned out and to how many queues (see TopicLiveFigures). A stream: its
 * partitions as lanes and what its logs hold and its groups committed (see StreamLiveFigures). A gateway:
 * a service's figures (its pool, its line; refusals at its door among them). A registry: the calls
 * it answered and refused (its entries are listed below, RegistryEntries). Reads only this node's figures, from the sampled live store (see
 * sampledLive.ts, in its id's lane), so a box re-renders when its own figures change, at most ten
 * times a second while playing; discrete changes animate (see useStatusAnimation).
 */
import { useMemo, type RefObject } from 'react';
import { useDocument, useStores } from '../app/stores.tsx';
import { formatCount as count } from './format.ts';
import { ClientGauge, QueueGauge, ServiceGauge, StreamGauge, TopicGauge } from './NodeLiveGauge.tsx';
import { QueueFigures } from './QueueLiveFigures.tsx';
import { StreamFigures } from './StreamLiveFigures.tsx';
import { TopicFigures } from './TopicLiveFigures.tsx';
import { sampleLane, useSampledFigures } from './sampledLive.ts';
import {
  MODE,
  poolSchedule,
  queueCapacity,
  selectNodeStatus,
  streamPartitions,
  type ClientStatus,
  type RegistryStatus,
  type ServiceStatus,
} from './nodeStatus.ts';
import { useStatusAnimation } from './useStatusAnimation.ts';
import { FollowNextButton } from '../overlay/FollowNextButton.tsx';
import './nodeLive.css';

/** Pools up to this size show one slot per worker; bigger ones a proportional bar. */
const MAX_SLOTS = 12;

/**
 * The status block of node `nodeId`; `compact` (a zoomed-out canvas) shows bars instead of
 * figures (see NodeLiveGauge).
 */
export function NodeLiveStatus({ nodeId, compact = false }: { nodeId: string; compact?: boolean }) {
  const stores = useStores();
  const changes = useDocument((s) => s.document.changes);
  // Only changes that resize this node's pool matter; they are few and change only with the document.
  const schedule = useMemo(() => poolSchedule({ changes }, nodeId), [changes, nodeId]);
  // A number (or null): the box re-renders only when the queue's limit is edited.
  const capacity = useDocument((s) => queueCapacity(s.document, nodeId));
  const partitions = useDocument((s) => streamPartitions(s.document, nodeId));
  const status = useSampledFigures((s) => selectNodeStatus(s, nodeId, schedule), sampleLane(nodeId));
  const { scope, flash, line } = useStatusAnimation(status, stores.playback);
  return (
    <div
      ref={scope}
      className={`node-live${status ? ` node-live--${status.kind}` : ''}`}
      data-node={nodeId}
      data-mode={status && status.kind !== 'client' ? status.mode : undefined}
      data-testid={`node-live-${nodeId}`}
    >
      <span ref={flash} className="node-live-flash" aria-hidden="true" />
      {status?.kind === 'service' &&
        (compact ? <ServiceGauge status={status} lineRef={line} /> : <ServiceFigures status={status} lineRef={line} />)}
      {status?.kind === 'client' && (compact ? <ClientGauge status={status} /> : <ClientFigures status={status} nodeId={nodeId} />)}
      {status?.kind === 'queue' &&
        (compact ? (
          <QueueGauge status={status} capacity={capacity} lineRef={line} />
        ) : (
          <QueueFigures status={status} capacity={capacity} lineRef={line} />
        ))}
      {status?.kind === 'topic' && (compact ? <TopicGauge status={status} /> : <TopicFigures status={status} />)}
      {status?.kind === 'stream' &&
        (compact ? (
          <StreamGauge status={status} partitions={partitions} />
        ) : (
          <StreamFigures nodeId={nodeId} status={status} partitions={partitions} />
        ))}
      {status?.kind === 'registry' && !compact && <RegistryFigures status={status} />}
    </div>
  );
}

function WorkerSlots({ busy, pool }: { busy: number; pool: number }) {
  if (pool <= MAX_SLOTS) {
    return (
      <span className="node-live-slots" aria-hidden="true">
        {Array.from({ length: pool }, (_, i) => (
          <span key={i} className={i < busy ? 'slot is-busy' : 'slot'} />
        ))}
      </span>
    );
  }
  return (
    <span className="node-live-meter" aria-hidden="true">
      <span className="node-live-meter-fill" style={{ width: `${Math.min(100, (busy / pool) * 100)}%` }} />
    </span>
  );
}

function ServiceFigures({ status, lineRef }: { status: ServiceStatus; lineRef: RefObject<HTMLSpanElement | null> }) {
  const down = status.mode === MODE.crashed || status.mode === MODE.restarting;
  return (
    <>
      <span className="node-live-figure" title="Busy workers / worker pool">
        <WorkerSlots busy={status.busy} pool={status.pool} />
        <span data-testid="busy">
          {status.busy}/{status.pool} busy
        </span>
      </span>
      <span
        ref={lineRef}
        className={`node-live-figure node-live-line${status.line > 0 ? ' is-waiting' : ''}`}
        title="Requests waiting for a worker"
      >
        <span data-testid="line">{count(status.line)}</span> waiting
      </span>
      {status.errors > 0 && (
        <span className="node-live-figure tone-error" title="Requests that failed here">
          <span data-testid="errors">{count(status.errors)}</span> {status.errors === 1 ? 'error' : 'errors'}
        </span>
      )}
      {status.rejected > 0 && (
        <span
          className="node-live-figure tone-warn"
          title={down ? 'Requests refused while down' : 'Requests turned away: the waiting line was full'}
        >
          <span data-testid="rejected">{count(status.rejected)}</span> refused
        </span>
      )}
      {status.dropped > 0 && (
        <span className="node-live-figure tone-warn" title="Requests lost when it crashed">
          <span data-testid="dropped">{count(status.dropped)}</span> lost
        </span>
      )}
    </>
  );
}

function RegistryFigures({ status }: { status: RegistryStatus }) {
  return (
    <>
      <span className="node-live-figure" title="Heartbeats, deregistrations and lookups it answered">
        <span data-testid="answered">{count(status.answered)}</span> answered
      </span>
      {status.refused > 0 && (
        <span
          className="node-live-figure tone-warn"
          title="Calls refused while it was down: heartbeats lost (leases run out), lookups failed (callers keep their caches)"
        >
          <span data-testid="refused">{count(status.refused)}</span> refused
        </span>
      )}
    </>
  );
}

function ClientFigures({ status, nodeId }: { status: ClientStatus; nodeId: string }) {
  return (
    <>
      <span className="node-live-figure" title="Requests sent">
        <span data-testid="sent">{count(status.sent)}</span> sent
      </span>
      <span className="node-live-figure tone-ok" title="Requests answered successfully">
        <span data-testid="completed">{count(status.completed)}</span> ok
      </span>
      {status.failed > 0 && (
        <span className="node-live-figure tone-error" title="Requests that came back with an error">
          <span data-testid="failed">{count(status.failed)}</span> failed
        </span>
      )}
      {status.timedOut > 0 && (
        <span className="node-live-figure tone-timeout" title="Requests it gave up waiting for">
          <span data-testid="timed-out">{count(status.timedOut)}</span> timed out
        </span>
      )}
      {status.rejected > 0 && (
        <span className="node-live-figure tone-warn" title="Requests the service refused">
          <span data-testid="rejected">{count(status.rejected)}</span> refused
        </span>
      )}
      {status.dropped > 0 && (
        <span className="node-live-figure tone-warn" title="Requests lost without an answer (no timeout noticed)">
          <span data-testid="dropped">{count(status.dropped)}</span> lost
        </span>
      )}
      <FollowNextButton nodeId={nodeId} />
    </>
  );
}
