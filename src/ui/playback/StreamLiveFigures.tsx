/**
 * A stream's figures in its box on the canvas: its partitions as lanes (each filled with the
 * average share of what the logs hold, on the log scale a queue's depth uses), the messages in
 * its logs, those delivered and not yet committed, the commits of all its groups and — once there
 * are any — messages skipped, expired by retention and publishes refused. The lanes show an
 * average because the replay keeps totals per stream, not offsets per partition or group; the
 * figures say so in their tooltips rather than invent a split.
 */
import { formatCount as count } from './format.ts';
import { depthShare, MODE, type StreamStatus } from './nodeStatus.ts';

/** Streams with more partitions than this draw this many lanes and say how many there are. */
export const MAX_LANES = 8;

/** The partition lanes of a stream with `partitions` logs holding `stored` messages in all (see the file comment). */
export function StreamLanes({ partitions, stored }: { partitions: number; stored: number }) {
  const drawn = Math.min(partitions, MAX_LANES);
  const each = partitions > 0 ? stored / partitions : 0;
  const fill = `${(depthShare(each, null) * 100).toFixed(1)}%`;
  return (
    <span className="node-live-lanes" data-testid="lanes" data-lanes={drawn}
      title={`${count(partitions)} ${partitions === 1 ? 'partition' : 'partitions'}, about ${count(Math.round(each))} messages each (an average: the replay has no per-partition offsets)`}>
      {Array.from({ length: drawn }, (_, i) => (
        <span key={i} className="node-live-lane" aria-hidden="true"><span className="node-live-meter-fill" style={{ width: fill }} /></span>
      ))}
      {partitions > drawn && <span className="node-live-lanes-more">×{count(partitions)}</span>}
    </span>
  );
}

/** The figures of a stream's status (see the file comment). */
export function StreamFigures({ status, partitions }: { status: StreamStatus; partitions: number }) {
  const down = status.mode === MODE.crashed;
  return (
    <>
      <StreamLanes partitions={partitions} stored={status.stored} />
      <span className="node-live-figure" title="Messages in its logs, read or not, until retention removes them (all partitions)">
        <span data-testid="stored">{count(status.stored)}</span> in logs
      </span>
      <span className="node-live-figure" title="Delivered to a consumer group's member, not committed yet (all groups)">
        <span data-testid="in-flight">{count(status.inFlight)}</span> in flight
      </span>
      {status.committed > 0 && (
        <span className="node-live-figure tone-ok" title="Messages a group processed and committed (each group reads every message)">
          <span data-testid="committed">{count(status.committed)}</span> committed
        </span>
      )}
      {status.skipped > 0 && (
        <span className="node-live-figure tone-error" title="Messages a group gave up on after maxDeliveries failed deliveries">
          <span data-testid="skipped">{count(status.skipped)}</span> skipped
        </span>
      )}
      {status.expired > 0 && (
        <span className="node-live-figure tone-warn" title="Messages retention removed from the heads of the logs (unread ones are lost to the groups behind)">
          <span data-testid="expired">{count(status.expired)}</span> expired
        </span>
      )}
      {status.refused > 0 && (
        <span className="node-live-figure tone-warn" title={down ? 'Publishes refused while the stream is down' : 'Publishes refused: the stream was down'}>
          <span data-testid="refused">{count(status.refused)}</span> refused
        </span>
      )}
    </>
  );
}
