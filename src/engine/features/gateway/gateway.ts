/**
 * An API gateway: a service (its own workers, line, work per request, faults) that decides at the
 * door what becomes of each request, logging every one as a GATEWAY row (node = gateway, a = the
 * call, b = the route taken, or −RejectReason):
 *
 * 1. **route** by the request's path (its client's `path`, or the `path` of a service's call;
 *    else `/`): the longest
 *    matching prefix; none matches ⇒ 404 (NO_ROUTE).
 * 2. **authenticate** (with `auth`): the request's bearer token, drawn per request at its client
 *    from its `tokens` shares, must be valid; missing ⇒ 401 (UNAUTHENTICATED), expired ⇒ 401
 *    (TOKEN_EXPIRED), forged ⇒ 401 (TOKEN_INVALID). No backend sees a refused request.
 * 3. **rate limit** per client: one token bucket per caller; over it ⇒ 429 (RATE_LIMITED).
 *
 * An admitted request is worked on like any, then follows its route's plan: one call to the
 * route's service, or calls to all its `aggregate` services at once (one response when all have
 * answered), with the policies of the gateway's links to them.
 *
 * A **load balancer** node is the same machinery with one route to its service and no checks:
 * server-side load balancing, the balancer (and any discovery) on its link to the service.
 */
import type { GatewayNode, LoadBalancerNode } from '../../../model/index.ts';
import type { RandomStream } from '../../core/random.ts';
import type { ClientRuntime, PlanStep, Runtime, ServiceRuntime } from '../../kernel/runtime.ts';
import { RejectReason, TraceType } from '../../trace/eventTypes.ts';
import { refilled } from '../../core/tokenBucket.ts';
import type { GatewayRuntime } from '../../kernel/records.ts';

/** A request's bearer token, as its client drew it. */
export const Token = { VALID: 0, EXPIRED: 1, FORGED: 2, MISSING: 3 } as const;

export type { GatewayRuntime } from '../../kernel/records.ts';

export function buildGateway(node: GatewayNode, kind: 'gateway' | 'loadBalancer' = 'gateway'): GatewayRuntime {
  return {
    kind,
    prefixes: node.routes.map((r) => r.prefix),
    plans: [],
    auth: node.auth,
    rate: node.rateLimit ? node.rateLimit.rate / 1000 : 0,
    burst: node.rateLimit?.burst ?? 0,
    buckets: new Map(),
    routeOf: new Map(),
    requests: 0,
    routed: new Int32Array(node.routes.length),
    unauthenticated: 0,
    expired: 0,
    forged: 0,
    rateLimited: 0,
    noRoute: 0,
  };
}

/** A load balancer as the gateway it amounts to: every path to its service, nothing checked. */
export function asGateway(node: LoadBalancerNode): GatewayNode {
  return {
    id: node.id,
    kind: 'gateway',
    routes: [{ prefix: '/', to: node.to }],
    auth: false,
    workers: node.workers,
    queueCapacity: null,
    serviceTime: node.serviceTime,
  };
}

/** The call plan of one gateway route (steps as in a service's `calls`). */
export function routeSteps(route: GatewayNode['routes'][number]): { to: string }[] | [{ parallel: { to: string }[] }] {
  return route.to !== undefined ? [{ to: route.to }] : [{ parallel: (route.aggregate ?? []).map((to) => ({ to })) }];
}

/** The bearer token of a client's next request, drawn from its `tokens` shares (valid without any). */
export function drawToken(client: ClientRuntime): number {
  const t = client.tokens;
  if (t === undefined) return Token.VALID;
  const r = (client.tokenRng as RandomStream).next();
  if (r < t.expired) return Token.EXPIRED;
  if (r < t.expired + t.forged) return Token.FORGED;
  if (r < t.expired + t.forged + t.missing) return Token.MISSING;
  return Token.VALID;
}

/**
 * Request c reached gateway `svc` (which is up): route, authenticate and rate-limit it. Returns 0
 * if admitted (its route then holds its plan), else the RejectReason to refuse it with.
 */
export function admit(rt: Runtime, svc: ServiceRuntime, c: number): number {
  const g = svc.gateway as GatewayRuntime;
  const calls = rt.calls;
  const caller = calls.caller[c];
  g.requests++;
  // A call's own path (a service's plan step), else its client's (the same for all its requests: cached).
  const own = rt.callPath.size > 0 ? pathOfCall(rt, c) : undefined;
  let route = own === undefined ? g.routeOf.get(caller) : routeFor(g.prefixes, own);
  if (route === undefined) {
    route = routeFor(g.prefixes, rt.clients[caller]?.path ?? '/');
    g.routeOf.set(caller, route);
  }
  let reason = 0;
  if (route < 0) {
    reason = RejectReason.NO_ROUTE;
    g.noRoute++;
  } else if (g.auth) {
    const token = rt.requestTokens.get(calls.root[c]) ?? Token.VALID;
    if (token === Token.MISSING) {
      reason = RejectReason.UNAUTHENTICATED;
      g.unauthenticated++;
    } else if (token === Token.EXPIRED) {
      reason = RejectReason.TOKEN_EXPIRED;
      g.expired++;
    } else if (token === Token.FORGED) {
      reason = RejectReason.TOKEN_INVALID;
      g.forged++;
    }
  }
  if (reason === 0 && g.rate > 0 && !takeToken(g, caller, rt.now)) {
    reason = RejectReason.RATE_LIMITED;
    g.rateLimited++;
  }
  rt.trace.recordNow(TraceType.GATEWAY, svc.node, c, reason === 0 ? route : -reason);
  if (reason !== 0) return reason;
  g.routed[route]++;
  rt.gatewayRoute.set(c, route);
  return 0;
}

/** The path call c's step gave it (kept by its first attempt), if any. */
function pathOfCall(rt: Runtime, c: number): string | undefined {
  let first = c;
  while (rt.calls.previous[first] >= 0) first = rt.calls.previous[first];
  return rt.callPath.get(first);
}

/** The index of the longest prefix `path` falls under (−1: none). */
export function routeFor(prefixes: readonly string[], path: string): number {
  let best = -1;
  prefixes.forEach((prefix, i) => {
    const under = prefix === '/' || path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
    if (under && (best < 0 || prefix.length > prefixes[best].length)) best = i;
  });
  return best;
}

function takeToken(g: GatewayRuntime, caller: number, now: number): boolean {
  let b = g.buckets.get(caller);
  if (!b) {
    b = { tokens: g.burst, at: now };
    g.buckets.set(caller, b);
  }
  b.tokens = refilled(b.tokens, b.at, now, g.rate, g.burst);
  b.at = now;
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

/** The plan request c follows at `svc`: its route's at a gateway, else the service's own. */
export function planOf(rt: Runtime, svc: ServiceRuntime, c: number): readonly PlanStep[] {
  return svc.gateway === undefined ? svc.plan : svc.gateway.plans[rt.gatewayRoute.get(c) as number];
}
