/**
 * A registry's entries inside its box at the playhead: one row per instance it has heard of, with
 * the entry's state (registered, healthy, expired, deregistered) and how long ago its last
 * heartbeat came. An entry still listed for an instance that is down is marked stale: callers
 * looking the service up are still told about it, until its lease (the TTL) runs out and it expires.
 * Reads only this registry's rows, from the sampled live store (the node's lane), so the box
 * re-renders when they change (ten times a second at most while playing: the ages tick). Loaded
 * only once a run has a registry (see KindSlots.tsx).
 */
import { MODE } from './nodeStatus.ts';
import { instanceName } from './instances.ts';
import type { LiveState } from './liveState.ts';
import { ENTRY_STATE_NAMES, isListed, registryEntriesAt } from '../../engine/replay/indexes/registryEntries.ts';
import { sampleLane, useSampledFigures } from './sampledLive.ts';
import './kindLive.css';

/** Rows drawn at most; a registry with more entries says how many more (the box stays readable). */
export const MAX_ROWS = 8;

/** One row as the box shows it. */
export interface EntryRow {
  /** The instance as people read it: "catalog #2", or "catalog" for a service of one instance. */
  readonly name: string;
  readonly state: number;
  /** Tenths of a second since its last heartbeat (−1: none yet). */
  readonly ageTenths: number;
  /** Listed, but the instance is down (crashed, restarting, stopped): callers are told of an instance that cannot answer. */
  readonly stale: boolean;
}

/**
 * Registry `nodeId`'s rows at the playhead, encoded as one string (so that the selection stays a
 * flat record the sampled store compares cheaply); undefined before a run or for a node the run
 * does not know.
 */
export function selectRegistryRows(live: LiveState, nodeId: string): { readonly rows: string } | undefined {
  const index = live.nodeIndex.get(nodeId);
  const { state, topology, replay } = live;
  // The replay of another run (one being replaced) would name other nodes.
  if (index === undefined || !state || !topology || !replay || replay.topology !== topology) return undefined;
  const rows = registryEntriesAt(replay, index, state.time).map((e) => {
    const mode = state.nodes[e.instance]?.mode;
    const down = mode !== MODE.healthy && mode !== MODE.degraded;
    const age = Number.isNaN(e.lastBeat) ? -1 : Math.floor((state.time - e.lastBeat) / 100);
    return `${e.instance}:${e.state}:${age}:${isListed(e.state) && down ? 1 : 0}`;
  });
  return { rows: rows.join(';') };
}

/** The rows of an encoded selection (see selectRegistryRows). */
export function decodeRows(topology: NonNullable<LiveState['topology']>, rows: string): EntryRow[] {
  if (rows === '') return [];
  return rows.split(';').map((row) => {
    const [instance, state, age, stale] = row.split(':').map(Number);
    return { name: instanceName(topology, instance), state, ageTenths: age, stale: stale === 1 };
  });
}

/** "3.2s ago" under ten seconds, "42s ago", "2m 5s ago"; "—" with no heartbeat yet. */
export function ageText(tenths: number): string {
  if (tenths < 0) return '—';
  if (tenths < 100) return `${(tenths / 10).toFixed(1)}s ago`;
  const seconds = Math.floor(tenths / 10);
  return seconds < 60 ? `${seconds}s ago` : `${Math.floor(seconds / 60)}m ${seconds % 60}s ago`;
}

/** The entries of registry `nodeId`; `compact` (a zoomed-out canvas): a mark per entry instead of rows. */
export function RegistryEntries({ nodeId, compact = false }: { readonly nodeId: string; readonly compact?: boolean }) {
  const lane = sampleLane(nodeId);
  const selected = useSampledFigures((live) => selectRegistryRows(live, nodeId), lane);
  const topology = useSampledFigures((live) => (live.topology ? { topology: live.topology } : undefined), lane)?.topology;
  if (!selected || !topology) return null;
  const rows = decodeRows(topology, selected.rows);
  if (rows.length === 0) return <p className="node-registry-empty">no entries yet</p>;
  const shown = rows.slice(0, MAX_ROWS);
  // Stale: listed (registered or healthy, as far as the registry knows), but the instance cannot answer.
  const stateText = (r: EntryRow) => (r.stale ? 'stale' : (ENTRY_STATE_NAMES[r.state] ?? String(r.state)));
  if (compact) {
    return (
      <ul className="node-registry is-compact" aria-label={`Entries of ${nodeId}`} data-testid={`registry-${nodeId}`}>
        {shown.map((r) => (
          <li key={r.name} className="node-registry-mark" data-state={ENTRY_STATE_NAMES[r.state]} data-stale={r.stale || undefined}>
            <span className="visually-hidden">
              {r.name}: {stateText(r)}
            </span>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <table className="node-registry" aria-label={`Entries of ${nodeId}`} data-testid={`registry-${nodeId}`}>
      <thead className="visually-hidden">
        <tr>
          <th>Instance</th>
          <th>State</th>
          <th>Last heartbeat</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((r) => (
          <tr key={r.name} data-state={ENTRY_STATE_NAMES[r.state]} data-stale={r.stale || undefined} data-testid={`entry-${r.name}`}>
            <td className="node-registry-name" title={r.name}>
              {r.name}
            </td>
            <td
              className="node-registry-state"
              title={
                r.stale
                  ? `Listed as ${ENTRY_STATE_NAMES[r.state]}, but the instance is down: callers are told of it until its entry expires`
                  : stateText(r)
              }
            >
              {stateText(r)}
            </td>
            <td className="node-registry-age">{ageText(r.ageTenths)}</td>
          </tr>
        ))}
        {rows.length > shown.length && (
          <tr>
            <td colSpan={3}>+{rows.length - shown.length} more</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
