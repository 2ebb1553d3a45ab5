// @vitest-environment jsdom
/**
 * The inspector on registries, gateways, load balancers, a gateway's clients and the links that
 * discover and health-check a service: every field described and validated by the schema, each
 * edit one undo step; a gateway's routes edited as a list (a prefix, one service or an aggregate,
 * added and removed); a client's path and bad tokens only where a gateway reads them; discovery
 * and health checks beside load balancing on a call to a service, refused with the model's words
 * where they cannot work.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { undo } from '../../src/store/documentStore.ts';
import type { Selection } from '../../src/store/uiStore.ts';
import { freshPrefix } from '../../src/ui/inspector/views/GatewayFields.tsx';
import { renderInspector } from './inspectorSupport.tsx';
import { discovery, gatewayExample } from './discoverySupport.ts';

type Rendered = ReturnType<typeof renderInspector>;
const node = (stores: Rendered, id: string) =>
  stores.document.getState().document.nodes.find((n) => n.id === id) as Record<string, unknown>;
const link = (stores: Rendered, id: string) =>
  (stores.document.getState().document.links ?? []).find((l) => `${l.from}->${l.to}` === id) as Record<string, unknown>;

function select(doc: DocumentInput, selection: Partial<Selection>): Rendered {
  const stores = renderInspector(doc);
  act(() => stores.ui.getState().select(selection));
  return stores;
}

describe("a registry's fields", () => {
  it('edit its heartbeat interval and TTL, validated, one undo each', async () => {
    const user = userEvent.setup();
    const stores = select(discovery, { nodeIds: ['registry'] });
    expect(screen.getByRole('heading', { name: 'registry' })).toBeInTheDocument();
    expect(screen.getByText('Registry')).toBeInTheDocument();
    const ttl = screen.getByLabelText('TTL');
    expect(ttl).toHaveValue('15s');
    expect(ttl).toHaveAccessibleDescription(expect.stringContaining('a crashed instance stays listed (stale) until then'));
    expect(screen.getByLabelText('Heartbeat interval')).toHaveAccessibleDescription(
      expect.stringContaining('How often each registered instance sends a heartbeat'),
    );
    expect(screen.getByTestId('registry-note')).toHaveTextContent('Now heartbeat 5s · TTL 15s');
    await user.clear(ttl);
    await user.type(ttl, '30s{Enter}');
    expect(node(stores, 'registry').ttl).toBe('30s');
    await user.clear(ttl);
    await user.type(ttl, '0{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('must be greater than 0');
    expect(node(stores, 'registry').ttl).toBe('30s');
    act(() => undo(stores.document));
    expect(node(stores, 'registry').ttl).toBe('15s');
  });
});

describe("a gateway's fields", () => {
  const routeItem = (n: number) => within(screen.getByTestId(`route-editor-${n}`));

  it('list its routes, each a prefix and where it goes; a prefix edit is checked against the others', async () => {
    const user = userEvent.setup();
    const stores = select(gatewayExample, { nodeIds: ['gateway'] });
    const routes = screen.getByRole('group', { name: 'Routes' });
    expect(routes).toHaveAccessibleDescription(expect.stringContaining('one that matches none is refused (404)'));
    expect(routeItem(0).getByLabelText('Route 1: Prefix')).toHaveValue('/orders');
    expect(routeItem(0).getByLabelText('Route 1: Goes to')).toHaveValue('orders');
    expect(routeItem(1).getByLabelText('Route 2: Goes to')).toHaveValue('*aggregate');
    expect(
      within(routeItem(1).getByRole('group', { name: 'Route 2 calls' }))
        .getAllByRole('checkbox', { checked: true })
        .map((c) => c.parentElement?.textContent?.trim()),
    ).toEqual(['catalog', 'prices']);
    const prefix = routeItem(0).getByLabelText('Route 1: Prefix');
    await user.clear(prefix);
    await user.type(prefix, '/catalog{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('already has the prefix /catalog');
    await user.clear(prefix);
    await user.type(prefix, '/v2/orders{Enter}');
    expect((node(stores, 'gateway').routes as { prefix: string }[])[0].prefix).toBe('/v2/orders');
    act(() => undo(stores.document));
    expect((node(stores, 'gateway').routes as { prefix: string }[])[0].prefix).toBe('/orders');
  });

  it('turns a route into an aggregate and back, chooses its services, adds and removes routes, one undo each', async () => {
    const user = userEvent.setup();
    const stores = select(gatewayExample, { nodeIds: ['gateway'] });
    const routes = () => node(stores, 'gateway').routes;
    await user.selectOptions(routeItem(0).getByLabelText('Route 1: Goes to'), 'Several at once (aggregate)');
    expect(routes()).toEqual([
      { prefix: '/orders', aggregate: ['orders'] },
      { prefix: '/catalog', aggregate: ['catalog', 'prices'] },
    ]);
    await user.click(within(routeItem(0).getByRole('group', { name: 'Route 1 calls' })).getByLabelText('prices'));
    expect(routes()).toEqual([
      { prefix: '/orders', aggregate: ['orders', 'prices'] },
      { prefix: '/catalog', aggregate: ['catalog', 'prices'] },
    ]);
    // An aggregate of nothing is refused.
    const group = within(routeItem(1).getByRole('group', { name: 'Route 2 calls' }));
    await user.click(group.getByLabelText('catalog'));
    await user.click(group.getByLabelText('prices'));
    expect(routeItem(1).getByRole('alert')).toHaveTextContent('must list at least one service');
    await user.selectOptions(routeItem(1).getByLabelText('Route 2: Goes to'), 'catalog');
    expect(routes()).toEqual([
      { prefix: '/orders', aggregate: ['orders', 'prices'] },
      { prefix: '/catalog', to: 'catalog' },
    ]);
    await user.click(screen.getByRole('button', { name: 'Add a route' }));
    expect((routes() as unknown[]).at(-1)).toEqual({ prefix: '/route-3', to: 'orders' });
    await user.click(screen.getByRole('button', { name: 'Remove route 1' }));
    expect(routes()).toEqual([
      { prefix: '/catalog', to: 'catalog' },
      { prefix: '/route-3', to: 'orders' },
    ]);
    act(() => undo(stores.document));
    expect(routes()).toHaveLength(3);
    act(() => undo(stores.document));
    expect(routes()).toHaveLength(2);
  });

  it('keeps its last route: a gateway needs one', () => {
    const single = {
      ...gatewayExample,
      nodes: gatewayExample.nodes.map((n) => (n.kind === 'gateway' ? { ...n, routes: [{ prefix: '/', to: 'orders' }] } : n)),
    };
    select(single, { nodeIds: ['gateway'] });
    expect(screen.getByRole('button', { name: 'Remove route 1' })).toBeDisabled();
  });

  it("checks tokens, limits each client's rate, and has a pool and work of its own", async () => {
    const user = userEvent.setup();
    const stores = select(gatewayExample, { nodeIds: ['gateway'] });
    const auth = screen.getByLabelText('Check tokens');
    expect(auth).toBeChecked();
    expect(auth).toHaveAccessibleDescription(expect.stringContaining('refused at the gateway (401), before any backend sees it'));
    await user.click(auth);
    expect(node(stores, 'gateway').auth).toBe(false);
    const limit = screen.getByRole('group', { name: 'Rate limit per client' });
    expect(within(limit).getByLabelText('Rate')).toHaveValue('50');
    await user.click(within(limit).getByLabelText("Limit each client's rate"));
    expect(node(stores, 'gateway')).not.toHaveProperty('rateLimit');
    await user.click(within(limit).getByLabelText("Limit each client's rate"));
    expect(node(stores, 'gateway').rateLimit).toEqual({ rate: 50, burst: 10 });
    const workers = screen.getByLabelText('Workers');
    await user.clear(workers);
    await user.type(workers, '2{Enter}');
    expect(node(stores, 'gateway').workers).toBe(2);
    expect(screen.getByRole('group', { name: 'Service time' })).toBeInTheDocument();
  });

  it('suggests a prefix no route has yet', () => {
    expect(freshPrefix([{ prefix: '/orders', to: 'orders' }], 'catalog')).toBe('/catalog');
    expect(freshPrefix([{ prefix: '/catalog', to: 'catalog' }], 'catalog')).toBe('/route-2');
    expect(freshPrefix([{ prefix: '/route-2' }, { prefix: '/x' }], undefined)).toBe('/route-3');
  });
});

describe("a gateway's client", () => {
  it('sets the path of its requests and the shares of bad tokens it sends', async () => {
    const user = userEvent.setup();
    const stores = select(gatewayExample, { nodeIds: ['web'] });
    const path = screen.getByLabelText('Path');
    expect(path).toHaveValue('/catalog');
    await user.clear(path);
    await user.type(path, 'catalog{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('must be a path starting with /');
    await user.clear(path);
    await user.type(path, '/orders/list{Enter}');
    expect(node(stores, 'web').path).toBe('/orders/list');
    const tokens = screen.getByRole('group', { name: 'Bad tokens' });
    await user.click(within(tokens).getByLabelText('Send some requests with a bad token'));
    expect(node(stores, 'web').tokens).toEqual({ expired: 0.05, forged: 0.01, missing: 0.01 });
    const expired = within(tokens).getByLabelText('Expired');
    expect(expired).toHaveValue('5');
    await user.clear(expired);
    await user.type(expired, '20{Enter}');
    expect(node(stores, 'web').tokens).toEqual({ expired: 0.2, forged: 0.01, missing: 0.01 });
    act(() => undo(stores.document));
    expect(node(stores, 'web').tokens).toEqual({ expired: 0.05, forged: 0.01, missing: 0.01 });
  });

  it('has neither where no gateway reads them', () => {
    select(discovery, { nodeIds: ['shop'] });
    expect(screen.getByLabelText('Target')).toHaveValue('catalog');
    expect(screen.queryByLabelText('Path')).toBeNull();
    expect(screen.queryByRole('group', { name: 'Bad tokens' })).toBeNull();
  });
});

describe('discovery and health checks on a call to a service', () => {
  it('turn on and edit as policy groups beside load balancing, one undo each', async () => {
    const user = userEvent.setup();
    const stores = select(discovery, { linkIds: ['shop->catalog'] });
    const found = await screen.findByRole('group', { name: 'Discovery' });
    expect(found).toHaveAccessibleDescription(expect.stringContaining("finds the service's instances in the registry"));
    const toggle = within(found).getByLabelText('Find the instances through the registry');
    expect(toggle).toBeChecked();
    const refresh = within(found).getByLabelText('Look up again every');
    expect(refresh).toHaveValue('10s');
    await user.clear(refresh);
    await user.type(refresh, '2s{Enter}');
    expect(link(stores, 'shop->catalog').discovery).toEqual({ refreshInterval: '2s' });
    const health = screen.getByRole('group', { name: 'Health checks' });
    await user.click(within(health).getByLabelText('Probe each instance'));
    expect(link(stores, 'shop->catalog').healthCheck).toEqual({
      interval: '5s',
      timeout: '1s',
      unhealthyThreshold: 3,
      healthyThreshold: 2,
    });
    const after = within(health).getByLabelText('Unhealthy after');
    await user.clear(after);
    await user.type(after, '2{Enter}');
    expect(link(stores, 'shop->catalog').healthCheck).toMatchObject({ unhealthyThreshold: 2 });
    await user.click(toggle);
    expect(link(stores, 'shop->catalog')).not.toHaveProperty('discovery');
    act(() => undo(stores.document));
    expect(link(stores, 'shop->catalog').discovery).toEqual({ refreshInterval: '2s' });
  });

  it("refuses discovery where the service registers nowhere, in the model's words", async () => {
    const user = userEvent.setup();
    const unregistered = {
      ...discovery,
      links: (discovery.links ?? []).filter((l) => l.to !== 'registry').map(({ discovery: _, ...l }) => l),
    };
    const stores = select(unregistered, { linkIds: ['shop->catalog'] });
    const found = await screen.findByRole('group', { name: 'Discovery' });
    await user.click(within(found).getByLabelText('Find the instances through the registry'));
    expect(within(found).getByRole('alert')).toHaveTextContent('"catalog" registers with no registry: link it to one');
    expect(link(stores, 'shop->catalog')).not.toHaveProperty('discovery');
  });

  it('describes a link to a registry by what it carries', () => {
    select(discovery, { linkIds: ['catalog->registry'] });
    expect(screen.getByLabelText('From')).toHaveAccessibleDescription(expect.stringContaining('register and heartbeat over this link'));
    expect(screen.queryByRole('group', { name: 'Discovery' })).toBeNull();
  });
});

describe("a load balancer's fields", () => {
  it('choose the service it spreads over among those it is linked to, and its own pool', async () => {
    const user = userEvent.setup();
    const doc: DocumentInput = {
      version: 1,
      nodes: [
        { id: 'web', kind: 'client', target: 'lb', workload: { pattern: 'poisson', rate: 10 } },
        { id: 'lb', kind: 'loadBalancer', to: 'api' },
        { id: 'api', kind: 'service', replicas: 3 },
        { id: 'api2', kind: 'service' },
      ],
      links: [
        { from: 'web', to: 'lb' },
        { from: 'lb', to: 'api' },
      ],
    };
    const stores = select(doc, { nodeIds: ['lb'] });
    expect(screen.getByText('Load balancer')).toBeInTheDocument();
    expect(screen.getByLabelText('Service')).toHaveValue('api');
    expect(
      within(screen.getByLabelText('Service'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['api']);
    const workers = screen.getByLabelText('Workers');
    await user.type(workers, '50{Enter}');
    expect(node(stores, 'lb').workers).toBe(50);
    // The client can target it.
    act(() => stores.ui.getState().select({ nodeIds: ['web'] }));
    expect(screen.getByLabelText('Target')).toHaveValue('lb');
  });
});
