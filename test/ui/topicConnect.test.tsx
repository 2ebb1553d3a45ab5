// @vitest-environment jsdom
/**
 * Connecting to and from a topic: producers (clients, services) publish to it and queues
 * subscribe to it, over async links; anything else from a topic is refused with the model's
 * message; what the connect command does to a producer (a client's target, a service's publish
 * step) and not to a subscription; the same from the inspector's "Connect to"; the canvas drawing
 * a topic's box; and its fault menu (a crash only), from the canvas's context menu.
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
import { fanout, setTopicLive } from './topicSupport.tsx';

beforeAll(() => stubLayout());

/** The fan-out plus a client with no target, a second topic and a queue, none linked yet. */
const workshop: DocumentInput = {
  ...fanout,
  nodes: [
    ...fanout.nodes,
    { id: 'mobile', kind: 'client', target: '', workload: { pattern: 'poisson', rate: 1 } },
    { id: 'shipped', kind: 'topic' },
    { id: 'audit-q', kind: 'queue' },
  ],
};
const linkOf = (doc: DocumentInput, from: string, to: string) => (doc.links ?? []).find((l) => l.from === from && l.to === to);

describe('connection rules with topics', () => {
  it('lets clients and services publish to a topic, and a topic copy to queues', () => {
    expect(canConnect(workshop, 'mobile', 'shipped')).toBe(true);
    expect(canConnect(workshop, 'email', 'placed')).toBe(true);
    expect(canConnect(workshop, 'placed', 'audit-q')).toBe(true); // a third subscription
  });

  it("refuses a topic sending to a service, a topic or a client with the model's message", () => {
    expect(connectionProblem(workshop, 'placed', 'email')).toBe('a topic sends its copies to queues (its subscriptions), not to a service');
    expect(connectionProblem(workshop, 'placed', 'shipped')).toBe('a topic sends its copies to queues (its subscriptions), not to a topic');
    expect(connectionProblem(workshop, 'placed', 'mobile')).toBe('a topic sends its copies to queues (its subscriptions), not to a client');
    // A queue does not publish to a topic: it delivers to consumers.
    expect(connectionProblem(workshop, 'email-q', 'shipped')).toBe('a queue delivers to services (its consumers), not to a topic');
    expect(connectionProblem(workshop, 'placed', 'email-q')).toBe('placed is already connected to email-q');
    expect(connectionProblem(workshop, 'web', 'shipped')).toMatch(
      /a client sends to one service, queue, topic or stream; delete web's link first/,
    );
  });

  it('makes async links to and from a topic', () => {
    expect(newLink(workshop, 'mobile', 'shipped')).toEqual({
      from: 'mobile',
      to: 'shipped',
      kind: 'async',
      protocol: 'http',
      latency: '20ms',
    });
    expect(newLink(workshop, 'placed', 'audit-q')).toMatchObject({ kind: 'async' });
    expect(newLink(workshop, 'web', 'email')).not.toHaveProperty('kind');
  });

  it('makes a producer publish to the topic and gives a subscription nothing to call; the document stays valid', () => {
    let doc = applyCommand(workshop, { type: 'connect', link: newLink(workshop, 'mobile', 'shipped') });
    doc = applyCommand(doc, { type: 'connect', link: newLink(doc, 'email', 'shipped') });
    doc = applyCommand(doc, { type: 'connect', link: newLink(doc, 'shipped', 'audit-q') });
    doc = applyCommand(doc, { type: 'connect', link: newLink(doc, 'audit-q', 'stats') });
    const node = (id: string) => doc.nodes.find((n) => n.id === id) as Record<string, unknown>;
    expect(node('mobile').target).toBe('shipped');
    expect(node('email').calls).toEqual([{ to: 'shipped' }]);
    expect(node('audit-q').calls).toBeUndefined();
    expect(linkOf(doc, 'shipped', 'audit-q')?.kind).toBe('async');
    const result = validateScenario(doc);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});

describe('connecting to and from a topic in the inspector', () => {
  it('offers topics to a service and connects it as a producer that publishes', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(workshop);
    act(() => stores.ui.getState().select({ nodeIds: ['stats'] }));
    const connect = screen.getByLabelText('Connect to');
    expect(within(connect).getByRole('option', { name: 'Choose a service, queue, topic or stream…' })).toBeInTheDocument();
    expect(within(connect).getByRole('option', { name: 'shipped (topic)' })).toBeInTheDocument();
    await user.selectOptions(connect, 'shipped');
    const doc = stores.document.getState().document;
    expect(linkOf(doc, 'stats', 'shipped')).toMatchObject({ kind: 'async' });
    expect(doc.nodes.find((n) => n.id === 'stats')).toMatchObject({ calls: [{ to: 'shipped' }] });
    const step = within(screen.getByRole('group', { name: 'Calls' })).getByLabelText('Step 1: Service');
    expect(step).toHaveValue('shipped');
    expect(within(step).getByRole('option', { name: 'shipped (topic: publish)' })).toBeInTheDocument();
  });

  it('offers a topic queues only, and subscribes one', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(workshop);
    act(() => stores.ui.getState().select({ nodeIds: ['placed'] }));
    const connect = screen.getByLabelText('Connect to');
    expect(
      within(connect)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['', 'audit-q']);
    expect(within(connect).getByRole('option', { name: 'Choose a queue to subscribe…' })).toBeInTheDocument();
    expect(connect).toHaveAccessibleDescription(expect.stringContaining('gets its own copy of every message'));
    await user.selectOptions(connect, 'audit-q');
    expect(linkOf(stores.document.getState().document, 'placed', 'audit-q')).toMatchObject({ kind: 'async' });
    expect(screen.getByLabelText('Subscriptions')).toHaveValue('email-q, stats-q, audit-q');
  });
});

