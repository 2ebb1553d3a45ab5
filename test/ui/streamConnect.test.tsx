// @vitest-environment jsdom
/**
 * Connecting to and from a stream: producers (clients, services) append to it and services
 * consume from it, over async links; anything else is refused with the model's message; what the
 * connect command does to a producer (a client's target, a service's publish step) and not to a
 * consumer; the same from the inspector's "Connect to"; the canvas drawing a stream's box (crashed
 * like a queue); and its fault menu (a crash only), from the canvas's context menu.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/model/index.ts';
import { applyCommand, type DocumentInput } from '../../src/store/document/commands.ts';
import { Canvas } from '../../src/ui/canvas/Canvas.tsx';
import { requestContextMenu } from '../../src/ui/canvas/canvasBridge.ts';
import { canConnect, connectionProblem, newLink } from '../../src/ui/canvas/connection.ts';
import { actionsFor, buildFault, resolveTarget } from '../../src/ui/faults/faultActions.ts';
import { PlaybackBar } from '../../src/ui/playback/PlaybackBar.tsx';
import { renderWithStores, stubLayout } from './canvasHarness.tsx';
import { renderInspector } from './inspectorSupport.tsx';
import { renderWith } from './playbackSupport.tsx';
import { orderEvents, setStreamLive } from './streamSupport.tsx';

beforeAll(() => stubLayout());

/** The order events plus a client with no target, a second stream, a queue and a topic, none linked yet. */
const workshop: DocumentInput = {
  ...orderEvents,
  nodes: [
    ...orderEvents.nodes,
    { id: 'mobile', kind: 'client', target: '', workload: { pattern: 'poisson', rate: 1 } },
    { id: 'audit', kind: 'stream' },
    { id: 'jobs', kind: 'queue' },
    { id: 'news', kind: 'topic' },
  ],
};
const linkOf = (doc: DocumentInput, from: string, to: string) => (doc.links ?? []).find((l) => l.from === from && l.to === to);

