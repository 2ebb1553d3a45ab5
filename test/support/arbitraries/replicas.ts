/**
 * fast-check arbitraries for scenarios with replicated services: one or two clients → an `api`
 * service of 1–5 instances (each call picked by the link's load balancing: any of the five
 * algorithms, consistent hashing with keys), sometimes behind a `front` service that calls it,
 * with or without outlier ejection, active health checks, an HTTP/1.1 connection pool or a gRPC
 * server stream, payloads on a limited bandwidth, timeouts and retries; `api` may call a `db` of 1–3 instances.
 * Faults crash, slow down or fail one instance or all of them at random times, and changes scale
 * `api` up or down. Sometimes `api` registers with a registry (lossy heartbeats, an outage) and
 * its callers discover it there. Sometimes a gateway stands in front (auth with bad tokens, a
 * per-client rate limit, one route: the second client's path matches none). Every document
 * validates with no errors.
 */
import fc from 'fast-check';
import { LOAD_BALANCING, type ScenarioInput } from '../../../src/model/index.ts';

type NodeInput = ScenarioInput['nodes'][number];
type LinkInput = NonNullable<ScenarioInput['links']>[number];
type FaultInput = NonNullable<ScenarioInput['faults']>[number];

const balancingArb = fc.record({
  algorithm: fc.constantFrom(...LOAD_BALANCING),
  keys: fc.integer({ min: 1, max: 50 }),
  healthCheck: fc.option(
    fc.record({
      interval: fc.integer({ min: 50, max: 2000 }),
      timeout: fc.integer({ min: 10, max: 500 }),
      unhealthyThreshold: fc.integer({ min: 1, max: 4 }),
      healthyThreshold: fc.integer({ min: 1, max: 4 }),
    }),
    { nil: undefined },
  ),
  ejection: fc.option(
    fc.record({
      consecutiveFailures: fc.integer({ min: 1, max: 5 }),
      ejectionTime: fc.integer({ min: 50, max: 3000 }),
      maxEjectedPercent: fc.integer({ min: 0, max: 100 }),
    }),
    { nil: undefined },
  ),
  timeout: fc.option(fc.integer({ min: 20, max: 1000 }), { nil: undefined }),
  retry: fc.option(fc.integer({ min: 2, max: 3 }), { nil: undefined }),
  loss: fc.oneof(fc.constant(0), fc.constant(0), fc.double({ min: 0, max: 0.05, noNaN: true })),
  connections: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  stream: fc.option(fc.record({ messages: fc.integer({ min: 1, max: 5 }), interval: fc.integer({ min: 1, max: 300 }) }), {
    nil: undefined,
  }),
  payload: fc.option(
    fc.record({
      request: fc.integer({ min: 0, max: 20_000 }),
      response: fc.integer({ min: 0, max: 200_000 }),
      bandwidth: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
    }),
    { nil: undefined },
  ),
});

type Balancing = typeof balancingArb extends fc.Arbitrary<infer T> ? T : never;

/** Link settings from a balancing blueprint. */
function balancedLink(from: string, to: string, b: Balancing): LinkInput {
  return {
    from,
    to,
    loss: b.loss,
    loadBalancing: b.algorithm,
    ...(b.algorithm === 'consistentHash' && { keys: b.keys }),
    ...(b.ejection && { outlierEjection: b.ejection }),
    ...(b.healthCheck && { healthCheck: b.healthCheck }),
    // A gRPC server stream (no connection pool then: that is HTTP/1.1's).
    ...(b.stream ? { protocol: 'grpc' as const, stream: b.stream } : b.connections !== undefined && { connections: b.connections }),
    ...(b.payload && {
      payload: { request: b.payload.request, response: b.payload.response },
      ...(b.payload.bandwidth !== undefined && { bandwidth: b.payload.bandwidth }),
    }),
    ...(b.timeout !== undefined && { timeout: b.timeout }),
    ...(b.retry !== undefined && { retry: { maxAttempts: b.retry, backoff: 'none' } }),
  };
}

