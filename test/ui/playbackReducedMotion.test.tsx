// @vitest-environment jsdom
/**
 * With `prefers-reduced-motion: reduce`, a crash animates nothing, and the status still says so
 * (its mode, for the styles that mark it out of service).
 */
import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeLiveStatus } from '../../src/ui/playback/NodeLiveStatus.tsx';
import { MODE } from '../../src/ui/playback/nodeStatus.ts';
import { renderWith, setLive, webAndApi } from './playbackSupport.tsx';
import { mockAnimate } from './playbackMotionSupport.ts';

let animate: ReturnType<typeof mockAnimate>;
const matchMedia = window.matchMedia;
beforeEach(() => {
  animate = mockAnimate();
  window.matchMedia = ((query: string) => ({
    matches: query.includes('reduce'),
    media: query,
    onchange: null,
    addEventListener() {},
    removeEventListener() {},
    addListener() {},
    removeListener() {},
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
});
afterEach(() => {
  animate.restore();
  window.matchMedia = matchMedia;
});

describe('with reduced motion', () => {
  it('shows a crash without moving anything', () => {
    const stores = renderWith(<NodeLiveStatus nodeId="api" />, webAndApi);
    act(() => {
      stores.playback.getState().seek(100);
      setLive(stores, 100, {}, { busy: 1 });
    });
    act(() => {
      stores.playback.getState().seek(200);
      setLive(stores, 200, {}, { mode: MODE.crashed, rejected: 4 });
    });
    expect(animate.calls).toHaveLength(0);
    expect(screen.getByTestId('node-live-api')).toHaveAttribute('data-mode', String(MODE.crashed));
    expect(screen.getByTestId('rejected')).toHaveTextContent('4');
  });
});
