/**
 * A replicated service's instances inside its box, as small stacked cards: each with its own
 * health (its mode) and load (busy workers of its pool, and how many wait in its line) at the
 * playhead, flagged "ejected" while a caller's outlier ejection keeps it out of rotation,
 * "unhealthy" while a caller's health checks do, and "stale in shop's cache" while a discovering
 * caller still has it in its cache though it is down or its registry entry has expired (the caller
 * keeps sending it calls until its next lookup). The box's own figures above are the totals
 * (nodeStatus.ts); the cards show how the load is spread and which instance is in trouble. An instance scaled away shows as "stopped" while
 * it finishes its work
 * in hand, then goes; one not scaled in yet does not show. Each card reads only its instance's
 * figures from the sampled live store (the node's lane), so it re-renders when those change.
 * Loaded only once a run has a replicated service (see InstancesSlot.tsx).
 */
import { useMemo } from 'react';
import { plural, possessive } from '../../model/index.ts';
import { SERVICE_MODE_NAMES } from '../../engine/trace/eventTypes.ts';
import { useDocument } from '../app/stores.tsx';
import { InstanceWindow, windowsAt } from '../../engine/replay/indexes/instanceWindows.ts';
import { formatCount as count } from './format.ts';
import { instancesOf } from './instances.ts';
import type { LiveState } from './liveState.ts';
import { MODE, poolAt, poolSchedule, type PoolSchedule } from './nodeStatus.ts';
import { EntryState, entryStateAt } from '../../engine/replay/indexes/registryEntries.ts';
import { sampleLane, useSampledFigures } from './sampledLive.ts';
import './instances.css';

/** Cards drawn at most; a service with more instances says how many more (the box stays readable). */
export const MAX_CARDS = 6;

/** One instance at the playhead, as flat figures. */
export interface InstanceStatus {
  readonly mode: number;
  readonly busy: number;
  readonly pool: number;
  readonly line: number;
  /** The callers ejecting it now ("web, checkout"), or '' while none does. */
  readonly ejectedBy: string;
  /** The callers whose health checks mark it unhealthy now, or ''. */
  readonly unhealthyFor: string;
  /** The discovering callers that still cache it though it is down or no longer listed, or ''. */
  readonly staleIn: string;
}

/** The callers of the links in `links` (a caller's instances share its balancer: its scenario node), as "web, checkout". */
function callersOf(topology: NonNullable<LiveState['topology']>, links: readonly number[] | undefined): string {
  return [...new Set((links ?? []).map((l) => topology.nodeIds[topology.linkFrom[l]] ?? '?'))].join(', ');
}

/** Whether the run has a registry (only then can an entry have expired). */
const hasRegistry = (topology: NonNullable<LiveState['topology']>) => topology.nodeKinds.includes('registry');

/**
 * Which of service `nodeId`'s instances have a card at the playhead: those deployed, and those
 * scaled away that still finish their work in hand (an instance not scaled in yet, or stopped and
 * idle, is not there to show). Positions (0: instance 1) as a list ("0,1,2"), so that the
 * selection stays a flat record; undefined before a run, or for a node the run does not know.
 */
export function selectInstanceLayout(live: LiveState, nodeId: string): { readonly positions: string } | undefined {
  const index = live.nodeIndex.get(nodeId);
  if (index === undefined || !live.topology || !live.state) return undefined;
  const nodes = live.state.nodes;
  const shown = instancesOf(live.topology, index).flatMap((node, k) =>
    nodes[node].mode !== MODE.stopped || nodes[node].busy > 0 ? [k] : [],
  );
  return { positions: shown.join(',') };
}

/** Instance `position` (0: instance 1) of service `nodeId` at the playhead, or undefined if it has no such instance in the run. */
export function selectInstanceStatus(
  live: LiveState,
  nodeId: string,
  position: number,
  schedule: PoolSchedule,
): InstanceStatus | undefined {
  const { state, topology } = live;
  const index = live.nodeIndex.get(nodeId);
  if (index === undefined || !state || !topology) return undefined;
  const node = instancesOf(topology, index)[position];
  if (node === undefined) return undefined;
  const n = state.nodes[node];
  const replay = live.replay?.topology === topology ? live.replay : undefined;
  const unhealthyFor = replay ? callersOf(topology, windowsAt(replay, InstanceWindow.UNHEALTHY, state.time)?.[node]) : '';
  // Cached by a discovering caller while it cannot answer, or while the registry no longer lists it: a stale entry.
  let staleIn = '';
  if (replay) {
    const cachedBy = windowsAt(replay, InstanceWindow.CACHED, state.time)?.[node];
    const down = n.mode !== MODE.healthy && n.mode !== MODE.degraded;
    const entry = cachedBy && !down && hasRegistry(topology) ? entryStateAt(replay, node, state.time) : undefined;
    if (cachedBy && (down || entry === EntryState.EXPIRED || entry === EntryState.DEREGISTERED)) staleIn = callersOf(topology, cachedBy);
  }
  return {
    mode: n.mode,
    busy: n.busy,
    pool: poolAt(schedule, topology.workers[node], state.time),
    line: n.line,
    ejectedBy: callersOf(topology, live.ejectedBy?.[node]),
    unhealthyFor,
    staleIn,
  };
}