describe('topics on the canvas', () => {
  const nodeElement = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"]`) as HTMLElement;
  const placed: DocumentInput = { ...fanout, nodes: fanout.nodes.map((n, i) => ({ ...n, position: { x: i * 250, y: 0 } })) };

  it('draws a topic\'s box with its subscriptions counted, its links dashed and labelled "async"', async () => {
    const stores = renderWithStores(<Canvas />, placed);
    expect(nodeElement('placed')).toHaveAttribute('aria-label', 'Topic placed');
    expect(nodeElement('placed').querySelector('.canvas-node')).toHaveClass('canvas-node--topic');
    expect(within(nodeElement('placed')).getByText('fans out to 2 queues')).toBeInTheDocument();
    await waitFor(() => expect(document.querySelectorAll('.react-flow__edge')).toHaveLength(6));
    expect(document.querySelector('.react-flow__edge[data-id="placed->email-q"]')).toHaveAttribute(
      'aria-label',
      'Link from placed to email-q, async',
    );
    const path = document.querySelector('.react-flow__edge[data-id="order->placed"] .react-flow__edge-path') as SVGPathElement;
    expect(path.style.strokeDasharray).not.toBe('');
    // Its summary follows the links: deleting one subscription says so.
    act(() => stores.document.getState().dispatch({ type: 'remove', nodeIds: [], linkIds: ['placed->stats-q'] }));
    expect(within(nodeElement('placed')).getByText('fans out to 1 queue')).toBeInTheDocument();
  });

  it('styles a topic that is down like a crashed queue', () => {
    const stores = renderWithStores(<Canvas />, placed);
    act(() => setTopicLive(stores, 1000, { mode: 3, arrivals: 9, ok: 5, rejected: 4 }));
    expect(nodeElement('placed').querySelector('.canvas-node')).toHaveAttribute('data-mode', 'crashed');
    expect(within(nodeElement('placed')).getByText('crashed')).toBeInTheDocument();
    act(() => setTopicLive(stores, 2000, { mode: 1 }));
    expect(nodeElement('placed').querySelector('.canvas-node')).toHaveAttribute('data-mode', 'healthy');
  });
});

describe('breaking a topic', () => {
  it('offers only a crash, which makes a valid fault', () => {
    const target = resolveTarget(fanout, { kind: 'node', id: 'placed' })!;
    expect(target).toEqual({ kind: 'topic', id: 'placed', name: 'placed' });
    expect(actionsFor(target).map((a) => a.id)).toEqual(['crash']);
    const fault = buildFault('crash', target, { seconds: 2 }, 1500);
    expect(fault).toEqual({ kind: 'crash', target: 'placed', at: 1500, duration: 2000 });
    const result = validateScenario({ ...fanout, faults: [fault] });
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('crashes it from its context menu at the playhead', async () => {
    const user = userEvent.setup();
    const stores = renderWith(<PlaybackBar />, fanout);
    act(() => stores.playback.getState().seek(3000));
    act(() => requestContextMenu({ kind: 'node', id: 'placed', x: 100, y: 100 }));
    const menu = await screen.findByRole('menu', { name: 'Break topic placed' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['Crash…refuse publishes for N s']);
    await user.keyboard('{Enter}');
    const form = screen.getByRole('form', { name: 'Crash placed' });
    expect(within(form).getByLabelText(/Back after/)).toHaveValue(5);
    await user.click(within(form).getByRole('button', { name: 'Inject fault' }));
    expect(stores.document.getState().document.faults).toEqual([{ kind: 'crash', target: 'placed', at: 3000, duration: 5000 }]);
  });
});
