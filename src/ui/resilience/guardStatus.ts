/**
 * What the canvas shows of the resilience policies at the playhead, picked out of the live state
 * as flat numbers (so a frame that changes none of them re-renders nothing): a link's breaker and
 * bulkhead, a service's inbound rate limiter. Pure: components and tests share it.
 */
import { instancesOf } from '../playback/instances.ts';
import type { LinkGuardsLive, LiveState } from '../playback/liveState.ts';

/** Link `linkId`'s breaker and bulkhead at the playhead; undefined without a run or without either. */
export function selectLinkGuards(live: LiveState, linkId: string): LinkGuardsLive | undefined {
  const l = live.linkIndex?.get(linkId);
  return l === undefined ? undefined : live.guards?.[l];
}

export interface LimiterStatus {
  /** Whole tokens in the bucket (a bucket refills continuously: whole ones change ten times less often). */
  readonly tokens: number;
  readonly burst: number;
  /** Tokens added per second. */
  readonly rate: number;
}

/**
 * Service `nodeId`'s rate limiter at the playhead; undefined without a run or without one. A
 * service with replicas has a bucket per instance: the box shows them added up (what the service
 * as a whole can take in).
 */
export function selectLimiter(live: LiveState, nodeId: string): LimiterStatus | undefined {
  const n = live.nodeIndex.get(nodeId);
  if (n === undefined || !live.limiters) return undefined;
  let tokens = 0,
    burst = 0,
    rate = 0,
    any = false;
  for (const i of live.topology ? instancesOf(live.topology, n) : [n]) {
    const bucket = live.limiters[i];
    if (!bucket) continue;
    any = true;
    tokens += bucket.tokens;
    burst += bucket.burst;
    rate += bucket.rate;
  }
  return any ? { tokens: Math.floor(tokens + 1e-9), burst, rate } : undefined;
}
