/**
 * An API gateway (features/gateway/gateway.ts): routes by the longest matching path prefix (404 for
 * none); refuses a missing, expired or forged token (401) before any backend sees it; limits each
 * client's rate on its own token bucket (429; the accepted rate within 2 % of the bucket's);
 * logs every request; aggregates several backends into one response; applies its links'
 * policies to its routes; and, with a pool of its own, can be the bottleneck.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../src/engine/index.ts';
import { routeFor } from '../../src/engine/features/gateway/gateway.ts';
import { RejectReason, TraceType } from '../../src/engine/trace/eventTypes.ts';
import { validateScenario, type ScenarioInput } from '../../src/model/index.ts';
import { example, scenario, runToEnd } from '../support/scenarios.ts';

type NodeInput = ScenarioInput['nodes'][number];
type LinkInput = NonNullable<ScenarioInput['links']>[number];

/** Clients → gateway (routes /orders → orders, /catalog → catalog + prices aggregated) → backends of 10 ms. */
function system(o: {
  clients: (Partial<Extract<NodeInput, { kind: 'client' }>> & { id: string })[];
  gateway?: Record<string, unknown>;
  links?: Partial<Record<string, Partial<LinkInput>>>;
  backends?: Record<string, Record<string, unknown>>;
  duration?: string;
}) {
  const backends = ['orders', 'catalog', 'prices'];
  return scenario({
    nodes: [
      ...o.clients.map(
        (c): NodeInput => ({ kind: 'client', target: 'gateway', workload: { pattern: 'poisson', rate: 50 }, ...c }) as NodeInput,
      ),
      {
        id: 'gateway',
        kind: 'gateway',
        routes: [
          { prefix: '/orders', to: 'orders' },
          { prefix: '/catalog', aggregate: ['catalog', 'prices'] },
        ],
        ...o.gateway,
      } as NodeInput,
      ...backends.map(
        (id): NodeInput =>
          ({ id, kind: 'service', workers: 8, serviceTime: { dist: 'exponential', mean: 10 }, ...o.backends?.[id] }) as NodeInput,
      ),
    ],
    links: [
      ...o.clients.map((c): LinkInput => ({ from: c.id, to: 'gateway', latency: 1 })),
      ...backends.map((to): LinkInput => ({ from: 'gateway', to, latency: 1, ...o.links?.[to] })),
    ],
    duration: o.duration ?? '20s',
  });
}

const run = runToEnd;

/** REJECT rows at the gateway, counted by reason. */
function refusals(sim: Simulation): Record<number, number> {
  const trace = sim.rt.trace,
    gateway = sim.nodeIndexOf('gateway'),
    out: Record<number, number> = {};
  for (let i = 0; i < trace.length; i++)
    if (trace.type(i) === TraceType.REJECT && trace.node(i) === gateway) out[trace.b(i)] = (out[trace.b(i)] ?? 0) + 1;
  return out;
}

