/**
 * Following one request on the canvas: from the replay's account of it (engine/replay/requestPath.ts)
 * and the playhead, which calls are its own (their dots stay bright, the rest fade), which links it
 * has taken so far (their edges light up hop by hop), and a line saying where it is or how it ended.
 */
import type { RequestPath } from '../../engine/replay/requestPath.ts';
import type { RunTopology } from '../../engine/replay/topology.ts';
import { CallStatus } from '../../engine/trace/eventTypes.ts';
import { formatLatency } from '../playback/format.ts';

/** Per call id, 1 for the followed request's calls (sized to the largest of them). */
export function membersOf(path: RequestPath): Uint8Array {
  const last = path.hops.length > 0 ? path.hops[path.hops.length - 1].call : 0;
  const members = new Uint8Array(last + 1);
  for (const hop of path.hops) members[hop.call] = 1;
  return members;
}

/** What the canvas shows of a followed request at time t. */
export interface FollowedAt {
  /** The links its calls have been sent over by t, in the order first taken. */
  readonly links: readonly string[];
  readonly status: string;
}

const ENDINGS: Record<number, string> = {
  [CallStatus.OK]: 'completed',
  [CallStatus.ERROR]: 'failed with an error',
  [CallStatus.TIMEOUT]: 'timed out',
  [CallStatus.REJECTED]: 'was rejected',
  [CallStatus.DROPPED]: 'was lost',
  [CallStatus.ABANDONED]: 'was abandoned (its client crashed)',
  [CallStatus.NOT_PERMITTED]: "was refused by its caller's breaker or bulkhead",
};

/** Where request `path` is at time t, on the run of `topology`. */
export function followedAt(path: RequestPath, topology: RunTopology, t: number): FollowedAt {
  const links: string[] = [];
  const seen = new Set<number>();
  let current = -1,
    retries = 0;
  path.hops.forEach((hop, i) => {
    if (!(hop.sent <= t)) return;
    current = i;
    if (hop.attempt > 1) retries++;
    if (!seen.has(hop.link)) {
      seen.add(hop.link);
      links.push(topology.linkIds[hop.link]);
    }
  });
  const retried = retries === 0 ? '' : ` · ${retries} ${retries === 1 ? 'retry' : 'retries'}`;
  const start = path.hops[0]?.sent ?? NaN;
  if (path.endedAt <= t) {
    const ending = ENDINGS[path.outcome] ?? 'ended';
    return { links, status: `${ending} after ${formatLatency(path.endedAt - start)}${retried}` };
  }
  if (current < 0) return { links, status: 'not sent yet' };
  const hop = path.hops[current];
  const from = topology.nodeIds[topology.linkFrom[hop.link]],
    to = topology.nodeIds[topology.linkTo[hop.link]];
  const attempt = hop.attempt > 1 ? ` (attempt ${hop.attempt})` : '';
  return { links, status: `call ${current + 1}: ${from} → ${to}${attempt}${retried}` };
}
