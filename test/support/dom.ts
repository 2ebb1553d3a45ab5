/**
 * Setup for every test: the run store's replay code (fetched apart from the page, see
 * src/store/runStore.ts). For component tests (files that start with `// @vitest-environment jsdom`): Testing
 * Library's matchers, cleanup between tests, the deferred views' code (see src/ui/app/deferred.tsx),
 * and the browser APIs jsdom lacks that React Flow uses.
 */
import '@testing-library/jest-dom/vitest';
import { afterEach, beforeAll } from 'vitest';
import { preloadReplay } from '../../src/store/runStore.ts';

// The run store fetches the replay's code apart from the first page, as soon as it is created; the
// page has it long before its worker answers, and a test has it before it starts (its scripted
// workers may answer at once).
beforeAll(() => preloadReplay());

if (typeof window !== 'undefined') {
  const { cleanup } = await import('@testing-library/react');
  afterEach(() => cleanup());
  // The page fetches its deferred views while idle after its first paint; a test has them before it renders.
  const { preloadDeferred } = await import('../../src/ui/app/deferred.tsx');
  beforeAll(() => preloadDeferred());
  class ResizeObserverStub {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  const w = window as unknown as Record<string, unknown>;
  w.ResizeObserver ??= ResizeObserverStub;
  w.DOMMatrixReadOnly ??= class {
    m22 = 1;
    constructor() {}
  };
  w.matchMedia ??= (query: string) => ({
    matches: false,
    media: query,
    addEventListener() {},
    removeEventListener() {},
    addListener() {},
    removeListener() {},
    onchange: null,
    dispatchEvent: () => false,
  });
}
