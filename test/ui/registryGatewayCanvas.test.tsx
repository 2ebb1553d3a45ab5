// @vitest-environment jsdom
/**
 * Registries and gateways as nodes of the playground: created from the palette with what the
 * schema accepts once connected; connected by the model's rules (a service registers with a
 * registry without a call step, a caller looks services up there besides its target, a gateway
 * routes to the services it is connected to and forgets those it is cut from); drawn on the
 * canvas with their summaries (a gateway's routes listed); and broken from the fault menu (a
 * registry only crashes, a gateway fails like a service).
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { GatewayNodeSchema, RegistryNodeSchema, validateScenario } from '../../src/model/index.ts';
import { applyCommand, emptyDocument, type DocumentInput } from '../../src/store/document/commands.ts';
import { Canvas } from '../../src/ui/canvas/Canvas.tsx';
import { connectionProblem, newLink } from '../../src/ui/canvas/connection.ts';
import { actionsFor, buildFault, resolveTarget } from '../../src/ui/faults/faultActions.ts';
import { nodeKindSpec } from '../../src/ui/kinds/registry.ts';
import { gatewaySummary, registrySummary } from '../../src/ui/kinds/summaries.ts';
import { renderWithStores, stubLayout } from './canvasHarness.tsx';
import { discovery, gatewayExample } from './discoverySupport.ts';

const spec = (kind: string) => nodeKindSpec(kind)!;

/** A document of nodes created from the palette, connected in order as the canvas would. */
function built(nodes: readonly [string, string][], links: readonly [string, string][]): DocumentInput {
  let doc = emptyDocument();
  nodes.forEach(([kind, id], i) => {
    doc = applyCommand(doc, { type: 'addNode', node: spec(kind).create(id, { x: i * 250, y: 0 }) });
  });
  for (const [from, to] of links) {
    expect(connectionProblem(doc, from, to)).toBeUndefined();
    doc = applyCommand(doc, { type: 'connect', link: newLink(doc, from, to) });
  }
  return doc;
}