/** The cards of service `nodeId`'s instances; `compact` (a zoomed-out canvas): a mark per instance instead of figures. */
export function InstanceCards({ nodeId, compact = false }: { readonly nodeId: string; readonly compact?: boolean }) {
  const changes = useDocument((s) => s.document.changes);
  // A change resizes every instance's pool alike.
  const schedule = useMemo(() => poolSchedule({ changes }, nodeId), [changes, nodeId]);
  const lane = sampleLane(nodeId);
  const layout = useSampledFigures((s) => selectInstanceLayout(s, nodeId), lane);
  if (!layout || layout.positions === '') return null;
  const positions = layout.positions.split(',').map(Number);
  const shown = positions.slice(0, MAX_CARDS);
  return (
    <ul
      className={`node-instances${compact ? ' is-compact' : ''}`}
      aria-label={`Instances of ${nodeId}`}
      data-testid={`instances-${nodeId}`}
    >
      {shown.map((k) => (
        <InstanceCard key={k} nodeId={nodeId} position={k} schedule={schedule} lane={lane} compact={compact} />
      ))}
      {positions.length > shown.length && (
        <li className="node-instances-more" data-testid="instances-more">
          +{positions.length - shown.length} more
        </li>
      )}
    </ul>
  );
}

function InstanceCard({
  nodeId,
  position,
  schedule,
  lane,
  compact,
}: {
  readonly nodeId: string;
  readonly position: number;
  readonly schedule: PoolSchedule;
  readonly lane: number;
  readonly compact: boolean;
}) {
  const s = useSampledFigures((live) => selectInstanceStatus(live, nodeId, position, schedule), lane);
  if (!s) return null;
  const number = position + 1;
  const mode = SERVICE_MODE_NAMES[s.mode] ?? String(s.mode);
  const ejected = s.ejectedBy !== '';
  const unhealthy = s.unhealthyFor !== '';
  const stale = s.staleIn !== '';
  const flags = [
    ejected && `ejected by ${s.ejectedBy}`,
    unhealthy && `marked unhealthy by ${s.unhealthyFor}`,
    stale && `stale in ${possessive(s.staleIn)} cache`,
  ].filter(Boolean);
  const sentence = `Instance ${number}: ${mode}, ${count(s.busy)} of ${count(s.pool)} ${plural(s.pool, 'worker')} busy, ${count(s.line)} waiting${flags.map((f) => `, ${f}`).join('')}`;
  const share = s.pool > 0 ? Math.min(100, (s.busy / s.pool) * 100) : 0;
  return (
    <li
      className={`node-instance${ejected || unhealthy ? ' is-ejected' : ''}${stale ? ' is-stale' : ''}`}
      data-mode={mode}
      data-testid={`instance-${number}`}
    >
      <span className="visually-hidden">{sentence}</span>
      <span className="node-instance-body" aria-hidden="true" title={`Instance ${number} of ${nodeId}`}>
        <span className="node-instance-dot" />
        <span className="node-instance-name">#{number}</span>
        {!compact && (
          <>
            <span className="node-live-meter node-instance-meter">
              <span className="node-live-meter-fill" style={{ width: `${share.toFixed(1)}%` }} />
            </span>
            <span data-testid="instance-busy">
              {count(s.busy)}/{count(s.pool)}
            </span>
            {s.line > 0 && (
              <span className="node-instance-line" data-testid="instance-line">
                +{count(s.line)}
              </span>
            )}
            {mode !== 'healthy' && (
              <span className="node-instance-mode" data-testid="instance-mode">
                {mode}
              </span>
            )}
          </>
        )}
        {ejected && (
          <span className="node-instance-flag" data-testid="instance-ejected">
            {compact ? '⊘' : 'ejected'}
          </span>
        )}
        {unhealthy && (
          <span className="node-instance-flag" data-testid="instance-unhealthy">
            {compact ? '✕' : 'unhealthy'}
          </span>
        )}
        {stale && compact && (
          <span className="node-instance-flag" data-testid="instance-stale">
            ?
          </span>
        )}
      </span>
      {/* On a line of its own: it names the caller, which would not fit beside the figures. */}
      {stale && !compact && (
        <span className="node-instance-stale" aria-hidden="true" data-testid="instance-stale">
          stale in {possessive(s.staleIn)} cache
        </span>
      )}
    </li>
  );
}
