// @vitest-environment jsdom
/**
 * The inspector's asynchronous options on links: what a service's publish carries (the message,
 * or only the event, which makes consumers call it back), and async HTTP on a call to a service
 * (accept at once, then poll), each committed as an edit the schema accepts, and shown only
 * where it applies.
 */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/model/index.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { renderInspector } from './inspectorSupport.tsx';

const system: DocumentInput = {
  version: 1,
  name: 'Orders',
  seed: 1,
  duration: '10s',
  nodes: [
    { id: 'web', kind: 'client', target: 'order', workload: { pattern: 'poisson', rate: 5 } },
    { id: 'order', kind: 'service', calls: [{ to: 'placed' }] },
    { id: 'placed', kind: 'queue' },
    { id: 'mail', kind: 'service' },
  ],
  links: [
    { from: 'web', to: 'order' },
    { from: 'order', to: 'placed', kind: 'async' },
    { from: 'placed', to: 'mail', kind: 'async' },
    { from: 'mail', to: 'order' },
  ],
  faults: [],
};

const linkOf = (stores: ReturnType<typeof renderInspector>, id: string) =>
  (stores.document.getState().document.links ?? []).find((l) => `${l.from}->${l.to}` === id) as Record<string, unknown>;

describe('async options of a link', () => {
  it('lets a service publish only the event, and the document stays valid with the consumer linked back', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    act(() => stores.ui.getState().select({ linkIds: ['order->placed'] }));
    const carries = screen.getByLabelText('Publish carries');
    expect(carries).toHaveValue('message');
    expect(carries).toHaveAccessibleDescription(expect.stringContaining('each consumer calls order back'));
    await user.selectOptions(carries, 'event');
    expect(linkOf(stores, 'order->placed').content).toBe('event');
    expect(validateScenario(stores.document.getState().document).ok).toBe(true);
    expect(screen.queryByRole('checkbox', { name: /poll until it is done/ })).toBeNull();
  });

  it('turns a call into async HTTP with polling, and back', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    act(() => stores.ui.getState().select({ linkIds: ['web->order'] }));
    expect(screen.queryByLabelText('Publish carries')).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: 'Accept the job at once (202), then poll until it is done' }));
    expect(linkOf(stores, 'web->order').polling).toEqual({ interval: '1s', multiplier: 1, cap: '30s' });
    const interval = screen.getByLabelText('First poll after');
    await user.clear(interval);
    await user.type(interval, '250ms{Enter}');
    expect(linkOf(stores, 'web->order').polling).toMatchObject({ interval: '250ms' });
    expect(validateScenario(stores.document.getState().document).ok).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: 'Accept the job at once (202), then poll until it is done' }));
    expect(linkOf(stores, 'web->order').polling).toBeUndefined();
  });

  it("offers neither on a queue's link to its consumer", () => {
    const stores = renderInspector(system);
    act(() => stores.ui.getState().select({ linkIds: ['placed->mail'] }));
    expect(screen.queryByLabelText('Publish carries')).toBeNull();
    expect(screen.queryByRole('checkbox', { name: /poll until it is done/ })).toBeNull();
  });
});
