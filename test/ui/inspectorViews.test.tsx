// @vitest-environment jsdom
/**
 * The inspector's other views: a link (protocol, loss), a fault picked on the timeline (edit,
 * remove, undo), the scenario's settings, several things at once, a client's workload, a
 * service's call plan, and the document's problems that no single field owns.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { undo } from '../../src/store/documentStore.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { renderInspector, system } from './inspectorSupport.tsx';

const doc = (stores: ReturnType<typeof renderInspector>) => stores.document.getState().document;
const node = (stores: ReturnType<typeof renderInspector>, id: string) =>
  doc(stores).nodes.find((n) => n.id === id) as Record<string, unknown>;

describe('a selected link', () => {
  it('shows its ends and kind, explains the protocols, and a protocol change dispatches updateLink', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    act(() => stores.ui.getState().select({ linkIds: ['api->db'] }));
    expect(screen.getByLabelText('From')).toHaveValue('api');
    expect(screen.getByLabelText('To')).toHaveValue('db');
    expect(screen.getByLabelText('Kind')).toHaveValue('Sync (request/response)');
    const protocol = screen.getByLabelText('Protocol');
    expect(protocol).toHaveValue('http');
    expect(protocol).toHaveAccessibleDescription(expect.stringMatching(/0\.3 ms .*0\.08 ms/));
    await user.selectOptions(protocol, 'grpc');
    expect(stores.document.getState().lastCommand).toEqual({ type: 'updateLink', id: 'api->db', patch: { protocol: 'grpc' } });
    expect(doc(stores).links?.[1].protocol).toBe('grpc');
    await user.type(screen.getByLabelText('Loss'), '2.5{Enter}');
    expect(doc(stores).links?.[1].loss).toBe(0.025);
    const latency = screen.getByRole('group', { name: 'Latency' });
    expect(within(latency).getByLabelText('Distribution')).toHaveValue('constant');
    expect(within(latency).getByLabelText('Value')).toHaveAttribute('value', '1ms');
  });
});

describe('a selected fault', () => {
  it('edits its time and removes it, undoably', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    act(() => stores.ui.getState().select({ faultIndex: 0 }));
    expect(screen.getByRole('heading', { name: 'Crash db' })).toBeInTheDocument();
    expect(screen.getByLabelText('Kind')).toHaveAccessibleDescription(expect.stringContaining('The service dies'));
    expect(screen.getByLabelText('Service')).toHaveValue('db');
    const at = screen.getByLabelText('Starts at');
    await user.clear(at);
    await user.type(at, '3s{Enter}');
    expect(doc(stores).faults?.[0]).toEqual({ kind: 'crash', target: 'db', at: '3s', duration: '1s' });
    await user.selectOptions(screen.getByLabelText('Service'), 'cache');
    expect(stores.document.getState().lastCommand?.type).toBe('updateFault');
    await user.click(screen.getByRole('button', { name: 'Remove fault' }));
    expect(doc(stores).faults).toEqual([]);
    expect(stores.ui.getState().selection.faultIndex).toBeUndefined();
    act(() => undo(stores.document));
    expect(doc(stores).faults).toHaveLength(1);
  });
});

describe('nothing selected', () => {
  it('shows the scenario settings and edits them with updateSettings', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    expect(screen.getByRole('heading', { name: 'Scenario' })).toBeInTheDocument();
    expect(screen.getByLabelText('Seed')).toHaveAccessibleDescription(expect.stringContaining('same seed'));
    const name = screen.getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Checkout{Enter}');
    expect(stores.document.getState().lastCommand).toEqual({ type: 'updateSettings', patch: { name: 'Checkout' } });
    const duration = screen.getByLabelText('Duration');
    await user.clear(duration);
    await user.type(duration, '0{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('must be greater than 0');
    expect(doc(stores).duration).toBe('10s');
  });
});

describe('several nodes selected', () => {
  it('says how many and deletes them all in one step', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    act(() => stores.ui.getState().select({ nodeIds: ['db', 'cache'] }));
    expect(screen.getByRole('heading', { name: '2 nodes selected' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(doc(stores).nodes.map((n) => n.id)).toEqual(['web', 'api']);
    act(() => undo(stores.document));
    expect(doc(stores).nodes).toHaveLength(4);
  });
});

describe('a client', () => {
  it('offers the services it links to and the fields of the chosen workload pattern', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    act(() => stores.ui.getState().select({ nodeIds: ['web'] }));
    const target = screen.getByLabelText('Target');
    expect(
      within(target)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['api']);
    expect(screen.getByLabelText('Rate')).toHaveValue('20');
    expect(screen.getByLabelText('Pattern')).toHaveAccessibleDescription(expect.stringContaining('random independent arrivals'));
    await user.selectOptions(screen.getByLabelText('Pattern'), 'bursts');
    expect(node(stores, 'web').workload).toEqual({ pattern: 'bursts', every: '1s', size: 20 });
    expect(screen.getByLabelText('Every')).toHaveValue('1s');
    expect(screen.getByLabelText('Burst size')).toHaveAccessibleDescription(expect.stringContaining('Requests sent at once'));
    expect(screen.queryByLabelText('Rate')).toBeNull();
    await user.type(screen.getByLabelText('Stop'), '5s{Enter}');
    expect(node(stores, 'web').workload).toEqual({ pattern: 'bursts', every: '1s', size: 20, stop: '5s' });
    await user.type(screen.getByLabelText('Start'), '6s{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('must not be before start');
  });
});

describe("a service's call plan", () => {
  it('reorders, joins into a parallel step, splits back and removes, one edit each', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    act(() => stores.ui.getState().select({ nodeIds: ['api'] }));
    const calls = () => node(stores, 'api').calls;
    await user.click(screen.getByRole('button', { name: 'Move step 2 up' }));
    expect(calls()).toEqual([{ to: 'cache' }, { to: 'db' }]);
    await user.click(screen.getByRole('button', { name: 'Run step 1 in parallel with step 2' }));
    expect(calls()).toEqual([{ parallel: [{ to: 'cache' }, { to: 'db' }] }]);
    expect(screen.getByText('Step 1 — in parallel')).toBeInTheDocument();
    expect(screen.getByLabelText('Step 1, call 2: Service')).toHaveValue('db');
    await user.type(screen.getByLabelText('Step 1, call 2: Timeout'), '300ms{Enter}');
    expect(calls()).toEqual([{ parallel: [{ to: 'cache' }, { to: 'db', timeout: '300ms' }] }]);
    await user.click(screen.getByRole('button', { name: 'Make step 1 sequential' }));
    expect(calls()).toEqual([{ to: 'cache' }, { to: 'db', timeout: '300ms' }]);
    await user.click(screen.getByRole('button', { name: 'Remove step 1' }));
    expect(calls()).toEqual([{ to: 'db', timeout: '300ms' }]);
    await user.click(screen.getByRole('button', { name: 'Add call' }));
    expect(calls()).toEqual([{ to: 'db', timeout: '300ms' }, { to: 'cache' }]);
    act(() => undo(stores.document));
    expect(calls()).toEqual([{ to: 'db', timeout: '300ms' }]);
  });
});

describe('the problems list', () => {
  it('shows problems of the whole document with their paths, and selects what they are about', async () => {
    const user = userEvent.setup();
    const broken: DocumentInput = {
      ...system,
      nodes: [...system.nodes, { id: 'lonely', kind: 'client', target: 'db', workload: { pattern: 'constant', rate: 1 } }],
    };
    const stores = renderInspector(broken);
    const problems = screen.getByRole('region', { name: /Problems/ });
    expect(problems).toHaveTextContent('nodes[4].target');
    expect(problems).toHaveTextContent('there is no link from "lonely" to "db"');
    await user.click(within(problems).getByRole('button', { name: 'nodes[4].target' }));
    expect(stores.ui.getState().selection.nodeIds).toEqual(['lonely']);
    expect(screen.getByRole('heading', { name: 'lonely' })).toBeInTheDocument();
  });

  it('is absent when the document is valid', () => {
    renderInspector(system);
    expect(screen.queryByRole('region', { name: /Problems/ })).toBeNull();
  });
});

describe('connecting from the inspector (without a pointer)', () => {
  it('offers the services a node may connect to, and connecting adds the link and the call', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    act(() => stores.ui.getState().select({ nodeIds: ['db'] }));
    const connect = screen.getByLabelText('Connect to');
    const offered = within(connect)
      .getAllByRole('option')
      .map((o) => o.getAttribute('value'))
      .filter(Boolean);
    // Not itself, not a client, not one it already calls.
    expect(offered).toEqual(['api', 'cache']);
    await user.selectOptions(connect, 'cache');
    expect(doc(stores).links).toContainEqual(expect.objectContaining({ from: 'db', to: 'cache' }));
    expect(node(stores, 'db').calls).toEqual([{ to: 'cache' }]);
    expect(stores.document.getState().lastCommand?.type).toBe('connect');
    act(() => undo(stores.document));
    expect(doc(stores).links).not.toContainEqual(expect.objectContaining({ from: 'db', to: 'cache' }));
  });

  it('offers nothing to a client that already sends somewhere', () => {
    const stores = renderInspector(system);
    act(() => stores.ui.getState().select({ nodeIds: ['web'] }));
    expect(screen.queryByLabelText('Connect to')).toBeNull();
  });
});

describe("a service's inbound protection", () => {
  it('turns a rate limiter on with defaults, edits it as one value, and turns it off', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    act(() => stores.ui.getState().select({ nodeIds: ['db'] }));
    const group = screen.getByRole('group', { name: 'Rate limiter' });
    await user.click(within(group).getByLabelText('Limit the rate'));
    expect(node(stores, 'db').rateLimit).toEqual({ rate: 100, burst: 10 });
    const rate = within(group).getByLabelText('Rate');
    await user.clear(rate);
    await user.type(rate, '0{Enter}');
    expect(within(group).getByRole('alert')).toHaveTextContent('must be greater than 0');
    expect(node(stores, 'db').rateLimit).toEqual({ rate: 100, burst: 10 }); // refused, not applied
    await user.clear(rate);
    await user.type(rate, '25{Enter}');
    expect(node(stores, 'db').rateLimit).toEqual({ rate: 25, burst: 10 });
    await user.click(within(group).getByLabelText('Limit the rate'));
    expect(node(stores, 'db').rateLimit).toBeUndefined();
  });

  it('sets load shedding bounds', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    act(() => stores.ui.getState().select({ nodeIds: ['db'] }));
    const group = screen.getByRole('group', { name: 'Load shedding' });
    await user.click(within(group).getByLabelText('Shed load'));
    await user.type(within(group).getByLabelText('Longest wait'), '250ms{Enter}');
    expect(node(stores, 'db').shedding).toEqual({ maxLine: 20, maxQueueTime: '250ms' });
  });
});

describe("a link's resilience policies", () => {
  it('applies a preset as one undoable edit and names it afterwards', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    act(() => stores.ui.getState().select({ linkIds: ['web->api'] }));
    const protection = screen.getByLabelText('Protection');
    expect(protection).toHaveValue('none');
    await user.selectOptions(protection, 'retries');
    expect(stores.document.getState().lastCommand?.type).toBe('updateLink');
    expect(doc(stores).links?.[0]).toMatchObject({ timeout: '1s', retry: { maxAttempts: 3, jitter: 'full' } });
    expect(screen.getByLabelText('Protection')).toHaveValue('retries');
    act(() => undo(stores.document));
    expect(doc(stores).links?.[0].retry).toBeUndefined();
  });

  it("turns a breaker on with resilience4j's defaults written out, and edits a threshold", async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    act(() => stores.ui.getState().select({ linkIds: ['api->db'] }));
    const group = screen.getByRole('group', { name: 'Circuit breaker' });
    await user.click(within(group).getByLabelText('Guard with a circuit breaker'));
    expect(doc(stores).links?.[1].breaker).toMatchObject({
      failureRateThreshold: 50,
      minimumNumberOfCalls: 100,
      windowSize: 100,
      waitInOpen: '60s',
      permittedInHalfOpen: 10,
    });
    const rate = within(group).getByLabelText('Failure rate');
    expect(rate).toHaveValue('50');
    await user.clear(rate);
    await user.type(rate, '101{Enter}');
    expect(within(group).getByRole('alert')).toHaveTextContent('must be at most 100');
    await user.clear(rate);
    await user.type(rate, '25{Enter}');
    expect(doc(stores).links?.[1].breaker?.failureRateThreshold).toBe(25);
  });

  it('chooses what is retried, and a fallback service among those linked', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    act(() => stores.ui.getState().select({ linkIds: ['api->db'] }));
    const retry = screen.getByRole('group', { name: 'Retry' });
    await user.click(within(retry).getByLabelText('Retry failed attempts'));
    const on = within(retry).getByRole('group', { name: 'Retry on' });
    await user.click(within(on).getByLabelText('Timeout'));
    expect(doc(stores).links?.[1].retry?.retryOn).toEqual(['error', 'rejected', 'refused']);
    await user.selectOptions(screen.getByLabelText('Fallback'), 'service');
    expect(doc(stores).links?.[1].fallback).toEqual({ kind: 'service', to: 'cache' });
  });
});
