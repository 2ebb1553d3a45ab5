// @vitest-environment jsdom
/**
 * Resilience on the canvas: a link's breaker badge and a node box's bulkheads and rate limiter,
 * from a live store set by hand (what the playback engine computes each frame) and from a real
 * run whose breaker opens when the service behind it crashes.
 */
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BreakerState } from '../../src/engine/trace/eventTypes.ts';
import type { LinkGuardsLive } from '../../src/ui/playback/liveState.ts';
import { refreshLive } from '../../src/ui/playback/liveState.ts';
import { LinkGuardBadge } from '../../src/ui/resilience/LinkGuardBadge.tsx';
import { NodePolicyStatus } from '../../src/ui/resilience/NodePolicyStatus.tsx';
import { renderWith, setLive, webAndApi } from './playbackSupport.tsx';
import { guarded } from './resilienceSupport.ts';
import type { Stores } from '../../src/ui/app/stores.tsx';

const LINK = 'web->api';

function setGuards(
  stores: Stores,
  time: number,
  guards: LinkGuardsLive | undefined,
  limiter?: { tokens: number; burst: number; rate: number },
): void {
  setLive(stores, time, {}, {});
  stores.live.setState({ linkIndex: new Map([[LINK, 0]]), guards: [guards], limiters: [undefined, limiter] });
}

const guards = (patch: Partial<LinkGuardsLive>): LinkGuardsLive => ({
  breaker: BreakerState.CLOSED,
  places: 0,
  inFlight: 0,
  waiting: 0,
  refused: 0,
  ...patch,
});

describe('the breaker badge on a link', () => {
  it('shows nothing before a run, or on a link without a breaker that refused nothing', () => {
    const stores = renderWith(<LinkGuardBadge linkId={LINK} />, webAndApi);
    expect(screen.queryByTestId(`link-guard-${LINK}`)).toBeNull();
    act(() => setGuards(stores, 100, guards({ breaker: -1, places: 4 })));
    expect(screen.queryByTestId(`link-guard-${LINK}`)).toBeNull();
  });

  it('names the state with colour, icon and text, counts refusals, and follows the playhead', () => {
    const stores = renderWith(<LinkGuardBadge linkId={LINK} />, webAndApi);
    act(() => setGuards(stores, 100, guards({})));
    const badge = screen.getByTestId(`link-guard-${LINK}`);
    expect(badge).toHaveAttribute('data-state', 'closed');
    expect(badge).toHaveTextContent('Closed');
    expect(badge.querySelector('svg')).not.toBeNull();
    expect(badge).not.toHaveTextContent('refused');

    act(() => setGuards(stores, 200, guards({ breaker: BreakerState.OPEN, refused: 1234 })));
    expect(badge).toHaveAttribute('data-state', 'open');
    expect(badge).toHaveTextContent('Open· 1,234 refused');
    expect(badge).toHaveClass('link-guard--open');
    expect(badge.title).toMatch(/refuses every call at once/);

    act(() => setGuards(stores, 300, guards({ breaker: BreakerState.HALF_OPEN, refused: 1234 })));
    expect(badge).toHaveTextContent('Half-open');
    act(() => setGuards(stores, 400, guards({ breaker: BreakerState.FORCED_OPEN })));
    expect(badge).toHaveTextContent('Forced open');
    act(() => setGuards(stores, 500, guards({ breaker: BreakerState.DISABLED })));
    expect(badge).toHaveTextContent('Disabled');
  });

  it("shows a bulkhead's refusals on a link without a breaker", () => {
    const stores = renderWith(<LinkGuardBadge linkId={LINK} />, webAndApi);
    act(() => setGuards(stores, 100, guards({ breaker: -1, places: 2, refused: 3 })));
    const badge = screen.getByTestId(`link-guard-${LINK}`);
    expect(badge).toHaveTextContent('3 refused');
    expect(badge).not.toHaveAttribute('data-state');
  });

  it('selects its link when clicked (the inspector then shows the breaker)', () => {
    const stores = renderWith(<LinkGuardBadge linkId={LINK} />, webAndApi);
    act(() => setGuards(stores, 100, guards({ breaker: BreakerState.OPEN })));
    fireEvent.click(screen.getByTestId(`link-guard-${LINK}`));
    expect(stores.ui.getState().selection.linkIds).toEqual([LINK]);
  });
});

