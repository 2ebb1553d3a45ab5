/**
 * What the canvas shows of the resilience policies at the playhead, picked out of the live state
 * as flat numbers (so a frame that changes none of them re-renders nothing): a link's breaker and
 * bulkhead, a service's inbound rate limiter. Pure: components and tests share it.
 */
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

/** Service `nodeId`'s rate limiter at the playhead; undefined without a run or without one. */
export function selectLimiter(live: LiveState, nodeId: string): LimiterStatus | undefined {
  const n = live.nodeIndex.get(nodeId);
  const bucket = n === undefined ? undefined : live.limiters?.[n];
  return bucket && { tokens: Math.floor(bucket.tokens + 1e-9), burst: bucket.burst, rate: bucket.rate };
}
