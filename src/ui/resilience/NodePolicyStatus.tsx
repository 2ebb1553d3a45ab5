/**
 * A node's own resilience policies at the playhead, inside its box: the bulkhead of each of its
 * outgoing calls (a pool of places, the taken ones filled, and the calls waiting for one) and, on
 * a service, its inbound rate limiter's tokens against the bucket's size. Each reads only its own
 * figures from the sampled live store; nothing is shown before a run, or for a link without one.
 */
import { useMemo } from 'react';
import { linkId } from '../../model/index.ts';
import { useDocument } from '../app/stores.tsx';
import { formatCount } from '../playback/format.ts';
import { sampleLane, useSampledFigures } from '../playback/sampledLive.ts';
import { selectLimiter, selectLinkGuards } from './guardStatus.ts';
import './resilience.css';

/** Pools up to this size show one place per slot; bigger ones a proportional bar. */
const MAX_PLACES = 10;

export function NodePolicyStatus({ nodeId, compact = false }: { readonly nodeId: string; readonly compact?: boolean }) {
  const links = useDocument((s) => s.document.links);
  const outgoing = useMemo(() => (links ?? []).filter((l) => l.from === nodeId).map((l) => ({ id: linkId(l), to: l.to })), [links, nodeId]);
  return (
    <>
      {outgoing.map((l) => (
        <BulkheadPool key={l.id} linkId={l.id} to={l.to} compact={compact} />
      ))}
      <LimiterTokens nodeId={nodeId} compact={compact} />
    </>
  );
}

function Meter({ value, of }: { readonly value: number; readonly of: number }) {
  return (
    <span className="policy-meter" aria-hidden="true">
      <span className="policy-meter-fill" style={{ width: `${of > 0 ? Math.min(100, (value / of) * 100) : 0}%` }} />
    </span>
  );
}

function BulkheadPool({ linkId: id, to, compact }: { readonly linkId: string; readonly to: string; readonly compact: boolean }) {
  const guards = useSampledFigures((s) => selectLinkGuards(s, id), sampleLane(id));
  if (!guards || guards.places === 0) return null;
  const { places, inFlight, waiting } = guards;
  const full = inFlight >= places;
  return (
    <div
      className={`node-policy node-policy--bulkhead${full ? ' is-full' : ''}`}
      data-testid={`bulkhead-${id}`}
      title={`Bulkhead for calls to ${to}: ${inFlight} of ${places} places taken, ${waiting} waiting for one`}
    >
      <span className="node-policy-label">→ {to}</span>
      {places <= MAX_PLACES && !compact ? (
        <span className="policy-places" aria-hidden="true">
          {Array.from({ length: places }, (_, i) => (
            <span key={i} className={i < inFlight ? 'place is-taken' : 'place'} />
          ))}
        </span>
      ) : (
        <Meter value={inFlight} of={places} />
      )}
      {!compact && (
        <span data-testid="bulkhead-taken">
          {inFlight}/{places}
        </span>
      )}
      {!compact && waiting > 0 && (
        <span className="tone-warn" data-testid="bulkhead-waiting">
          +{formatCount(waiting)} waiting
        </span>
      )}
    </div>
  );
}

function LimiterTokens({ nodeId, compact }: { readonly nodeId: string; readonly compact: boolean }) {
  const limiter = useSampledFigures((s) => selectLimiter(s, nodeId), sampleLane(nodeId));
  if (!limiter) return null;
  const empty = limiter.tokens < 1;
  return (
    <div
      className={`node-policy node-policy--limiter${empty ? ' is-empty' : ''}`}
      data-testid={`limiter-${nodeId}`}
      title={`Rate limiter: ${limiter.tokens} of ${limiter.burst} tokens, refilled at ${limiter.rate} per second; a request without a token is refused`}
    >
      <span className="node-policy-label">tokens</span>
      <Meter value={limiter.tokens} of={limiter.burst} />
      {!compact && (
        <span data-testid="limiter-tokens">
          {formatCount(limiter.tokens)}/{formatCount(limiter.burst)}
        </span>
      )}
    </div>
  );
}