describe('policies in a node box', () => {
  it("shows the caller's bulkhead pool: places taken and calls waiting", () => {
    const stores = renderWith(<NodePolicyStatus nodeId="web" />, webAndApi);
    expect(screen.queryByTestId(`bulkhead-${LINK}`)).toBeNull();
    act(() => setGuards(stores, 100, guards({ places: 4, inFlight: 3, waiting: 0 })));
    const pool = screen.getByTestId(`bulkhead-${LINK}`);
    expect(pool.querySelectorAll('.place.is-taken')).toHaveLength(3);
    expect(pool.querySelectorAll('.place')).toHaveLength(4);
    expect(screen.getByTestId('bulkhead-taken')).toHaveTextContent('3/4');
    expect(screen.queryByTestId('bulkhead-waiting')).toBeNull();
    act(() => setGuards(stores, 200, guards({ places: 4, inFlight: 4, waiting: 7 })));
    expect(pool).toHaveClass('is-full');
    expect(screen.getByTestId('bulkhead-waiting')).toHaveTextContent('+7 waiting');
  });

  it("shows a service's tokens, whole ones, against the bucket", () => {
    const stores = renderWith(<NodePolicyStatus nodeId="api" />, webAndApi);
    act(() => setGuards(stores, 100, undefined, { tokens: 7.8, burst: 10, rate: 50 }));
    expect(screen.getByTestId('limiter-tokens')).toHaveTextContent('7/10');
    expect(screen.getByTestId('limiter-api')).not.toHaveClass('is-empty');
    act(() => setGuards(stores, 200, undefined, { tokens: 0.4, burst: 10, rate: 50 }));
    expect(screen.getByTestId('limiter-tokens')).toHaveTextContent('0/10');
    expect(screen.getByTestId('limiter-api')).toHaveClass('is-empty');
    // The caller's box does not show the callee's limiter.
    expect(screen.queryByTestId('limiter-web')).toBeNull();
  });
});

describe('a real run', () => {
  it('shows the breaker open during the crash and closed after recovery, as the replay has it', async () => {
    const stores = renderWith(
      <>
        <LinkGuardBadge linkId={LINK} />
        <NodePolicyStatus nodeId="web" />
        <NodePolicyStatus nodeId="api" />
      </>,
      guarded,
    );
    await act(() => stores.run.start(guarded, 12_000));
    const replay = stores.run.getState().replay!;
    const at = (t: number) =>
      act(() => {
        stores.playback.getState().seek(t);
        refreshLive(stores.live, stores);
      });
    const seen = new Set<string>();
    for (let t = 0; t <= 12_000; t += 100) {
      at(t);
      const badge = screen.getByTestId(`link-guard-${LINK}`);
      const state = replay.links.breakerStateAt(0, t);
      expect({ t, state: badge.dataset.state }).toEqual({ t, state: ['closed', 'open', 'half-open'][state] });
      seen.add(badge.dataset.state!);
      expect(screen.getByTestId('bulkhead-taken')).toHaveTextContent(`${replay.links.bulkheadAt(0, t)!.inFlight}/3`);
      expect(screen.getByTestId('limiter-tokens')).toHaveTextContent(`${Math.floor(replay.inbound.tokensAt(1, t)!.tokens + 1e-9)}/5`);
    }
    expect([...seen].sort()).toEqual(['closed', 'half-open', 'open']);
    at(12_000);
    expect(screen.getByTestId(`link-guard-${LINK}`)).toHaveAttribute('data-state', 'closed');
    expect(screen.getByTestId(`link-guard-${LINK}`)).toHaveTextContent(/refused/);
  });
});