describe('an API gateway', () => {
  it('routes by the longest prefix that the path equals or continues with a /', () => {
    const prefixes = ['/orders', '/orders/admin', '/'];
    expect(routeFor(prefixes, '/orders')).toBe(0);
    expect(routeFor(prefixes, '/orders/42')).toBe(0);
    expect(routeFor(prefixes, '/orders/admin/7')).toBe(1);
    expect(routeFor(prefixes, '/ordersX')).toBe(2);
    expect(routeFor(['/orders'], '/ordersX')).toBe(-1);
  });

  it('sends each path to its route, and refuses one that matches none with 404, logging every request', () => {
    const { sim, report } = run(
      system({
        clients: [
          { id: 'shop', path: '/orders/42' },
          { id: 'browse', path: '/catalog' },
          { id: 'lost', path: '/nothing' },
        ],
      }),
    );
    const g = report.nodes.gateway;
    expect(g.kind).toBe('gateway');
    expect(report.nodes.orders.arrivals).toBe(g.gateway!.routed['/orders']);
    expect(report.nodes.catalog.arrivals).toBe(g.gateway!.routed['/catalog']);
    expect(report.nodes.prices.arrivals).toBe(g.gateway!.routed['/catalog']);
    expect(g.gateway!.noRoute).toBe(report.clients.lost.sent);
    expect(refusals(sim)).toEqual({ [RejectReason.NO_ROUTE]: report.clients.lost.sent });
    let logged = 0;
    for (let i = 0; i < sim.rt.trace.length; i++) if (sim.rt.trace.type(i) === TraceType.GATEWAY) logged++;
    expect(logged).toBe(g.arrivals);
    expect(g.gateway!.requests).toBe(g.arrivals);
  });

  it('refuses missing, expired and forged tokens with 401 at the door, in the shares the client sends them', () => {
    const { sim, report } = run(
      system({
        gateway: { auth: true },
        clients: [
          {
            id: 'app',
            path: '/orders',
            workload: { pattern: 'poisson', rate: 200 },
            tokens: { expired: 0.1, forged: 0.05, missing: 0.15 },
          },
        ],
        duration: '50s',
      }),
    );
    const sent = report.clients.app.sent;
    const r = refusals(sim);
    // 10,000 requests: each share within 1.5 points.
    expect(Math.abs(r[RejectReason.TOKEN_EXPIRED] / sent - 0.1)).toBeLessThan(0.015);
    expect(Math.abs(r[RejectReason.TOKEN_INVALID] / sent - 0.05)).toBeLessThan(0.015);
    expect(Math.abs(r[RejectReason.UNAUTHENTICATED] / sent - 0.15)).toBeLessThan(0.015);
    // No backend saw a refused request: orders got exactly the ones let through.
    const refused = r[RejectReason.TOKEN_EXPIRED] + r[RejectReason.TOKEN_INVALID] + r[RejectReason.UNAUTHENTICATED];
    expect(report.nodes.orders.arrivals).toBe(report.nodes.gateway.gateway!.routed['/orders']);
    expect(report.nodes.gateway.gateway!.routed['/orders']).toBe(report.nodes.gateway.arrivals - refused);
    // Without auth, the same tokens go through.
    const open = run(system({ clients: [{ id: 'app', path: '/orders', tokens: { expired: 0.1, forged: 0.05, missing: 0.15 } }] }));
    expect(open.report.clients.app.rejected).toBe(0);
  });

  it("limits each client to its own bucket: the accepted rate is within 2 % of the bucket's, the quiet client untouched", () => {
    const { report } = run(
      system({
        gateway: { rateLimit: { rate: 50, burst: 10 } },
        clients: [
          { id: 'greedy', path: '/orders', workload: { pattern: 'poisson', rate: 200 } },
          { id: 'quiet', path: '/orders', workload: { pattern: 'poisson', rate: 20 } },
        ],
        duration: '100s',
      }),
    );
    const accepted = report.clients.greedy.completed + report.clients.greedy.inFlight;
    expect(Math.abs(accepted / 100 - 50) / 50).toBeLessThan(0.02);
    expect(report.nodes.gateway.gateway!.rateLimited).toBe(report.clients.greedy.rejected);
    expect(report.clients.quiet.rejected).toBe(0);
  });

  it('aggregates: one response when every backend has answered, failing if one fails', () => {
    const { report } = run(
      system({ clients: [{ id: 'browse', path: '/catalog' }], backends: { prices: { serviceTime: { dist: 'constant', value: 50 } } } }),
    );
    // Never faster than the slowest backend (50 ms of work + two hops).
    expect(report.clients.browse.latency.min).toBeGreaterThan(54);
    const failing = run(system({ clients: [{ id: 'browse', path: '/catalog' }], backends: { prices: { errorRate: 0.5 } } }));
    expect(failing.report.clients.browse.failed / failing.report.clients.browse.sent).toBeCloseTo(0.5, 1);
  });

  it("applies its links' policies to its routes: a retry rescues a flaky backend", () => {
    const flaky = { backends: { orders: { errorRate: 0.3 } } };
    const bare = run(system({ clients: [{ id: 'shop', path: '/orders' }], ...flaky }));
    const retried = run(
      system({ clients: [{ id: 'shop', path: '/orders' }], ...flaky, links: { orders: { retry: { maxAttempts: 3, backoff: 'none' } } } }),
    );
    expect(bare.report.clients.shop.failed / bare.report.clients.shop.sent).toBeCloseTo(0.3, 1);
    expect(retried.report.clients.shop.failed / retried.report.clients.shop.sent).toBeLessThan(0.05);
    expect(retried.report.links['gateway->orders'].retries).toBeGreaterThan(200);
  });

  it('can be the bottleneck: a small pool and slow work of its own', () => {
    const { report } = run(
      system({
        gateway: { workers: 2, serviceTime: { dist: 'constant', value: 10 }, queueCapacity: 20 },
        clients: [{ id: 'shop', path: '/orders', workload: { pattern: 'poisson', rate: 300 } }],
      }),
    );
    // 2 workers × 10 ms (plus the backend's round trip) serve fewer than 200 a second: the rest wait, then are refused.
    expect(report.nodes.gateway.utilization).toBeGreaterThan(0.95);
    expect(report.clients.shop.rejected).toBeGreaterThan(0.3 * report.clients.shop.sent);
  });
});

