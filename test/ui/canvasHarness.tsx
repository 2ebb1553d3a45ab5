/**
 * Rendering the canvas under jsdom for component tests: stores around it and the layout numbers
 * jsdom does not compute (element sizes), so React Flow measures its pane and node boxes and
 * draws edges between them.
 */
import { render } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import type { ReactNode } from 'react';
import { createStores, StoresProvider, type Stores } from '../../src/ui/app/stores.tsx';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';

const PANE = { width: 1000, height: 700 };
const NODE = { width: 184, height: 80 };

/**
 * Gives elements a size (the pane, and node boxes) and makes ResizeObserver report once on
 * observe, as a browser does. Call once per test file, before rendering.
 */
export function stubLayout(): void {
  const sizeOf = (el: HTMLElement) =>
    el.classList.contains('react-flow__node') ? NODE : el.classList.contains('react-flow__handle') ? { width: 10, height: 10 } : PANE;
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', {
    configurable: true,
    get() {
      return sizeOf(this).width;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get() {
      return sizeOf(this).height;
    },
  });
  class ReportingResizeObserver {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element): void {
      queueMicrotask(() => this.callback([{ target } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver));
    }
    unobserve(): void {}
    disconnect(): void {}
  }
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = ReportingResizeObserver;
}

/** Renders `ui` with fresh stores (holding `doc`) and a React Flow context; returns the stores. */
export function renderWithStores(ui: ReactNode, doc?: DocumentInput): Stores {
  const stores = createStores(createSimulationApi(), doc);
  render(
    <StoresProvider stores={stores}>
      <ReactFlowProvider>
        <div style={{ width: PANE.width, height: PANE.height }}>{ui}</div>
      </ReactFlowProvider>
    </StoresProvider>,
  );
  return stores;
}

/** A client sending to a service that calls another, with positions (left to right). */
export function chainDocument(): DocumentInput {
  return {
    version: 1,
    name: 'chain',
    seed: 1,
    duration: '10s',
    nodes: [
      { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 5 }, position: { x: 0, y: 0 } },
      {
        id: 'api',
        kind: 'service',
        workers: 2,
        serviceTime: { dist: 'exponential', mean: '40ms' },
        calls: [{ to: 'db' }],
        position: { x: 300, y: 0 },
      },
      { id: 'db', kind: 'service', label: 'Database', workers: 1, serviceTime: '5ms', position: { x: 600, y: 0 } },
    ],
    links: [
      { from: 'web', to: 'api', protocol: 'http', latency: '20ms' },
      { from: 'api', to: 'db', protocol: 'grpc', latency: '1ms' },
    ],
    faults: [],
  };
}
