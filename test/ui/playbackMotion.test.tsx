// @vitest-environment jsdom
/**
 * Discrete changes animate while playback moves forward: a crash shakes and flashes the node's
 * status, an overflowing line pulses; scrubbing back animates nothing. (With reduced motion,
 * nothing moves: playbackReducedMotion.test.tsx. Separate files: the preference is read once.)
 */
import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeLiveStatus } from '../../src/ui/playback/NodeLiveStatus.tsx';
import { MODE } from '../../src/ui/playback/nodeStatus.ts';
import { renderWith, setLive, webAndApi } from './playbackSupport.tsx';
import { mockAnimate } from './playbackMotionSupport.ts';

let animate: ReturnType<typeof mockAnimate>;
beforeEach(() => {
  animate = mockAnimate();
});
afterEach(() => animate.restore());

describe('node status animations', () => {
  it('shake and flash on a crash, pulse the line on refusals, and stay still when scrubbing back', () => {
    const stores = renderWith(<NodeLiveStatus nodeId="api" />, webAndApi);
    const at = (time: number, api: Parameters<typeof setLive>[3]) =>
      act(() => {
        stores.playback.getState().seek(time);
        setLive(stores, time, {}, api);
      });
    at(100, { busy: 1 });
    animate.calls.length = 0;

    at(200, { mode: MODE.crashed });
    const box = screen.getByTestId('node-live-api');
    const crash = animate.calls.filter((c) => c.element === box);
    expect(crash).toHaveLength(1);
    expect(JSON.stringify(crash[0].keyframes)).toContain('translateX(-4px)');
    expect(animate.calls.some((c) => c.element.classList.contains('node-live-flash'))).toBe(true);

    animate.calls.length = 0;
    at(150, { mode: MODE.healthy }); // scrubbed back: nothing happened
    expect(animate.calls).toHaveLength(0);

    at(300, { mode: MODE.healthy, line: 20, rejected: 3 });
    expect(animate.calls.some((c) => c.element.classList.contains('node-live-line'))).toBe(true);
  });
});
