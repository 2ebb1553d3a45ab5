// @vitest-environment jsdom
/** The canvas under jsdom: drawing the document, and the edits made on it becoming document commands. */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Canvas } from '../../src/ui/canvas/Canvas.tsx';
import { CANVAS_CONTEXT_MENU_EVENT, canvasActions, type CanvasContextMenuDetail } from '../../src/ui/canvas/canvasBridge.ts';
import { KIND_DRAG_TYPE } from '../../src/ui/kinds/dragData.ts';
import { undo } from '../../src/store/documentStore.ts';
import { applyCommand, emptyDocument, type DocumentInput } from '../../src/store/document/commands.ts';
import { canConnect, connectionProblem, newLink } from '../../src/ui/canvas/connection.ts';
import { validateScenario } from '../../src/model/index.ts';
import type { Stores } from '../../src/ui/app/stores.tsx';
import { chainDocument, renderWithStores, stubLayout } from './canvasHarness.tsx';

beforeAll(() => stubLayout());

const diagram = () => screen.getByRole('region', { name: 'Diagram' });
const nodeElement = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"]`) as HTMLElement;
const nodeIds = (stores: Stores) => stores.document.getState().document.nodes.map((n) => n.id);
const linkPairs = (stores: Stores) => (stores.document.getState().document.links ?? []).map((l) => `${l.from}->${l.to}`);