describe('connection rules with streams', () => {
  it('lets clients and services append to a stream, and a stream deliver to services', () => {
    expect(canConnect(workshop, 'mobile', 'audit')).toBe(true);
    expect(canConnect(workshop, 'billing-1', 'audit')).toBe(true);
    expect(canConnect(workshop, 'events', 'orders')).toBe(true); // one more consumer
  });

  it("refuses a stream sending to anything but a service, and brokers feeding a stream, with the model's messages", () => {
    expect(connectionProblem(workshop, 'events', 'audit')).toBe('a stream delivers to services (its consumers), not to a stream');
    expect(connectionProblem(workshop, 'events', 'jobs')).toBe('a stream delivers to services (its consumers), not to a queue');
    expect(connectionProblem(workshop, 'events', 'news')).toBe('a stream delivers to services (its consumers), not to a topic');
    expect(connectionProblem(workshop, 'events', 'mobile')).toBe('a stream delivers to services (its consumers), not to a client');
    expect(connectionProblem(workshop, 'jobs', 'audit')).toBe('a queue delivers to services (its consumers), not to a stream');
    expect(connectionProblem(workshop, 'news', 'audit')).toBe('a topic sends its copies to queues (its subscriptions), not to a stream');
    expect(connectionProblem(workshop, 'events', 'billing-1')).toBe('events is already connected to billing-1');
    expect(connectionProblem(workshop, 'shop', 'audit')).toMatch(
      /a client sends to one service, queue, topic or stream; delete shop's link first/,
    );
  });

  it('makes async links to and from a stream', () => {
    expect(newLink(workshop, 'mobile', 'audit')).toEqual({ from: 'mobile', to: 'audit', kind: 'async', protocol: 'http', latency: '20ms' });
    expect(newLink(workshop, 'events', 'orders')).toMatchObject({ kind: 'async' });
  });

  it('makes a producer publish to the stream and gives a consumer nothing to call; the document stays valid', () => {
    let doc = applyCommand(workshop, { type: 'connect', link: newLink(workshop, 'mobile', 'audit') });
    doc = applyCommand(doc, { type: 'connect', link: newLink(doc, 'analytics', 'audit') });
    doc = applyCommand(doc, { type: 'connect', link: newLink(doc, 'audit', 'billing-2') });
    // The queue and topic of the workshop need links of their own to be valid: drop them.
    doc = applyCommand(doc, { type: 'remove', nodeIds: ['jobs', 'news'], linkIds: [] });
    const node = (id: string) => doc.nodes.find((n) => n.id === id) as Record<string, unknown>;
    expect(node('mobile').target).toBe('audit');
    expect(node('analytics').calls).toEqual([{ to: 'audit' }]);
    expect(node('billing-2').calls).toBeUndefined();
    expect(linkOf(doc, 'audit', 'billing-2')?.kind).toBe('async');
    const result = validateScenario(doc);
    expect(result.ok ? [] : result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('connecting to and from a stream in the inspector', () => {
  it('offers streams to a service and connects it as a producer that publishes', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(workshop);
    act(() => stores.ui.getState().select({ nodeIds: ['analytics'] }));
    const connect = screen.getByLabelText('Connect to');
    expect(within(connect).getByRole('option', { name: 'audit (stream)' })).toBeInTheDocument();
    await user.selectOptions(connect, 'audit');
    const doc = stores.document.getState().document;
    expect(linkOf(doc, 'analytics', 'audit')).toMatchObject({ kind: 'async' });
    const step = within(screen.getByRole('group', { name: 'Calls' })).getByLabelText('Step 1: Service');
    expect(step).toHaveValue('audit');
    expect(within(step).getByRole('option', { name: 'audit (stream: publish)' })).toBeInTheDocument();
  });

  it('offers a stream services only, and adds a consumer in a group of its own', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(workshop);
    act(() => stores.ui.getState().select({ nodeIds: ['events'] }));
    const connect = screen.getByLabelText('Connect to');
    expect(
      within(connect)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['', 'orders']);
    expect(within(connect).getByRole('option', { name: 'Choose a consumer…' })).toBeInTheDocument();
    expect(connect).toHaveAccessibleDescription(expect.stringContaining('a group of its own'));
    await user.selectOptions(connect, 'orders');
    expect(linkOf(stores.document.getState().document, 'events', 'orders')).toMatchObject({ kind: 'async' });
    expect(screen.getByLabelText('Consumer groups')).toHaveValue('billing (billing-1, billing-2); analytics (analytics); orders (orders)');
  });
});

describe('streams on the canvas', () => {
  const nodeElement = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"]`) as HTMLElement;
  const placed: DocumentInput = { ...orderEvents, nodes: orderEvents.nodes.map((n, i) => ({ ...n, position: { x: i * 250, y: 0 } })) };

  it('draws a stream\'s box with its partitions and retention, its links dashed and labelled "async"', async () => {
    const stores = renderWithStores(<Canvas />, placed);
    expect(nodeElement('events')).toHaveAttribute('aria-label', 'Stream events');
    expect(nodeElement('events').querySelector('.canvas-node')).toHaveClass('canvas-node--stream');
    expect(within(nodeElement('events')).getByText('3 partitions · keep 45s')).toBeInTheDocument();
    await waitFor(() => expect(document.querySelectorAll('.react-flow__edge')).toHaveLength(5));
    expect(document.querySelector('.react-flow__edge[data-id="events->billing-1"]')).toHaveAttribute(
      'aria-label',
      'Link from events to billing-1, async',
    );
    act(() => stores.document.getState().dispatch({ type: 'updateNode', id: 'events', patch: { partitions: 6, retention: null } }));
    expect(within(nodeElement('events')).getByText('6 partitions · keep all')).toBeInTheDocument();
  });

  it('styles a stream that is down like a crashed queue, with one lane per partition', () => {
    const stores = renderWithStores(<Canvas />, placed);
    act(() => setStreamLive(stores, 1000, { mode: 3, arrivals: 9, line: 5, rejected: 4 }));
    expect(nodeElement('events').querySelector('.canvas-node')).toHaveAttribute('data-mode', 'crashed');
    expect(within(nodeElement('events')).getByText('crashed')).toBeInTheDocument();
    expect(nodeElement('events').querySelectorAll('.node-live-lane')).toHaveLength(3);
    act(() => setStreamLive(stores, 2000, { mode: 1 }));
    expect(nodeElement('events').querySelector('.canvas-node')).toHaveAttribute('data-mode', 'healthy');
  });
});

describe('breaking a stream', () => {
  it('offers only a crash, which makes a valid fault', () => {
    const target = resolveTarget(orderEvents, { kind: 'node', id: 'events' })!;
    expect(target).toEqual({ kind: 'stream', id: 'events', name: 'events' });
    expect(actionsFor(target).map((a) => a.id)).toEqual(['crash']);
    const fault = buildFault('crash', target, { seconds: 2 }, 1500);
    expect(fault).toEqual({ kind: 'crash', target: 'events', at: 1500, duration: 2000 });
    const result = validateScenario({ ...orderEvents, faults: [fault] });
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('crashes it from its context menu at the playhead', async () => {
    const user = userEvent.setup();
    const stores = renderWith(<PlaybackBar />, orderEvents);
    act(() => stores.playback.getState().seek(3000));
    act(() => requestContextMenu({ kind: 'node', id: 'events', x: 100, y: 100 }));
    const menu = await screen.findByRole('menu', { name: 'Break stream events' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['Crash…stream down for N s']);
    await user.keyboard('{Enter}');
    const form = screen.getByRole('form', { name: 'Crash events' });
    await user.click(within(form).getByRole('button', { name: 'Inject fault' }));
    expect(stores.document.getState().document.faults).toEqual([{ kind: 'crash', target: 'events', at: 3000, duration: 5000 }]);
  });
});
