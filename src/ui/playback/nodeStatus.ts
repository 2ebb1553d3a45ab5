/**
 * What a node box shows of its node at the playhead, picked out of the live state as flat numbers
 * (so a frame that changes none of them re-renders nothing), and which discrete changes between
 * two such readings deserve a little animation. Pure: the component and tests share it.
 */
import { parseDuration } from '../../model/index.ts';
import type { DocumentInput } from '../../store/document/commands.ts';
import type { LiveState } from './liveState.ts';

/** Service modes by number (the engine's `SERVICE_MODE_NAMES` order). */
export const MODE = { starting: 0, healthy: 1, degraded: 2, crashed: 3, restarting: 4 } as const;

export interface ServiceStatus {
  readonly kind: 'service';
  readonly busy: number;
  /** Worker-pool size at the playhead. */
  readonly pool: number;
  readonly line: number;
  readonly mode: number;
  readonly errors: number;
  readonly rejected: number;
  readonly dropped: number;
}

export interface ClientStatus {
  readonly kind: 'client';
  readonly sent: number;
  readonly completed: number;
  readonly failed: number;
  readonly timedOut: number;
  readonly rejected: number;
  readonly dropped: number;
}

export type NodeStatus = ServiceStatus | ClientStatus;

/** A service's pool size over time: from `at` on, `workers` (sorted by time). */
export type PoolSchedule = readonly { readonly at: number; readonly workers: number }[];

/** The changes of `doc` that resize node `nodeId`'s pool, in time order (stable for equal times). */
export function poolSchedule(doc: Pick<DocumentInput, 'changes'>, nodeId: string): PoolSchedule {
  const out: { at: number; workers: number }[] = [];
  for (const change of doc.changes ?? []) {
    if (change.kind !== 'service' || change.target !== nodeId || change.set.workers === undefined) continue;
    const at = parseDuration(change.at);
    if (at !== undefined) out.push({ at, workers: change.set.workers });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The pool at `time`: the last change at or before it, else the run's initial size. */
export function poolAt(schedule: PoolSchedule, initial: number, time: number): number {
  let pool = initial;
  for (const step of schedule) {
    if (step.at > time) break;
    pool = step.workers;
  }
  return pool;
}

/** Node `nodeId` at the playhead, or undefined before a run (or if the run does not know it). */
export function selectNodeStatus(live: LiveState, nodeId: string, schedule: PoolSchedule): NodeStatus | undefined {
  const index = live.nodeIndex.get(nodeId);
  if (index === undefined || !live.state || !live.topology) return undefined;
  const n = live.state.nodes[index];
  if (live.topology.nodeKinds[index] === 'client') {
    return { kind: 'client', sent: n.sent, completed: n.completed, failed: n.failed, timedOut: n.timedOut, rejected: n.rejected, dropped: n.dropped };
  }
  return {
    kind: 'service', busy: n.busy, pool: poolAt(schedule, live.topology.workers[index], live.state.time), line: n.line,
    mode: n.mode, errors: n.errors, rejected: n.rejected, dropped: n.dropped,
  };
}

/** A discrete change worth showing: the service went down, came back, or turned requests away. */
export type StatusChange = 'crash' | 'recover' | 'overflow';

/** What changed from `before` to `after` (both of one service, time moving forward). */
export function statusChange(before: NodeStatus | undefined, after: NodeStatus | undefined): StatusChange | undefined {
  if (before?.kind !== 'service' || after?.kind !== 'service') return undefined;
  if (after.mode === MODE.crashed && before.mode !== MODE.crashed) return 'crash';
  const wasDown = before.mode === MODE.crashed || before.mode === MODE.restarting || before.mode === MODE.degraded;
  if (wasDown && after.mode === MODE.healthy) return 'recover';
  // Refusals while up mean the waiting line is full (a service that is down refuses everything).
  const up = after.mode === MODE.healthy || after.mode === MODE.degraded;
  if (up && after.rejected > before.rejected) return 'overflow';
  return undefined;
}
