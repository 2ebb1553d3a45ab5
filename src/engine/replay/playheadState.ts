/**
 * The replay's running counts: one row of `WIDTH` integers per node (field `F.x` at
 * node * WIDTH + F.x), and how such a row of every node becomes the state shown at a playhead.
 */
import type { LatencySummary } from '../trace/latency.ts';
import type { NodeState, PlayheadState } from './replayTypes.ts';
import type { RunTopology } from './topology.ts';

const FIELDS = [
  'busy',
  'line',
  'mode',
  'arrivals',
  'ok',
  'errors',
  'rejected',
  'dropped',
  'sent',
  'completed',
  'failed',
  'timedOut',
] as const;
/** Each count's place in a node's row. */
export const F = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<(typeof FIELDS)[number], number>;
/** Counts per node. */
export const WIDTH = FIELDS.length;

/** A playhead state at t from the counts of every node, `state`. */
export function presentState(topology: RunTopology, t: number, state: Int32Array, latency: LatencySummary): PlayheadState {
  const nodes: NodeState[] = [];
  const totals = { sent: 0, completed: 0, failed: 0, timedOut: 0, rejected: 0, dropped: 0 };
  for (let node = 0; node < topology.nodeIds.length; node++) {
    const base = node * WIDTH;
    const s = Object.fromEntries(FIELDS.map((f, i) => [f, state[base + i]])) as unknown as NodeState;
    nodes.push(s);
    if (topology.nodeKinds[node] === 'client') {
      totals.sent += s.sent;
      totals.completed += s.completed;
      totals.failed += s.failed;
      totals.timedOut += s.timedOut;
      totals.rejected += s.rejected;
      totals.dropped += s.dropped;
    }
  }
  return { time: t, nodes, latency, totals };
}
