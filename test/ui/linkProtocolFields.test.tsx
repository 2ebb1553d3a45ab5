// @vitest-environment jsdom
/**
 * The protocol fields of a sync link: bandwidth, payload, HTTP/1.1's connection pool (http only)
 * and a streamed answer (grpc server streaming, websocket pushes), schema-described, validated
 * (a refused value is not applied) and undoable one edit at a time.
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
    { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 5 } },
    { id: 'api', kind: 'service', calls: [{ to: 'placed' }] },
    { id: 'placed', kind: 'queue' },
  ],
  links: [
    { from: 'web', to: 'api' },
    { from: 'api', to: 'placed', kind: 'async' },
  ],
  faults: [],
};

type Stores = ReturnType<typeof renderInspector>;
const link = (stores: Stores) => (stores.document.getState().document.links ?? [])[0] as Record<string, unknown>;
const pick = (stores: Stores, id: string) => act(() => stores.ui.getState().select({ linkIds: [id] }));

describe('protocol fields of a sync link', () => {
  it('sets the bandwidth, refuses a negative one, and undoes it', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    pick(stores, 'web->api');
    const bandwidth = screen.getByLabelText('Bandwidth');
    expect(bandwidth).toHaveAccessibleDescription(expect.stringContaining('Mbit/s'));
    await user.type(bandwidth, '-5{Enter}');
    expect(link(stores).bandwidth).toBeUndefined();
    expect(screen.getByText(/greater than 0/)).toBeInTheDocument();
    await user.clear(bandwidth);
    await user.type(bandwidth, '100{Enter}');
    expect(link(stores).bandwidth).toBe(100);
    act(() => undo(stores.document));
    expect(link(stores).bandwidth).toBeUndefined();
  });

  it('counts a payload (request and response sizes) and a connection pool over http', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    pick(stores, 'web->api');
    await user.click(screen.getByRole('checkbox', { name: 'Count what each call carries' }));
    expect(link(stores).payload).toEqual({ request: 1000, response: 4000 });
    const response = screen.getByLabelText('Response size');
    await user.clear(response);
    await user.type(response, '20000{Enter}');
    expect(link(stores).payload).toEqual({ request: 1000, response: 20000 });
    await user.type(screen.getByLabelText('Connections'), '4{Enter}');
    expect(link(stores).connections).toBe(4);
    expect(screen.queryByRole('checkbox', { name: /stream of messages|push messages/ })).toBeNull();
    expect(validateScenario(stores.document.getState().document).ok).toBe(true);
    act(() => undo(stores.document));
    expect(link(stores).connections).toBeUndefined();
    expect(link(stores).payload).toEqual({ request: 1000, response: 20000 });
  });

  it('offers server streaming over grpc (with its messages) and pushes over websocket, no connection pool', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    pick(stores, 'web->api');
    await user.selectOptions(screen.getByLabelText('Protocol'), 'grpc');
    expect(screen.queryByLabelText('Connections')).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: 'Answer each call with a stream of messages from api' }));
    expect(link(stores).stream).toEqual({ messages: 10, interval: '1s' });
    const messages = screen.getByLabelText('Messages per answer');
    await user.clear(messages);
    await user.type(messages, '0{Enter}');
    expect(link(stores).stream).toEqual({ messages: 10, interval: '1s' });
    await user.clear(messages);
    await user.type(messages, '5{Enter}');
    expect(link(stores).stream).toEqual({ messages: 5, interval: '1s' });
    expect(validateScenario(stores.document.getState().document).ok).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: /stream of messages/ }));
    await user.selectOptions(screen.getByLabelText('Protocol'), 'websocket');
    await user.click(screen.getByRole('checkbox', { name: 'Let api push messages while the connection lives' }));
    expect(link(stores).stream).toEqual({ interval: '1s' });
    expect(screen.queryByLabelText('Messages per answer')).toBeNull();
    expect(validateScenario(stores.document.getState().document).ok).toBe(true);
  });

  it('keeps a pool shown while the protocol no longer allows it, so it can be cleared', async () => {
    const user = userEvent.setup();
    const stores = renderInspector({ ...system, links: [{ from: 'web', to: 'api', connections: 4 }, system.links![1]] });
    pick(stores, 'web->api');
    await user.selectOptions(screen.getByLabelText('Protocol'), 'grpc');
    const connections = screen.getByLabelText('Connections');
    await user.clear(connections);
    await user.type(connections, '{Enter}');
    expect(link(stores).connections).toBeUndefined();
    expect(screen.queryByLabelText('Connections')).toBeNull();
  });

  it('offers none of them on a publish to a queue', () => {
    const stores = renderInspector(system);
    pick(stores, 'api->placed');
    expect(screen.queryByLabelText('Bandwidth')).toBeNull();
    expect(screen.queryByLabelText('Connections')).toBeNull();
  });
});
