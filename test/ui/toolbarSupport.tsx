/** Renders the toolbar over fresh stores (the real in-thread simulation API) for component tests. */
import { render } from '@testing-library/react';
import { createStores, StoresProvider, type Stores } from '../../src/ui/app/stores.tsx';
import { Toolbar } from '../../src/ui/toolbar/Toolbar.tsx';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';

export function renderToolbar(initial?: DocumentInput): Stores & { view: ReturnType<typeof render> } {
  const stores = createStores(createSimulationApi(), initial);
  const view = render(
    <StoresProvider stores={stores}>
      <Toolbar />
    </StoresProvider>,
  );
  return Object.assign(stores, { view });
}

export const twoNodes: DocumentInput = {
  version: 1,
  name: 'Two nodes',
  seed: 2,
  duration: '10s',
  nodes: [
    { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 5 } },
    { id: 'api', kind: 'service' },
  ],
  links: [{ from: 'web', to: 'api' }],
  faults: [],
};