describe('a gateway in a document', () => {
  const problems = (doc: unknown) => {
    const r = validateScenario(doc);
    return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
  };
  const base: ScenarioInput = {
    version: 1,
    nodes: [
      { id: 'web', kind: 'client', target: 'gw', path: '/a', workload: { pattern: 'constant', rate: 1 } },
      { id: 'gw', kind: 'gateway', routes: [{ prefix: '/a', to: 'a' }] },
      { id: 'a', kind: 'service' },
    ],
    links: [
      { from: 'web', to: 'gw' },
      { from: 'gw', to: 'a' },
    ],
  };
  const withRoutes = (routes: unknown) => ({ ...base, nodes: [base.nodes[0], { ...base.nodes[1], routes }, base.nodes[2]] });

  it('wants each route to go to one linked service, or to aggregate several, with distinct prefixes', () => {
    expect(problems(base)).toEqual([]);
    expect(
      problems(
        withRoutes([
          { prefix: '/a', to: 'a' },
          { prefix: '/a', to: 'a' },
        ]),
      ),
    ).toEqual(['nodes[1].routes[1].prefix: routes[0] already has the prefix /a']);
    expect(problems(withRoutes([{ prefix: '/a' }]))).toEqual([
      'nodes[1].routes[0]: give the route either to (one service) or aggregate (several), not both or neither',
    ]);
    expect(problems(withRoutes([{ prefix: '/a', aggregate: ['a', 'b'] }]))).toEqual([
      'nodes[1].routes[0].aggregate[1]: no node has the id "b"',
    ]);
    expect(problems(withRoutes([{ prefix: '/a', to: 'web' }]))).toEqual([
      'nodes[1].routes[0].to: "web" is a client; a gateway routes to services',
    ]);
    expect(problems({ ...base, links: [base.links![0]] })).toEqual([
      'nodes[1].routes[0].to: there is no link from "gw" to "a"; connect them first',
    ]);
    expect(problems(withRoutes([{ prefix: 'a', to: 'a' }]))).toEqual([
      'nodes[1].routes[0].prefix: must be a path starting with / (letters, digits, - _ . /)',
    ]);
  });

  it("keeps a client's path and tokens to one that sends to a gateway", () => {
    const direct = {
      ...base,
      nodes: [{ ...base.nodes[0], target: 'a', tokens: { missing: 0.1 } }, base.nodes[1], base.nodes[2]],
      links: [...base.links!, { from: 'web', to: 'a' }],
    };
    expect(problems(direct)).toEqual([
      'nodes[0].path: path is for a gateway to read; "a" is a service',
      'nodes[0].tokens: tokens is for a gateway to read; "a" is a service',
    ]);
  });
});

describe('the shipped gateway example', () => {
  it('does what its description says: bad tokens refused with 401, the scraper held to its rate with 429, the others untouched', () => {
    const { report } = runToEnd(example('gateway'));
    const g = report.nodes.gateway.gateway!;
    expect(g.unauthenticated + g.expired + g.forged).toBe(report.clients.mobile.rejected);
    expect(report.clients.mobile.rejected / report.clients.mobile.sent).toBeCloseTo(0.1, 1);
    expect(g.rateLimited).toBe(report.clients.scraper.rejected);
    // 50 a second (and a burst of 10) of the scraper's 200 get through.
    expect((report.clients.scraper.completed + report.clients.scraper.inFlight) / 30).toBeCloseTo(50.3, 0);
    expect(report.clients.web.rejected).toBe(0);
    // The retry on the route to Orders answers what Orders fails now and then.
    expect(report.clients.mobile.failed).toBe(0);
    expect(report.links['gateway->orders'].retries).toBeGreaterThan(40);
    expect(report.nodes.prices.arrivals).toBe(g.routed['/catalog']);
  });
});

describe('the shipped graphql-vs-rest example', () => {
  it('shows one aggregated query beating three REST round trips on a mobile network by about two round trips', () => {
    const { report } = runToEnd(example('graphql-vs-rest'));
    const rest = report.clients['rest-users'].latency,
      graphql = report.clients['graphql-users'].latency;
    // Each REST round trip costs 120 ms of network plus 32 ms for 20 kB on 5 Mbit/s; the query pays one, for 8 kB.
    expect(rest.mean - graphql.mean).toBeGreaterThan(2 * 120 + 50);
    expect(graphql.mean).toBeLessThan(rest.mean / 2.5);
    // The paths of the REST app's calls chose their routes; the query fanned out to all three.
    const g = report.nodes.gateway.gateway!;
    // (Each page asks /user, then /orders: the run may end between the two.)
    expect(g.routed['/user'] - g.routed['/orders']).toBeGreaterThanOrEqual(0);
    expect(g.routed['/user'] - g.routed['/orders']).toBeLessThanOrEqual(10);
    expect(g.routed['/recommendations']).toBeGreaterThan(600);
    expect(g.routed['/graphql']).toBeGreaterThan(500);
    expect(report.nodes.recommendations.arrivals).toBe(g.routed['/recommendations'] + g.routed['/graphql']);
  });

  it("keeps a call's path to calls that go to a gateway", () => {
    const problems = (doc: unknown) => {
      const r = validateScenario(doc);
      return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
    };
    const doc = {
      version: 1,
      nodes: [
        { id: 'web', kind: 'client', target: 'a', workload: { pattern: 'constant', rate: 1 } },
        { id: 'a', kind: 'service', calls: [{ to: 'b', path: '/x' }] },
        { id: 'b', kind: 'service' },
      ],
      links: [
        { from: 'web', to: 'a' },
        { from: 'a', to: 'b' },
      ],
    };
    expect(problems(doc)).toEqual(['nodes[1].calls[0].path: path is for a gateway to route by; "b" is a service']);
  });
});
