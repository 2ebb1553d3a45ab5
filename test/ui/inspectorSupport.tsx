/** Renders the inspector over fresh stores (the real in-thread simulation API) for component tests. */
import { render } from '@testing-library/react';
import { createStores, StoresProvider, type Stores } from '../../src/ui/app/stores.tsx';
import { Inspector } from '../../src/ui/inspector/Inspector.tsx';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';

export function renderInspector(initial?: DocumentInput): Stores & { view: ReturnType<typeof render> } {
  const stores = createStores(createSimulationApi(), initial);
  const view = render(
    <StoresProvider stores={stores}>
      <Inspector />
    </StoresProvider>,
  );
  return Object.assign(stores, { view });
}

/** A client sending to an api that calls a db and a cache; one crash fault. */
export const system: DocumentInput = {
  version: 1,
  name: 'Shop',
  seed: 3,
  duration: '10s',
  nodes: [
    { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 20 } },
    { id: 'api', kind: 'service', workers: 4, serviceTime: { dist: 'exponential', mean: '5ms' }, calls: [{ to: 'db' }, { to: 'cache' }] },
    { id: 'db', kind: 'service', workers: 2, serviceTime: { dist: 'uniform', min: 2, max: 8 } },
    { id: 'cache', kind: 'service' },
  ],
  links: [
    { from: 'web', to: 'api' },
    { from: 'api', to: 'db' },
    { from: 'api', to: 'cache' },
  ],
  faults: [{ kind: 'crash', target: 'db', at: '2s', duration: '1s' }],
};