describe('Canvas: drawing the document', () => {
  it('draws a box per node (name, summary) and an edge per link (protocol label)', async () => {
    renderWithStores(<Canvas />, chainDocument());
    expect(screen.getByText('web')).toBeInTheDocument();
    expect(screen.getByText('Database')).toBeInTheDocument();
    expect(screen.getByText('2 workers · 40ms')).toBeInTheDocument();
    expect(screen.getByText('poisson 5/s')).toBeInTheDocument();
    expect(nodeElement('api')).toHaveAttribute('aria-label', 'Service api');
    await waitFor(() => expect(document.querySelectorAll('.react-flow__edge')).toHaveLength(2));
    expect(document.querySelector('.react-flow__edge[data-id="web->api"]')).toBeInTheDocument();
    expect(screen.getByText('HTTP')).toBeInTheDocument();
    expect(screen.getByText('gRPC')).toBeInTheDocument();
  });

  it('shows a first-step hint on an empty canvas, and not once there is a node', () => {
    const stores = renderWithStores(<Canvas />, emptyDocument());
    expect(screen.getByText(/Drag a Client and a Service here from the palette, then connect them/)).toBeInTheDocument();
    act(() => stores.document.getState().dispatch({ type: 'addNode', node: { id: 's', kind: 'service', position: { x: 0, y: 0 } } }));
    expect(screen.queryByText(/Drag a Client and a Service here/)).not.toBeInTheDocument();
  });

  it('places nodes without a stored position by the layout, callers left of callees, without editing the document', async () => {
    const doc = chainDocument();
    const unplaced: DocumentInput = { ...doc, nodes: [...doc.nodes].reverse().map(({ position: _p, ...n }) => n) };
    const stores = renderWithStores(<Canvas />, unplaced);
    const x = (id: string) => Number(/translate\(([-\d.]+)px/.exec(nodeElement(id).style.transform)?.[1]);
    await waitFor(() => expect(x('web')).toBeLessThan(x('api')));
    expect(x('api')).toBeLessThan(x('db'));
    expect(stores.document.getState().revision).toBe(0);
  });

  it('marks a service crashed at the playhead with data-mode', () => {
    const stores = renderWithStores(<Canvas />, chainDocument());
    const node = (mode: number) => ({
      busy: 0,
      line: 0,
      mode,
      arrivals: 0,
      ok: 0,
      errors: 0,
      rejected: 0,
      dropped: 0,
      sent: 0,
      completed: 0,
      failed: 0,
      timedOut: 0,
    });
    act(() =>
      stores.live.setState({
        state: {
          time: 0,
          nodes: [node(0), node(3), node(1)],
          latency: { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, min: 0, max: 0 },
          totals: { sent: 0, completed: 0, failed: 0, timedOut: 0, rejected: 0, dropped: 0 },
        },
        topology: {
          nodeIds: ['web', 'api', 'db'],
          nodeKinds: ['client', 'service', 'service'],
          workers: [0, 2, 1],
          linkIds: [],
          linkFrom: [],
          linkTo: [],
          initialModes: [0, 1, 1],
        },
        nodeIndex: new Map([
          ['web', 0],
          ['api', 1],
          ['db', 2],
        ]),
      }),
    );
    expect(nodeElement('api').querySelector('.canvas-node')).toHaveAttribute('data-mode', 'crashed');
    expect(nodeElement('db').querySelector('.canvas-node')).toHaveAttribute('data-mode', 'healthy');
    expect(nodeElement('web').querySelector('.canvas-node')).not.toHaveAttribute('data-mode');
  });
});

describe('Canvas: editing', () => {
  it('shows the ui store selection, and a click on a node selects it there', async () => {
    const stores = renderWithStores(<Canvas />, chainDocument());
    act(() => stores.ui.getState().select({ nodeIds: ['db'] }));
    await waitFor(() => expect(nodeElement('db')).toHaveClass('selected'));
    fireEvent.click(nodeElement('api'));
    await waitFor(() => expect(stores.ui.getState().selection.nodeIds).toEqual(['api']));
    expect(nodeElement('db')).not.toHaveClass('selected');
  });

  it('Delete removes the selection (and the links it had) as one undoable command', () => {
    const stores = renderWithStores(<Canvas />, chainDocument());
    act(() => stores.ui.getState().select({ nodeIds: ['api'] }));
    fireEvent.keyDown(diagram(), { key: 'Delete' });
    expect(nodeIds(stores)).toEqual(['web', 'db']);
    expect(linkPairs(stores)).toEqual([]);
    expect(stores.ui.getState().selection.nodeIds).toEqual([]);
    act(() => undo(stores.document));
    expect(nodeIds(stores)).toEqual(['web', 'api', 'db']);
  });

  it('Backspace removes a selected link; keys typed into a text field are left alone', () => {
    const stores = renderWithStores(<Canvas />, chainDocument());
    act(() => stores.ui.getState().select({ linkIds: ['api->db'] }));
    const field = document.createElement('input');
    diagram().appendChild(field);
    fireEvent.keyDown(field, { key: 'Backspace' });
    expect(linkPairs(stores)).toHaveLength(2);
    fireEvent.keyDown(diagram(), { key: 'Backspace' });
    expect(linkPairs(stores)).toEqual(['web->api']);
  });

  it('Ctrl+C then Ctrl+V pastes copies with fresh ids, offset, and selects them; each paste lands further on', () => {
    const stores = renderWithStores(<Canvas />, chainDocument());
    act(() => stores.ui.getState().select({ nodeIds: ['api', 'db'] }));
    fireEvent.keyDown(diagram(), { key: 'c', ctrlKey: true });
    fireEvent.keyDown(diagram(), { key: 'v', ctrlKey: true });
    expect(nodeIds(stores)).toEqual(['web', 'api', 'db', 'api-1', 'db-1']);
    expect(linkPairs(stores)).toContain('api-1->db-1');
    expect(stores.ui.getState().selection.nodeIds).toEqual(['api-1', 'db-1']);
    fireEvent.keyDown(diagram(), { key: 'v', metaKey: true });
    const doc = stores.document.getState().document;
    expect(doc.nodes.find((n) => n.id === 'api-1')?.position).toEqual({ x: 332, y: 32 });
    expect(doc.nodes.find((n) => n.id === 'api-2')?.position).toEqual({ x: 364, y: 64 });
  });

  it('Ctrl+D duplicates the selection in one step', () => {
    const stores = renderWithStores(<Canvas />, chainDocument());
    act(() => stores.ui.getState().select({ nodeIds: ['db'] }));
    const event = fireEvent.keyDown(diagram(), { key: 'd', ctrlKey: true });
    expect(event).toBe(false); // default prevented: no bookmark dialog
    expect(nodeIds(stores)).toEqual(['web', 'api', 'db', 'db-1']);
    act(() => undo(stores.document));
    expect(nodeIds(stores)).toEqual(['web', 'api', 'db']);
  });

  it('an arrow key on a selected, focused node moves it with one moveNodes', async () => {
    const stores = renderWithStores(<Canvas />, chainDocument());
    act(() => stores.ui.getState().select({ nodeIds: ['db'] }));
    await waitFor(() => expect(nodeElement('db')).toHaveClass('selected'));
    fireEvent.keyDown(nodeElement('db'), { key: 'ArrowRight' });
    expect(stores.document.getState().lastCommand).toEqual({ type: 'moveNodes', positions: { db: { x: 605, y: 0 } } });
  });

  it('a palette item dropped on the canvas adds a node of its kind, centred where it was dropped', () => {
    const stores = renderWithStores(<Canvas />, emptyDocument());
    const pane = document.querySelector('.react-flow') as HTMLElement;
    const dataTransfer = {
      types: [KIND_DRAG_TYPE],
      getData: (type: string) => (type === KIND_DRAG_TYPE ? 'service' : ''),
      dropEffect: 'none',
    };
    fireEvent.dragOver(pane, { dataTransfer });
    expect(dataTransfer.dropEffect).toBe('copy');
    // jsdom's drag events carry no coordinates: a mouse event with the drag's data stands in.
    const drop = new MouseEvent('drop', { bubbles: true, cancelable: true, clientX: 400, clientY: 300 });
    Object.defineProperty(drop, 'dataTransfer', { value: dataTransfer });
    act(() => {
      pane.dispatchEvent(drop);
    });
    expect(drop.defaultPrevented).toBe(true);
    const [node] = stores.document.getState().document.nodes;
    expect(node).toMatchObject({ id: 'service-1', kind: 'service', workers: 2 });
    // The viewport is unzoomed at the origin: the box's centre is the drop point.
    expect(node.position).toEqual({ x: 400 - 92, y: 300 - 44 });
    expect(stores.ui.getState().selection.nodeIds).toEqual(['service-1']);
  });

  it('a drop of anything else is not taken', () => {
    const stores = renderWithStores(<Canvas />, emptyDocument());
    const dataTransfer = { types: ['text/plain'], getData: () => 'service', dropEffect: 'none' };
    fireEvent.dragOver(document.querySelector('.react-flow') as HTMLElement, { dataTransfer });
    expect(dataTransfer.dropEffect).toBe('none');
    fireEvent.drop(document.querySelector('.react-flow') as HTMLElement, { dataTransfer: { ...dataTransfer, getData: () => '' } });
    expect(stores.document.getState().document.nodes).toEqual([]);
  });

  it("right-click on a node or link asks for the context menu instead of the browser's", async () => {
    const stores = renderWithStores(<Canvas />, chainDocument());
    const seen: CanvasContextMenuDetail[] = [];
    const listener = (e: Event) => seen.push((e as CustomEvent<CanvasContextMenuDetail>).detail);
    window.addEventListener(CANVAS_CONTEXT_MENU_EVENT, listener);
    try {
      expect(fireEvent.contextMenu(nodeElement('api'), { clientX: 120, clientY: 80 })).toBe(false);
      expect(seen).toEqual([{ kind: 'node', id: 'api', x: 120, y: 80 }]);
      expect(stores.ui.getState().selection.nodeIds).toEqual(['api']);
      await waitFor(() => expect(document.querySelector('.react-flow__edge[data-id="api->db"]')).toBeInTheDocument());
      fireEvent.contextMenu(document.querySelector('.react-flow__edge[data-id="api->db"] path') as Element, { clientX: 5, clientY: 6 });
      expect(seen[1]).toEqual({ kind: 'link', id: 'api->db', x: 5, y: 6 });
      // The empty pane keeps the browser's menu.
      expect(fireEvent.contextMenu(document.querySelector('.react-flow__pane') as Element)).toBe(true);
      expect(seen).toHaveLength(2);
    } finally {
      window.removeEventListener(CANVAS_CONTEXT_MENU_EVENT, listener);
    }
  });
});

describe('Canvas: actions for the toolbar', () => {
  afterEach(() => vi.restoreAllMocks());

  it('registers fit view, auto-layout and the diagram element while mounted', async () => {
    const doc = chainDocument();
    // Everyone in one spot: auto-layout has something to fix.
    const stacked = { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) };
    const stores = renderWithStores(<Canvas />, stacked);
    const actions = canvasActions();
    expect(actions).toBeDefined();
    expect(actions?.diagramElement()).toHaveClass('react-flow');
    expect(actions?.viewCentre?.()).toEqual({ x: expect.any(Number), y: expect.any(Number) });
    act(() => actions?.autoLayout());
    await waitFor(() => expect(stores.document.getState().lastCommand?.type).toBe('moveNodes'));
    const at = (id: string) => stores.document.getState().document.nodes.find((n) => n.id === id)?.position?.x ?? NaN;
    expect(at('web')).toBeLessThan(at('api'));
    expect(at('api')).toBeLessThan(at('db'));
    expect(stores.document.getState().revision).toBe(1);
  });
});