const problems = (doc: DocumentInput) => {
  const r = validateScenario(doc);
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('registries and gateways from the palette', () => {
  it("creates a registry with the schema's defaults, and a gateway with one catch-all route to connect", () => {
    const registry = spec('registry').create('registry-1', { x: 1, y: 2 });
    expect(registry).toEqual({ id: 'registry-1', kind: 'registry', position: { x: 1, y: 2 } });
    expect(RegistryNodeSchema.parse(registry)).toMatchObject({ heartbeatInterval: 5000, ttl: 15_000 });
    const gateway = spec('gateway').create('gateway-1', { x: 0, y: 0 });
    expect(gateway).toMatchObject({ kind: 'gateway', routes: [{ prefix: '/', to: '' }] });
    // Its route has nowhere to go until the gateway is connected to a service (as a new client has no target).
    expect(GatewayNodeSchema.safeParse(gateway).success).toBe(false);
    expect(GatewayNodeSchema.parse({ ...gateway, routes: [{ prefix: '/', to: 'api' }] })).toMatchObject({ auth: false, workers: 64 });
  });

  it('registers a service and lets a caller look it up, with no call step and no new target', () => {
    const doc = built(
      [
        ['client', 'shop'],
        ['service', 'catalog'],
        ['registry', 'registry'],
      ],
      [
        ['shop', 'catalog'],
        ['catalog', 'registry'],
        ['shop', 'registry'],
      ],
    );
    expect(doc.nodes.find((n) => n.id === 'shop')).toMatchObject({ target: 'catalog' });
    expect(doc.nodes.find((n) => n.id === 'catalog')).not.toHaveProperty('calls');
    expect(doc.links?.map((l) => l.kind ?? 'sync')).toEqual(['sync', 'sync', 'sync']);
    expect(problems(doc)).toEqual([]);
    // With discovery on the call to catalog, the document still holds.
    const discovering = applyCommand(doc, { type: 'updateLink', id: 'shop->catalog', patch: { discovery: { refreshInterval: '10s' } } });
    expect(problems(discovering)).toEqual([]);
  });

  it('refuses what the model refuses: a link from a registry, a queue using one, a gateway forwarding to a queue', () => {
    const doc = built(
      [
        ['service', 'api'],
        ['registry', 'registry'],
        ['queue', 'jobs'],
        ['gateway', 'gateway'],
      ],
      [],
    );
    expect(connectionProblem(doc, 'registry', 'api')).toBe('a registry only answers: link services and callers to it, not from it');
    expect(connectionProblem(doc, 'jobs', 'registry')).toBe(
      'a registry is used by services (to register) and callers (to look up), not by a queue',
    );
    expect(connectionProblem(doc, 'gateway', 'jobs')).toBe('a gateway forwards to services, not to a queue');
    expect(connectionProblem(doc, 'jobs', 'gateway')).toBe('a gateway takes requests from clients and services, not from a queue');
    // The same words as the model's, once such a link is in the document.
    const linked = { ...doc, links: [{ from: 'jobs', to: 'gateway', kind: 'async' as const }] };
    expect(problems(linked)).toContain('links[0].from: a gateway takes requests from clients and services, not from a queue');
  });

  it('routes a gateway to each service it is connected to, and drops a route when its link goes', () => {
    let doc = built(
      [
        ['client', 'web'],
        ['gateway', 'gateway'],
        ['service', 'orders'],
        ['service', 'catalog'],
      ],
      [
        ['web', 'gateway'],
        ['gateway', 'orders'],
        ['gateway', 'catalog'],
      ],
    );
    const routes = () => doc.nodes.find((n) => n.id === 'gateway') as Extract<DocumentInput['nodes'][number], { kind: 'gateway' }>;
    // The catch-all route goes to the first service; the second gets a route of its own.
    expect(routes().routes).toEqual([
      { prefix: '/', to: 'orders' },
      { prefix: '/catalog', to: 'catalog' },
    ]);
    expect(doc.nodes.find((n) => n.id === 'web')).toMatchObject({ target: 'gateway' });
    expect(problems(doc)).toEqual([]);
    doc = applyCommand(doc, { type: 'remove', nodeIds: [], linkIds: ['gateway->catalog'] });
    expect(routes().routes).toEqual([{ prefix: '/', to: 'orders' }]);
    // The last route keeps its prefix with nowhere to go: a gateway must have one; the Problems list says so.
    doc = applyCommand(doc, { type: 'remove', nodeIds: ['orders'], linkIds: [] });
    expect(routes().routes).toEqual([{ prefix: '/', to: '' }]);
    expect(problems(doc).some((p) => p.startsWith('nodes[1].routes[0].to'))).toBe(true);
  });

  it('takes a service out of an aggregate when its link goes, keeping the others', () => {
    const doc = applyCommand(gatewayExample, { type: 'remove', nodeIds: ['prices'], linkIds: [] });
    expect(doc.nodes.find((n) => n.id === 'gateway')).toMatchObject({
      routes: [
        { prefix: '/orders', to: 'orders' },
        { prefix: '/catalog', aggregate: ['catalog'] },
      ],
    });
    expect(problems(doc)).toEqual([]);
  });
});

describe('their summaries', () => {
  it('sum a registry up as its heartbeat and TTL, and a gateway as its routes, token check and per-client limit', () => {
    expect(registrySummary({ id: 'r', kind: 'registry' })).toBe('heartbeat 5s · TTL 15s');
    expect(registrySummary({ id: 'r', kind: 'registry', heartbeatInterval: '2s', ttl: 6000 })).toBe('heartbeat 2s · TTL 6s');
    expect(gatewaySummary({ id: 'g', kind: 'gateway', routes: [{ prefix: '/', to: 'a' }] })).toBe('1 route');
    expect(gatewaySummary(gatewayExample.nodes.find((n) => n.kind === 'gateway') as Parameters<typeof gatewaySummary>[0])).toBe(
      '2 routes · auth · 50/s per client',
    );
  });
});

describe('registries and gateways on the canvas', () => {
  beforeAll(() => stubLayout());
  const nodeElement = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"]`) as HTMLElement;

  it("draws a registry and a gateway with their kinds, summaries and handles, and lists the gateway's routes", async () => {
    const placed: DocumentInput = {
      ...gatewayExample,
      nodes: [...gatewayExample.nodes, { id: 'registry', kind: 'registry', position: { x: 260, y: 400 } }],
    };
    const stores = renderWithStores(<Canvas />, placed);
    expect(nodeElement('registry')).toHaveAttribute('aria-label', 'Registry registry');
    expect(nodeElement('registry').querySelector('.canvas-node')).toHaveClass('canvas-node--registry');
    expect(within(nodeElement('registry')).getByText('heartbeat 5s · TTL 15s')).toBeInTheDocument();
    // A registry only answers: a handle to connect into it, none out of it.
    expect(nodeElement('registry').querySelectorAll('.react-flow__handle-left')).toHaveLength(1);
    expect(nodeElement('registry').querySelectorAll('.react-flow__handle-right')).toHaveLength(0);
    expect(nodeElement('gateway')).toHaveAttribute('aria-label', 'Gateway gateway');
    // (React Flow keeps a box hidden until it is measured, out of the accessibility tree: found by its label.)
    const routes = nodeElement('gateway').querySelector('ul[aria-label="Routes of gateway"]') as HTMLElement;
    expect(
      within(routes)
        .getAllByTestId(/^route-/)
        .map((li) => li.textContent),
    ).toEqual(['/orders →  to orders', '/catalog →  to catalog + prices']);
    await waitFor(() => expect(document.querySelectorAll('.react-flow__edge')).toHaveLength(6));
    act(() => stores.document.getState().dispatch({ type: 'updateNode', id: 'gateway', patch: { auth: false, rateLimit: undefined } }));
    expect(within(nodeElement('gateway')).getByText('2 routes')).toBeInTheDocument();
  });

  it("names a registry's and a gateway's kinds in the palette", async () => {
    const { Palette } = await import('../../src/ui/palette/Palette.tsx');
    renderWithStores(<Palette />, discovery);
    expect(screen.getByRole('button', { name: 'Registry' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Gateway' })).toBeInTheDocument();
  });
});

describe('breaking a registry or a gateway', () => {
  it('offers a registry only a crash, an outage', () => {
    const target = resolveTarget(discovery, { kind: 'node', id: 'registry' })!;
    expect(target).toEqual({ kind: 'registry', id: 'registry', name: 'registry' });
    expect(actionsFor(target).map((a) => a.hint)).toEqual(['registry down for N s']);
    const fault = buildFault('crash', target, { seconds: 10 }, 5000);
    expect(fault).toEqual({ kind: 'crash', target: 'registry', at: 5000, duration: 10_000 });
    expect(problems({ ...discovery, faults: [fault] })).toEqual([]);
  });

  it('breaks a gateway as a service: a crash, a slow-down, an error rate', () => {
    const target = resolveTarget(gatewayExample, { kind: 'node', id: 'gateway' })!;
    expect(actionsFor(target).map((a) => a.id)).toEqual(['crash', 'slow', 'errors']);
    const fault = buildFault('slow', target, { factor: 3, seconds: 2 }, 1000);
    expect(fault).toEqual({ kind: 'slow', target: 'gateway', at: 1000, duration: 2000, factor: 3 });
    expect(problems({ ...gatewayExample, faults: [fault] })).toEqual([]);
  });
});
