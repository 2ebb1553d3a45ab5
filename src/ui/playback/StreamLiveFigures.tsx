/**
 * A stream's figures in its box on the canvas: its partitions as lanes, each with its end offset
 * and every consumer group's lag in it (a lane's bar is its log, as long as the longest one; a
 * tick per group marks its committed offset), then the messages in its logs, those delivered and
 * not yet committed, the commits of all its groups and — once there are any — messages skipped,
 * expired by retention and publishes refused. The lanes come from the replay's per-partition view
 * (streamReplay.ts via the live store); without it (a live state that lacks it) each lane shows
 * the average share of what the logs hold, and says so.
 */
import { useLive } from '../app/stores.tsx';
import { formatCount as count } from './format.ts';
import { depthShare, MODE, type StreamStatus } from './nodeStatus.ts';
import { sampleLane, useSampledFigures } from './sampledLive.ts';
import { lanesOf, selectStreamLanes, streamGroupNames, type Lane } from './streamLanes.ts';

/** Streams with more partitions than this draw this many lanes and say how many there are. */
export const MAX_LANES = 8;

/** Stream `nodeId`'s partitions at the playhead, one lane each (see the file comment); the average lanes without the replay's view. */
export function StreamPartitionLanes({ nodeId, partitions, stored }: { nodeId: string; partitions: number; stored: number }) {
  const figures = useSampledFigures((s) => selectStreamLanes(s, nodeId), sampleLane(nodeId));
  // The run's topology: the same array every frame, so this re-renders only with a new run.
  const groups = useLive((s) => streamGroupNames(s, nodeId));
  if (!figures) return <StreamLanes partitions={partitions} stored={stored} />;
  const lanes = lanesOf(figures);
  const drawn = lanes.slice(0, MAX_LANES);
  const longest = Math.max(1, ...lanes.map((l) => l.end));
  return (
    <ul className="node-live-lanes" data-testid="lanes" data-lanes={drawn.length} aria-label="Partitions">
      {drawn.map((lane, p) => (
        <LaneRow key={p} index={p} lane={lane} longest={longest} groups={groups} />
      ))}
      {lanes.length > drawn.length && <li className="node-live-lanes-more">×{count(lanes.length)} partitions</li>}
    </ul>
  );
}

/** One partition: its log as a bar with a tick per group's committed offset, its end offset and the groups' lags. */
function LaneRow({ index, lane, longest, groups }: { index: number; lane: Lane; longest: number; groups: readonly string[] }) {
  const at = (offset: number) => `${((Math.max(0, offset) / longest) * 100).toFixed(1)}%`;
  const name = (g: number) => groups[g] ?? `group ${g + 1}`;
  const detail = lane.lag.map((lag, g) => `${name(g)} committed ${count(lane.committed[g])}, lag ${count(lag)}`).join('; ');
  const behind = lane.lag.some((lag) => lag > 0);
  return (
    <li
      className="node-live-lane-row"
      title={`Partition ${index}: end offset ${count(lane.end)}, first retained ${count(lane.first)}${detail ? `; ${detail}` : ''}`}
    >
      <span className="node-live-lane" aria-hidden="true">
        <span className="node-live-meter-fill" style={{ width: at(lane.end) }} />
        {lane.committed.map((c, g) => (
          <span key={g} className="node-live-lane-tick" style={{ left: at(c) }} />
        ))}
      </span>
      <span className={behind ? 'is-behind' : undefined} data-testid={`lane-${index}`}>
        P{index} {count(lane.end)}
        {lane.lag.length > 0 ? ` · lag ${lane.lag.map((l) => count(l)).join('/')}` : ''}
      </span>
      <span className="visually-hidden">{detail ? `: ${detail}` : ''}</span>
    </li>
  );
}

/** The partition lanes of a stream with `partitions` logs holding `stored` messages in all (see the file comment). */
export function StreamLanes({ partitions, stored }: { partitions: number; stored: number }) {
  const drawn = Math.min(partitions, MAX_LANES);
  const each = partitions > 0 ? stored / partitions : 0;
  const fill = `${(depthShare(each, null) * 100).toFixed(1)}%`;
  return (
    <span
      className="node-live-lanes"
      data-testid="lanes"
      data-lanes={drawn}
      title={`${count(partitions)} ${partitions === 1 ? 'partition' : 'partitions'}, about ${count(Math.round(each))} messages each (an average: the replay has no per-partition offsets)`}
    >
      {Array.from({ length: drawn }, (_, i) => (
        <span key={i} className="node-live-lane" aria-hidden="true">
          <span className="node-live-meter-fill" style={{ width: fill }} />
        </span>
      ))}
      {partitions > drawn && <span className="node-live-lanes-more">×{count(partitions)}</span>}
    </span>
  );
}

/** The figures of a stream's status (see the file comment). */
export function StreamFigures({ nodeId, status, partitions }: { nodeId: string; status: StreamStatus; partitions: number }) {
  const down = status.mode === MODE.crashed;
  return (
    <>
      <StreamPartitionLanes nodeId={nodeId} partitions={partitions} stored={status.stored} />
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
        <span
          className="node-live-figure tone-warn"
          title="Messages retention removed from the heads of the logs (unread ones are lost to the groups behind)"
        >
          <span data-testid="expired">{count(status.expired)}</span> expired
        </span>
      )}
      {status.refused > 0 && (
        <span
          className="node-live-figure tone-warn"
          title={down ? 'Publishes refused while the stream is down' : 'Publishes refused: the stream was down'}
        >
          <span data-testid="refused">{count(status.refused)}</span> refused
        </span>
      )}
    </>
  );
}