describe('connection rules (what a handle may be dragged to)', () => {
  const doc = chainDocument();
  const extra: DocumentInput = {
    ...doc,
    nodes: [...doc.nodes, { id: 'mobile', kind: 'client', target: '', workload: { pattern: 'poisson', rate: 1 } }],
  };

  it('accepts a new call from a client or a service to a service', () => {
    expect(canConnect(extra, 'mobile', 'api')).toBe(true);
    expect(canConnect(extra, 'db', 'api')).toBe(true);
    expect(canConnect(extra, 'web', 'db')).toBe(false); // web already sends to api
  });

  it('refuses connections to a client, to itself, duplicates, and unknown nodes, saying why', () => {
    expect(connectionProblem(extra, 'api', 'web')).toMatch(/nothing can call it/);
    expect(connectionProblem(extra, 'api', 'api')).toMatch(/itself/);
    expect(connectionProblem(extra, 'api', 'db')).toMatch(/already connected/);
    expect(connectionProblem(extra, 'web', 'db')).toMatch(/delete web's link first/);
    expect(connectionProblem(extra, 'api', 'nowhere')).toMatch(/nodes on the canvas/);
  });

  it('makes a sync HTTP link whose connect command leaves a valid document', () => {
    const link = newLink(extra, 'mobile', 'api');
    expect(link).toEqual({ from: 'mobile', to: 'api', protocol: 'http', latency: '20ms' });
    expect(validateScenario(applyCommand(extra, { type: 'connect', link })).ok).toBe(true);
  });
});