export const replicaScenarioArbitrary: fc.Arbitrary<ScenarioInput> = fc
  .record({
    seed: fc.integer({ min: 0, max: 1000 }),
    duration: fc.integer({ min: 1000, max: 6000 }),
    clients: fc.array(fc.record({ rate: fc.integer({ min: 5, max: 200 }), balancing: balancingArb }), { minLength: 1, maxLength: 2 }),
    front: fc.option(balancingArb, { nil: undefined }),
    api: fc.record({
      replicas: fc.integer({ min: 1, max: 5 }),
      workers: fc.integer({ min: 1, max: 4 }),
      mean: fc.integer({ min: 1, max: 60 }),
      errorRate: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.2, noNaN: true })),
    }),
    gateway: fc.option(
      fc.record({
        auth: fc.boolean(),
        rate: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
        bad: fc.double({ min: 0, max: 0.3, noNaN: true }),
        workers: fc.integer({ min: 1, max: 16 }),
      }),
      { nil: undefined },
    ),
    registry: fc.option(
      fc.record({
        heartbeatInterval: fc.integer({ min: 100, max: 2000 }),
        ttl: fc.integer({ min: 200, max: 5000 }),
        refresh: fc.integer({ min: 100, max: 3000 }),
        loss: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.3, noNaN: true })),
        outage: fc.option(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 100, max: 3000 }) }), {
          nil: undefined,
        }),
      }),
      { nil: undefined },
    ),
    scale: fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), replicas: fc.integer({ min: 1, max: 5 }) }), {
      maxLength: 2,
    }),
    db: fc.option(fc.record({ replicas: fc.integer({ min: 1, max: 3 }), balancing: balancingArb }), { nil: undefined }),
    faults: fc.array(
      fc.record({
        kind: fc.constantFrom('crash' as const, 'slow' as const, 'errors' as const),
        target: fc.constantFrom('api', 'db'),
        instance: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        length: fc.option(fc.integer({ min: 10, max: 3000 }), { nil: undefined }),
      }),
      { maxLength: 4 },
    ),
  })
  .map((b): ScenarioInput => {
    const behind = b.front ? 'front' : 'api';
    const gw = b.gateway;
    const entry = gw ? 'gateway' : behind;
    const nodes: NodeInput[] = [
      ...b.clients.map((c, i): NodeInput => ({
        id: `web${i}`,
        kind: 'client',
        target: entry,
        workload: { pattern: 'poisson', rate: c.rate },
        timeout: 2000,
        ...(gw && { path: i === 0 ? '/shop' : '/elsewhere', tokens: { expired: gw.bad / 3, forged: gw.bad / 3, missing: gw.bad / 3 } }),
      })),
      ...(gw
        ? [
            {
              id: 'gateway',
              kind: 'gateway',
              auth: gw.auth,
              workers: gw.workers,
              routes: [{ prefix: '/shop', to: behind }],
              ...(gw.rate !== undefined && { rateLimit: { rate: gw.rate, burst: 5 } }),
            } as NodeInput,
          ]
        : []),
      ...(b.front ? [{ id: 'front', kind: 'service', workers: 8, serviceTime: 1, calls: [{ to: 'api' }] } as NodeInput] : []),
      {
        id: 'api',
        kind: 'service',
        replicas: b.api.replicas,
        workers: b.api.workers,
        serviceTime: { dist: 'exponential', mean: b.api.mean },
        errorRate: b.api.errorRate,
        ...(b.db && { calls: [{ to: 'db' }] }),
      },
      ...(b.db
        ? [{ id: 'db', kind: 'service', replicas: b.db.replicas, workers: 2, serviceTime: { dist: 'exponential', mean: 5 } } as NodeInput]
        : []),
      ...(b.registry
        ? [{ id: 'registry', kind: 'registry', heartbeatInterval: b.registry.heartbeatInterval, ttl: b.registry.ttl } as NodeInput]
        : []),
    ];
    const reg = b.registry;
    // With a registry, api registers and whoever calls it discovers it (over a link of its own to the registry).
    const discover = (l: LinkInput): LinkInput => (reg && l.to === 'api' ? { ...l, discovery: { refreshInterval: reg.refresh } } : l);
    const apiCallers = b.front ? ['front'] : gw ? ['gateway'] : b.clients.map((_, i) => `web${i}`);
    const links: LinkInput[] = [
      ...b.clients.map((c, i) =>
        gw ? { from: `web${i}`, to: 'gateway' } : b.front ? { from: `web${i}`, to: 'front' } : balancedLink(`web${i}`, 'api', c.balancing),
      ),
      ...(gw ? [b.front ? { from: 'gateway', to: 'front' } : balancedLink('gateway', 'api', b.clients[0].balancing)] : []),
      ...(b.front ? [balancedLink('front', 'api', b.front)] : []),
      ...(b.db ? [balancedLink('api', 'db', b.db.balancing)] : []),
    ].map(discover);
    if (reg)
      links.push(
        { from: 'api', to: 'registry', loss: reg.loss },
        ...apiCallers.map((from): LinkInput => ({ from, to: 'registry', timeout: 500 })),
      );
    const changes = b.scale
      .map((k) => ({ kind: 'service' as const, target: 'api', at: Math.floor(k.at * b.duration), set: { replicas: k.replicas } }))
      .sort((x, y) => x.at - y.at);
    const replicas = (id: string) =>
      id === 'api' ? Math.max(b.api.replicas, ...changes.map((c) => c.set.replicas)) : (b.db?.replicas ?? 0);
    const faults: FaultInput[] = b.faults
      .filter((f) => replicas(f.target) > 0 && (f.instance === undefined || f.instance <= replicas(f.target)))
      .map((f): FaultInput => {
        const window = {
          target: f.target,
          at: Math.floor(f.at * b.duration),
          ...(f.length !== undefined && { duration: f.length }),
          ...(f.instance !== undefined && { instance: f.instance }),
        };
        return f.kind === 'crash'
          ? { kind: 'crash', ...window }
          : f.kind === 'slow'
            ? { kind: 'slow', ...window, factor: 5 }
            : { kind: 'errors', ...window, rate: 0.8 };
      });
    if (reg?.outage)
      faults.push({ kind: 'crash', target: 'registry', at: Math.floor(reg.outage.at * b.duration), duration: reg.outage.length });
    return { version: 1, seed: b.seed, duration: b.duration, nodes, links, faults, changes };
  });
