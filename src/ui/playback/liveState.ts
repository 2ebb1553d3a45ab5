/**
 * The run as it stands at the playhead, computed once per frame for everyone who shows it (node
 * badges, the summary, the inspector): a replay query is cheap, but not cheap enough to do once
 * per node per frame.
 */
import { createStore } from 'zustand/vanilla';
import type { PlayheadState, TraceReplay } from '../../engine/replay/traceReplay.ts';
import type { RunTopology } from '../../engine/replay/topology.ts';
import type { TokenBucketView } from '../../engine/replay/inboundReplay.ts';
import type { PartitionView } from '../../engine/replay/streamReplay.ts';
import type { LinkFaultView } from '../../engine/replay/linkFaults.ts';
import type { Stores } from '../app/stores.tsx';
import { ejectionsAt } from '../../engine/replay/indexes/instanceWindows.ts';
import { hasReplicas } from './instances.ts';

export interface LiveState {
  /** State at the playhead, or undefined before any run. */
  readonly state: PlayheadState | undefined;
  readonly topology: RunTopology | undefined;
  /** Node index by id, for the current run's topology. */
  readonly nodeIndex: ReadonlyMap<string, number>;
  /** Simulated time up to which the run is known (0 before any run). */
  readonly horizon?: number;
  /** Link index by id. */
  readonly linkIndex?: ReadonlyMap<string, number>;
  /** Per link: its breaker and bulkhead at the playhead (undefined: it has neither). */
  readonly guards?: readonly (LinkGuardsLive | undefined)[];
  /**
   * Per link: the faults in force on it at the playhead, a cut, latency, loss (undefined: none); undefined when the run has no link faults.
   */
  readonly linkFaults?: readonly (LinkFaultView | undefined)[];
  /** Per node: its inbound rate limiter at the playhead (undefined: none). */
  readonly limiters?: readonly (TokenBucketView | undefined)[];
  /** Per node: how long a queue's oldest ready message has waited at the playhead (ms; undefined for other nodes). */
  readonly oldestAges?: readonly (number | undefined)[];
  /** Per node: a stream's partitions at the playhead (offsets, and per consumer group committed and lag); undefined for other nodes. */
  readonly partitions?: readonly (readonly PartitionView[] | undefined)[];
  /**
   * Per engine node: the links whose callers eject that instance at the playhead (outlier
   * ejection; see engine/replay/indexes/instanceWindows.ts); undefined when no instance is ejected.
   */
  readonly ejectedBy?: readonly (readonly number[] | undefined)[];
  /**
   * The replay the state is read from: views of rare rows it does not fold (a registry's entries,
   * a gateway's log, health marks) query their own indexes of its trace at the state's time.
   */
  readonly replay?: TraceReplay;
}

/** A link's circuit breaker and bulkhead at one instant. */
export interface LinkGuardsLive {
  /** BreakerState code, −1 without a breaker. */
  readonly breaker: number;
  /** Its bulkhead's places (0: no bulkhead), the places taken, and the attempts waiting for one. */
  readonly places: number;
  readonly inFlight: number;
  readonly waiting: number;
  /** Attempts its breaker or bulkhead refused so far. */
  readonly refused: number;
}

export function createLiveStore() {
  return createStore<LiveState>()(() => ({ state: undefined, topology: undefined, nodeIndex: new Map() }));
}
export type LiveStore = ReturnType<typeof createLiveStore>;

/** Recomputes the live state from the replay at the current playhead. */
export function refreshLive(live: LiveStore, stores: Stores): void {
  const { replay } = stores.run.getState();
  if (!replay) {
    if (live.getState().state !== undefined)
      live.setState({ state: undefined, topology: undefined, nodeIndex: new Map(), replay: undefined });
    return;
  }
  const time = Math.min(stores.playback.getState().time, replay.horizon);
  const topology = replay.topology;
  const current = live.getState();
  const same = current.topology === topology;
  const nodeIndex = same ? current.nodeIndex : new Map(topology.nodeIds.map((id, i) => [id, i]));
  const linkIndex = same && current.linkIndex ? current.linkIndex : new Map(topology.linkIds.map((id, i) => [id, i]));
  live.setState({
    state: replay.stateAt(time),
    topology,
    nodeIndex,
    linkIndex,
    horizon: replay.horizon,
    replay,
    ...policiesAt(replay, time),
  });
}

/** Whether a run's topology has any breaker, bulkhead, rate limiter, stream, queue or replicated service, at the start or from a change. */
const hasPolicies = new WeakMap<
  RunTopology,
  { guards: boolean; limiters: boolean; streams: boolean; queues: boolean; replicas: boolean }
>();

function policiesAt(
  replay: TraceReplay,
  time: number,
): Pick<LiveState, 'guards' | 'limiters' | 'partitions' | 'oldestAges' | 'ejectedBy' | 'linkFaults'> {
  const topology = replay.topology;
  let has = hasPolicies.get(topology);
  if (!has) {
    has = {
      guards:
        (topology.breakers ?? []).some(Boolean) ||
        (topology.initialBulkheads ?? []).some(Boolean) ||
        (topology.guardChanges ?? []).some(Boolean),
      limiters: (topology.rateLimits ?? []).some(Boolean) || (topology.rateLimitChanges ?? []).some((c) => c !== undefined),
      streams: (topology.streams ?? []).some(Boolean),
      queues: topology.nodeKinds.includes('queue'),
      replicas: hasReplicas(topology),
    };
    hasPolicies.set(topology, has);
  }
  const links = replay.links;
  return {
    guards: has.guards
      ? topology.linkIds.map((_, l) => {
          const breaker = links.breakerStateAt(l, time);
          const bulkhead = links.bulkheadAt(l, time);
          if (breaker < 0 && !bulkhead) return undefined;
          return {
            breaker,
            places: bulkhead?.places ?? 0,
            inFlight: bulkhead?.inFlight ?? 0,
            waiting: bulkhead?.waiting ?? 0,
            refused: links.refusedAt(l, time),
          };
        })
      : undefined,
    limiters: has.limiters ? topology.nodeIds.map((_, n) => replay.inbound.tokensAt(n, time)) : undefined,
    partitions: has.streams ? topology.nodeIds.map((_, n) => replay.streams.partitionsAt(n, time)) : undefined,
    oldestAges: has.queues ? topology.nodeIds.map((_, n) => replay.queues.oldestAgeAt(n, time)) : undefined,
    // Only instances of a replicated service can be ejected: other runs never read their trace for it.
    ejectedBy: has.replicas ? ejectionsAt(replay, time) : undefined,
    linkFaults: links.faults.any ? topology.linkIds.map((_, l) => links.faults.at(l, time)) : undefined,
  };
}
