// @vitest-environment jsdom
/**
 * A node's live state on a zoomed-out canvas: bars whose fills scale with the busy share of the
 * pool, the waiting line and (for a client) how requests ended, with the exact figures as the
 * gauge's accessible name; and the node box switching to them when the zoom falls below
 * COMPACT_BELOW_ZOOM, and back.
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import { ReactFlowProvider, useStoreApi } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { NodeBox } from '../../src/ui/canvas/nodes/NodeBox.tsx';
import { ServiceIcon } from '../../src/ui/kinds/icons.tsx';
import { clientSentence, serviceSentence } from '../../src/ui/playback/NodeLiveGauge.tsx';
import { COMPACT_BELOW_ZOOM } from '../../src/ui/canvas/nodes/NodeBox.tsx';
import { NodeLiveStatus } from '../../src/ui/playback/NodeLiveStatus.tsx';
import { MODE } from '../../src/ui/playback/nodeStatus.ts';
import { renderWith, setLive, webAndApi } from './playbackSupport.tsx';

/** The filled share of a bar. */
const fillOf = (el: HTMLElement) => parseFloat(el.style.width) / 100;

describe('the zoomed-out gauge', () => {
  it("fills a service's bars with its busy share and its line, and names the figures", () => {
    const stores = renderWith(<NodeLiveStatus nodeId="api" compact />, webAndApi);
    act(() => setLive(stores, 500, {}, { busy: 3, line: 2 }));
    const box = screen.getByTestId('node-live-api');
    expect(within(box).queryByTestId('busy')).toBeNull(); // no figures: bars
    expect(fillOf(within(box).getByTestId('gauge-busy'))).toBeCloseTo(0.75);
    expect(fillOf(within(box).getByTestId('gauge-line'))).toBeCloseTo(0.5);
    const gauge = within(box).getByRole('img');
    expect(gauge).toHaveAccessibleName('3 of 4 workers busy, 2 waiting');
    expect(box.querySelector('.node-gauge-mark.is-on')).toBeNull();

    // A line longer than the pool fills its bar and no more; failures light the mark.
    act(() => setLive(stores, 600, {}, { busy: 4, line: 40, errors: 1, rejected: 2, mode: MODE.degraded }));
    expect(fillOf(within(box).getByTestId('gauge-busy'))).toBe(1);
    expect(fillOf(within(box).getByTestId('gauge-line'))).toBe(1);
    expect(gauge).toHaveAccessibleName('4 of 4 workers busy, 40 waiting, 1 error, 2 refused');
    expect(box.querySelector('.node-gauge-mark.is-on')).not.toBeNull();
  });

  it("splits a client's bar into answered and failed shares", () => {
    const stores = renderWith(<NodeLiveStatus nodeId="web" compact />, webAndApi);
    act(() => setLive(stores, 500, { sent: 40, completed: 30, failed: 2, timedOut: 4, dropped: 2 }, {}));
    const box = screen.getByTestId('node-live-web');
    expect(fillOf(within(box).getByTestId('gauge-ok'))).toBeCloseTo(0.75);
    expect(fillOf(within(box).getByTestId('gauge-failed'))).toBeCloseTo(0.2);
    const gauge = within(box).getByRole('img');
    expect(gauge).toHaveAccessibleName('40 sent: 30 ok, 2 failed, 4 timed out, 2 lost');
    // The tooltip says the same, written when the pointer arrives.
    fireEvent.pointerEnter(gauge);
    expect(gauge).toHaveAttribute('title', '40 sent: 30 ok, 2 failed, 4 timed out, 2 lost');
  });

  it('says the figures in words, with thousands separated', () => {
    expect(serviceSentence({ kind: 'service', busy: 1, pool: 1200, line: 0, mode: MODE.healthy, errors: 0, rejected: 0, dropped: 3 })).toBe(
      '1 of 1,200 workers busy, 0 waiting, 3 lost',
    );
    expect(clientSentence({ kind: 'client', sent: 0, completed: 0, failed: 0, timedOut: 0, rejected: 0, dropped: 0 })).toBe('0 sent: 0 ok');
  });
});

describe('a node box and the zoom', () => {
  it('shows figures from COMPACT_BELOW_ZOOM up and the gauge below it, switching as the canvas zooms', () => {
    let flow: ReturnType<typeof useStoreApi> | undefined;
    const Grab = () => {
      flow = useStoreApi();
      return null;
    };
    const stores = renderWith(
      <ReactFlowProvider>
        <NodeBox
          nodeId="api"
          kind="service"
          kindLabel="Service"
          name="api"
          summary="4 workers"
          icon={ServiceIcon}
          selected={false}
          accepts={false}
          sends={false}
        />
        <Grab />
      </ReactFlowProvider>,
      webAndApi,
    );
    act(() => setLive(stores, 500, {}, { busy: 1 }));
    const box = screen.getByTestId('node-live-api');
    expect(within(box).getByTestId('busy')).toHaveTextContent('1/4 busy');
    act(() => flow!.setState({ transform: [0, 0, COMPACT_BELOW_ZOOM * 0.9] }));
    expect(within(box).queryByTestId('busy')).toBeNull();
    expect(within(box).getByRole('img')).toHaveAccessibleName('1 of 4 workers busy, 0 waiting');
    act(() => flow!.setState({ transform: [0, 0, COMPACT_BELOW_ZOOM] }));
    expect(within(box).getByTestId('busy')).toHaveTextContent('1/4 busy');
  });
});
