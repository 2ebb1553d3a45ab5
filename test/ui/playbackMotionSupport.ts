/** A stand-in for the Web Animations API (jsdom has none) that records what was animated. */
import { vi } from 'vitest';

export interface AnimateCall {
  readonly element: HTMLElement;
  readonly keyframes: unknown;
}

export function mockAnimate() {
  const calls: AnimateCall[] = [];
  const proto = HTMLElement.prototype as unknown as { animate?: unknown };
  const original = proto.animate;
  proto.animate = vi.fn(function animate(this: HTMLElement, keyframes: unknown) {
    calls.push({ element: this, keyframes });
    return {
      finished: Promise.resolve(),
      onfinish: null,
      oncancel: null,
      currentTime: 0,
      startTime: 0,
      playbackRate: 1,
      playState: 'running',
      effect: { getComputedTiming: () => ({ duration: 400 }), updateTiming: () => {} },
      cancel() {},
      play() {},
      pause() {},
      finish() {},
      commitStyles() {},
      reverse() {},
      addEventListener() {},
      removeEventListener() {},
    };
  });
  return {
    calls,
    restore: () => {
      if (original === undefined) delete proto.animate;
      else proto.animate = original;
    },
  };
}
