/**
 * The reference checks of API gateways and load balancers: a load balancer's service is linked
 * from it; each gateway route has one destination (a service, or several to
 * aggregate) the gateway is linked to, prefixes are distinct, and a client's path and tokens are
 * set only when it sends to a gateway (nothing else reads them).
 */

/** What these checks read of a document (of a valid one, or a best-effort reading of an invalid one). */
export interface GatewayView {
  readonly nodes: readonly {
    readonly id: string;
    readonly kind: string;
    readonly routes?: readonly { readonly prefix?: unknown; readonly to?: unknown; readonly aggregate?: unknown }[];
    readonly to?: unknown;
    readonly target?: string;
    readonly path?: unknown;
    readonly tokens?: unknown;
  }[];
  readonly links: readonly { readonly from: string; readonly to: string }[];
}

type Report = (path: PropertyKey[], message: string) => void;

/**
 * Reports every gateway and load-balancer problem of `view` through `error`; returns, per such
 * node, the services it calls (for the cycle check). `linked` says whether a link joins two
 * nodes (the caller's index of the links, so a huge file's links are indexed once).
 */
export function checkGateways(view: GatewayView, error: Report, linked: (from: string, to: string) => boolean): Map<string, string[]> {
  const kindOf = new Map(view.nodes.map((n) => [n.id, n.kind]));
  const calls = new Map<string, string[]>();
  view.nodes.forEach((node, i) => {
    if (node.kind === 'client' && node.target !== undefined && kindOf.has(node.target) && kindOf.get(node.target) !== 'gateway') {
      for (const field of ['path', 'tokens'] as const) {
        if (node[field] !== undefined)
          error(['nodes', i, field], `${field} is for a gateway to read; "${node.target}" is a ${kindOf.get(node.target)}`);
      }
    }
    if (node.kind === 'loadBalancer' && typeof node.to === 'string') {
      const kind = kindOf.get(node.to);
      if (kind === undefined) error(['nodes', i, 'to'], `no node has the id "${node.to}"`);
      else if (kind !== 'service' && kind !== 'other')
        error(['nodes', i, 'to'], `"${node.to}" is a ${kind}; a load balancer spreads requests over a service's instances`);
      else if (!linked(node.id, node.to))
        error(['nodes', i, 'to'], `there is no link from "${node.id}" to "${node.to}"; connect them first`);
      else calls.set(node.id, [node.to]);
      return;
    }
    if (node.kind !== 'gateway' || !node.routes) return;
    const seen = new Map<unknown, number>();
    const targets: string[] = [];
    node.routes.forEach((route, r) => {
      const at = ['nodes', i, 'routes', r];
      if (seen.has(route.prefix))
        error([...at, 'prefix'], `routes[${seen.get(route.prefix)}] already has the prefix ${String(route.prefix)}`);
      else seen.set(route.prefix, r);
      if ((route.to === undefined) === (route.aggregate === undefined)) {
        error(at, 'give the route either to (one service) or aggregate (several), not both or neither');
        return;
      }
      const ends: [PropertyKey[], unknown][] =
        route.to !== undefined
          ? [[[...at, 'to'], route.to]]
          : (Array.isArray(route.aggregate) ? route.aggregate : []).map((to, k) => [[...at, 'aggregate', k], to]);
      for (const [path, to] of ends) {
        if (typeof to !== 'string') continue;
        const kind = kindOf.get(to);
        if (kind === undefined) error(path, `no node has the id "${to}"`);
        else if (kind !== 'service' && kind !== 'other') error(path, `"${to}" is a ${kind}; a gateway routes to services`);
        else if (!linked(node.id, to)) error(path, `there is no link from "${node.id}" to "${to}"; connect them first`);
        else targets.push(to);
      }
    });
    calls.set(node.id, targets);
  });
  return calls;
}
