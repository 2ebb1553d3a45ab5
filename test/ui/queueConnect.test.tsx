// @vitest-environment jsdom
/**
 * Connecting to and from a queue: which connections are accepted, the async link each makes (a
 * producer's publish, a consumer's deliveries) and what the connect command does to the producer
 * (a client's target, a service's new call step) and not to the consumer; the same from the
 * inspector's "Connect to"; the canvas drawing queues and async links; a queue's fault menu.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/model/index.ts';
import { applyCommand, type DocumentInput } from '../../src/store/document/commands.ts';
import { Canvas } from '../../src/ui/canvas/Canvas.tsx';
import { canConnect, connectionProblem, newLink } from '../../src/ui/canvas/connection.ts';
import { actionsFor, buildFault, resolveTarget } from '../../src/ui/faults/faultActions.ts';
import { renderWithStores, stubLayout } from './canvasHarness.tsx';
import { renderInspector } from './inspectorSupport.tsx';
import { pipeline, setQueueLive } from './queueSupport.tsx';

beforeAll(() => stubLayout());

/** The pipeline plus a second client, a service that could publish, and a second queue, none linked yet. */
const workshop: DocumentInput = {
  ...pipeline,
  nodes: [
    ...pipeline.nodes,
    { id: 'mobile', kind: 'client', target: '', workload: { pattern: 'poisson', rate: 1 } },
    { id: 'billing', kind: 'service' },
    { id: 'audit', kind: 'queue' },
  ],
};
const linkOf = (doc: DocumentInput, from: string, to: string) => (doc.links ?? []).find((l) => l.from === from && l.to === to);

describe('connection rules with queues', () => {
  it('lets clients and services publish to a queue, and a queue deliver to services', () => {
    expect(canConnect(workshop, 'mobile', 'audit')).toBe(true);
    expect(canConnect(workshop, 'billing', 'orders')).toBe(true);
    expect(canConnect(workshop, 'orders', 'billing')).toBe(true); // a second, competing consumer
  });

  it('refuses a queue delivering to a client or another queue, saying why', () => {
    expect(connectionProblem(workshop, 'orders', 'mobile')).toMatch(/nothing can call it/);
    expect(connectionProblem(workshop, 'orders', 'audit')).toBe('a queue delivers to services (its consumers), not to a queue');
    expect(connectionProblem(workshop, 'web', 'audit')).toMatch(
      /a client sends to one service, queue, topic or stream; delete web's link first/,
    );
  });

  it('makes async links to and from a queue and sync ones between services', () => {
    expect(newLink(workshop, 'mobile', 'audit')).toEqual({ from: 'mobile', to: 'audit', kind: 'async', protocol: 'http', latency: '20ms' });
    expect(newLink(workshop, 'orders', 'billing')).toMatchObject({ kind: 'async' });
    expect(newLink(workshop, 'worker', 'billing')).not.toHaveProperty('kind');
  });

  it('makes a producer publish and gives a consumer no call step; the document stays valid', () => {
    let doc = applyCommand(workshop, { type: 'connect', link: newLink(workshop, 'mobile', 'audit') });
    doc = applyCommand(doc, { type: 'connect', link: newLink(doc, 'billing', 'audit') });
    doc = applyCommand(doc, { type: 'connect', link: newLink(doc, 'audit', 'worker') });
    const node = (id: string) => doc.nodes.find((n) => n.id === id) as Record<string, unknown>;
    expect(node('mobile').target).toBe('audit');
    expect(node('billing').calls).toEqual([{ to: 'audit' }]);
    expect(node('worker').calls).toBeUndefined();
    expect(node('audit').calls).toBeUndefined();
    expect(linkOf(doc, 'audit', 'worker')?.kind).toBe('async');
    const result = validateScenario(doc);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});

describe('connecting to a queue from the inspector', () => {
  it('offers queues to a service and connects it as a producer over an async link', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(workshop);
    act(() => stores.ui.getState().select({ nodeIds: ['billing'] }));
    const connect = screen.getByLabelText('Connect to');
    expect(within(connect).getByRole('option', { name: 'audit (queue)' })).toBeInTheDocument();
    await user.selectOptions(connect, 'audit');
    const doc = stores.document.getState().document;
    expect(linkOf(doc, 'billing', 'audit')).toMatchObject({ kind: 'async' });
    expect(doc.nodes.find((n) => n.id === 'billing')).toMatchObject({ calls: [{ to: 'audit' }] });
    // The new step names the queue as a publish.
    expect(within(screen.getByRole('group', { name: 'Calls' })).getByLabelText('Step 1: Service')).toHaveValue('audit');
  });

  it('offers a queue its consumers only, and connects one over an async link', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(workshop);
    act(() => stores.ui.getState().select({ nodeIds: ['audit'] }));
    const connect = screen.getByLabelText('Connect to');
    expect(
      within(connect)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['', 'worker', 'billing']);
    expect(within(connect).getByRole('option', { name: 'Choose a consumer…' })).toBeInTheDocument();
    await user.selectOptions(connect, 'worker');
    expect(linkOf(stores.document.getState().document, 'audit', 'worker')).toMatchObject({ kind: 'async' });
    expect(screen.getByLabelText('Consumers')).toHaveValue('worker');
  });
});

describe('queues on the canvas', () => {
  const nodeElement = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"]`) as HTMLElement;
  const placed: DocumentInput = { ...pipeline, nodes: pipeline.nodes.map((n, i) => ({ ...n, position: { x: i * 300, y: 0 } })) };

  it('draws a queue\'s box with its summary, and its links dashed and labelled "async"', async () => {
    renderWithStores(<Canvas />, placed);
    expect(nodeElement('orders')).toHaveAttribute('aria-label', 'Queue orders');
    expect(within(nodeElement('orders')).getByText('up to 200 · drop oldest')).toBeInTheDocument();
    await waitFor(() => expect(document.querySelectorAll('.react-flow__edge')).toHaveLength(2));
    const path = document.querySelector('.react-flow__edge[data-id="web->orders"] .react-flow__edge-path') as SVGPathElement;
    expect(path.style.strokeDasharray).not.toBe('');
    expect(screen.getAllByText('async')).toHaveLength(2);
    expect(document.querySelector('.react-flow__edge[data-id="orders->worker"]')).toHaveAttribute(
      'aria-label',
      'Link from orders to worker, async',
    );
  });

  it('styles a queue in a broker outage like a crashed service', () => {
    const stores = renderWithStores(<Canvas />, placed);
    act(() => setQueueLive(stores, 1000, { mode: 3, line: 4 }));
    expect(nodeElement('orders').querySelector('.canvas-node')).toHaveAttribute('data-mode', 'crashed');
    expect(within(nodeElement('orders')).getByText('crashed')).toBeInTheDocument();
    act(() => setQueueLive(stores, 2000, { mode: 1 }));
    expect(nodeElement('orders').querySelector('.canvas-node')).toHaveAttribute('data-mode', 'healthy');
  });
});

describe('breaking a queue', () => {
  it('offers only a crash (a broker outage), which makes a valid fault', () => {
    const target = resolveTarget(pipeline, { kind: 'node', id: 'orders' })!;
    expect(target).toEqual({ kind: 'queue', id: 'orders', name: 'orders' });
    expect(actionsFor(target).map((a) => a.id)).toEqual(['crash']);
    const fault = buildFault('crash', target, { seconds: 5 }, 2000);
    expect(fault).toEqual({ kind: 'crash', target: 'orders', at: 2000, duration: 5000 });
    expect(validateScenario({ ...pipeline, faults: [fault] }).ok).toBe(true);
  });
});
