// @vitest-environment jsdom
/**
 * The overlay component's wiring: one hidden canvas over the pane, drawn when the live state
 * moves (the playhead), and a click on the pane that lands on a message selects its call (and
 * does not reach the pane, which would clear the selection). `?overlay=off` turns it off.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { ReactFlowProvider, useStoreApi } from '@xyflow/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { messagesBuffer } from '../../src/engine/replay/messageIndex.ts';
import { createStores, StoresProvider, type Stores } from '../../src/ui/app/stores.tsx';
import { linkPoint } from '../../src/ui/overlay/geometry.ts';
import { MessageOverlay } from '../../src/ui/overlay/MessageOverlay.tsx';
import { overlayDisabled } from '../../src/ui/overlay/overlaySwitch.ts';
import { minFlightAt } from '../../src/ui/overlay/timeStretch.tsx';
import { refreshLive } from '../../src/ui/playback/liveState.ts';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { webAndApi } from './playbackSupport.tsx';

const restore: (() => void)[] = [];
beforeEach(() => {
  // jsdom has no 2D canvas and no layout: a context that accepts any drawing, and a canvas size.
  const proto = HTMLCanvasElement.prototype;
  const getContext = vi.spyOn(proto, 'getContext').mockImplementation(
    () =>
      new Proxy(
        {},
        {
          get: (_t, name) => (name === 'measureText' ? () => ({ width: 10 }) : () => {}),
          set: () => true,
        },
      ) as unknown as CanvasRenderingContext2D,
  );
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => 800 });
  Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => 400 });
  restore.push(
    () => getContext.mockRestore(),
    () => {
      delete (proto as unknown as Record<string, unknown>).clientWidth;
      delete (proto as unknown as Record<string, unknown>).clientHeight;
    },
  );
});
afterEach(() => {
  restore.splice(0).forEach((f) => f());
});

type FlowStore = ReturnType<typeof useStoreApi>;

function setUp() {
  const stores: Stores = createStores(createSimulationApi(), webAndApi);
  let flow: FlowStore | undefined;
  const Grab = () => {
    flow = useStoreApi();
    return null;
  };
  const paneClick = vi.fn();
  render(
    <StoresProvider stores={stores}>
      <ReactFlowProvider>
        <div className="react-flow">
          <div className="react-flow__pane" data-testid="pane" onClick={paneClick} />
          <MessageOverlay />
        </div>
        <Grab />
      </ReactFlowProvider>
    </StoresProvider>,
  );
  const box = (x: number) => ({ internals: { positionAbsolute: { x, y: 0 } }, measured: { width: 100, height: 40 } });
  act(() =>
    flow!.setState({
      nodeLookup: new Map([
        ['web', box(0)],
        ['api', box(400)],
      ]) as never,
      transform: [0, 0, 1],
    }),
  );
  return { stores, paneClick };
}

describe('the message overlay', () => {
  it('is one canvas, hidden from assistive technology, that draws as the playhead moves and selects a clicked message', async () => {
    const { stores, paneClick } = setUp();
    const canvas = screen.getByTestId('message-overlay');
    expect(canvas.tagName).toBe('CANVAS');
    expect(canvas).toHaveAttribute('aria-hidden', 'true');

    await act(() => stores.run.start(webAndApi, 3000));
    const replay = stores.run.getState().replay!;
    const messages = messagesBuffer();
    let t = 100;
    // The overlay draws each message for at least the playback speed's minimum flight (the time stretch).
    const minFlight = minFlightAt(stores.playback.getState().speed);
    expect(minFlight).toBeGreaterThan(0);
    for (; t < 3000; t += 1.3) {
      replay.messagesAt(t, messages, minFlight);
      if (messages.count > 0) break;
    }
    act(() => {
      stores.playback.getState().seek(t);
      refreshLive(stores.live, stores);
    });
    expect(canvas.dataset.messages).toBe(String(messages.count));

    const p = new Float64Array(4);
    const back = messages.backward[0] === 1;
    linkPoint(100, 20, 400, 20, back ? 1 - messages.progress[0] : messages.progress[0], p);
    fireEvent.click(screen.getByTestId('pane'), { clientX: p[0] + p[2] * (back ? 3 : -3), clientY: p[1] + p[3] * (back ? 3 : -3) });
    expect(stores.ui.getState().selection.call).toBe(messages.call[0]);
    expect(paneClick).not.toHaveBeenCalled();

    // A click on empty pane is the pane's.
    fireEvent.click(screen.getByTestId('pane'), { clientX: 790, clientY: 390 });
    expect(paneClick).toHaveBeenCalledTimes(1);
  });

  it('can be switched off from the address, for measuring what it costs', () => {
    expect(overlayDisabled('?overlay=off')).toBe(true);
    expect(overlayDisabled('?overlay=on')).toBe(false);
    expect(overlayDisabled('')).toBe(false);
  });
});
