// @vitest-environment jsdom
/**
 * A call step to a gateway carries the path the gateway routes by: the call plan offers it only
 * where the step's target is a gateway, validates it by the schema, and drops it when the step is
 * pointed at a service instead.
 */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/model/index.ts';
import { undo } from '../../src/store/documentStore.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { renderInspector } from './inspectorSupport.tsx';

const system: DocumentInput = {
  version: 1,
  name: 'Shop',
  seed: 1,
  duration: '10s',
  nodes: [
    { id: 'web', kind: 'client', target: 'bff', workload: { pattern: 'poisson', rate: 5 } },
    { id: 'bff', kind: 'service', calls: [{ to: 'gw' }, { to: 'users' }] },
    {
      id: 'gw',
      kind: 'gateway',
      routes: [
        { prefix: '/orders', to: 'orders' },
        { prefix: '/users', to: 'users' },
      ],
    },
    { id: 'orders', kind: 'service' },
    { id: 'users', kind: 'service' },
  ],
  links: [
    { from: 'web', to: 'bff' },
    { from: 'bff', to: 'gw' },
    { from: 'bff', to: 'users' },
    { from: 'gw', to: 'orders' },
    { from: 'gw', to: 'users' },
  ],
  faults: [],
};

type Stores = ReturnType<typeof renderInspector>;
const calls = (stores: Stores) =>
  (stores.document.getState().document.nodes.find((n) => n.id === 'bff') as { calls: Record<string, unknown>[] }).calls;

describe('a call step to a gateway', () => {
  it('sets the path the gateway routes by, refuses one that is no path, and undoes it', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    act(() => stores.ui.getState().select({ nodeIds: ['bff'] }));
    const paths = screen.getAllByLabelText(/Path$/);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toHaveAccessibleDescription(expect.stringContaining('chooses its route'));
    expect(screen.getByText(/gw routes \/orders, \/users/)).toBeInTheDocument();
    await user.type(paths[0], 'orders{Enter}');
    expect(calls(stores)[0]).toEqual({ to: 'gw' });
    expect(screen.getByText(/must be a path starting with \//)).toBeInTheDocument();
    await user.clear(paths[0]);
    await user.type(paths[0], '/orders/42{Enter}');
    expect(calls(stores)[0]).toEqual({ to: 'gw', path: '/orders/42' });
    expect(validateScenario(stores.document.getState().document).ok).toBe(true);
    act(() => undo(stores.document));
    expect(calls(stores)[0]).toEqual({ to: 'gw' });
  });

  it('drops the path when the step goes to a service instead', async () => {
    const user = userEvent.setup();
    const stores = renderInspector({
      ...system,
      nodes: system.nodes.map((n) => (n.id === 'bff' ? { ...n, calls: [{ to: 'gw', path: '/users' }] } : n)),
    });
    act(() => stores.ui.getState().select({ nodeIds: ['bff'] }));
    expect(screen.getByLabelText('Step 1: Path')).toHaveValue('/users');
    await user.selectOptions(screen.getByLabelText('Step 1: Service'), 'users');
    expect(calls(stores)[0]).toEqual({ to: 'users' });
    expect(screen.queryByLabelText(/Path$/)).toBeNull();
    expect(validateScenario(stores.document.getState().document).ok).toBe(true);
  });
});
