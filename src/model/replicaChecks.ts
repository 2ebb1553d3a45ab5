/**
 * The reference checks of replicated services and how callers spread calls over them: a fault's
 * instance must exist; load balancing, outlier ejection and discovery belong on links to services
 * (discovery needs the service registered with a registry the caller is linked to); a key
 * per call is for consistent hashing (which needs one). A queue or stream hands its messages to
 * its consumers' instances itself (each instance takes what it has room for, or owns partitions),
 * so a link from one balances nothing: its balancing settings are refused with a reason.
 */

/** What these checks read of a document (of a valid one, or a best-effort reading of an invalid one). */
export interface ReplicaView {
  readonly nodes: readonly { readonly id: string; readonly kind: string; readonly replicas?: unknown }[];
  readonly links: readonly {
    readonly from: string;
    readonly to: string;
    readonly keys?: unknown;
    readonly loadBalancing?: unknown;
    readonly outlierEjection?: unknown;
    readonly healthCheck?: unknown;
    readonly discovery?: unknown;
  }[];
  readonly faults: readonly { readonly kind: string; readonly target?: string; readonly instance?: unknown }[];
  /** Service changes that scale (their new replicas). */
  readonly changes?: readonly { readonly kind: string; readonly target?: string; readonly replicas?: unknown }[];
}

type Report = (path: PropertyKey[], message: string) => void;

/**
 * Reports every replica problem of `view` through `error`; `linked` says whether a link joins two nodes (the caller's index of the links).
 */
export function checkReplicas(view: ReplicaView, error: Report, linked: (from: string, to: string) => boolean): void {
  const kindOf = new Map(view.nodes.map((n) => [n.id, n.kind]));
  // The most instances each service has at any time (its replicas, or more by a change).
  const replicas = new Map(view.nodes.map((n) => [n.id, typeof n.replicas === 'number' ? n.replicas : 1]));
  for (const c of view.changes ?? []) {
    if (c.kind === 'service' && c.target !== undefined && typeof c.replicas === 'number')
      replicas.set(c.target, Math.max(replicas.get(c.target) ?? 1, c.replicas));
  }
  // Built once, so the discovery check costs the same for every link: the first registry each node registers with.
  const registryOf = new Map<string, string>();
  for (const r of view.links) if (kindOf.get(r.to) === 'registry' && !registryOf.has(r.from)) registryOf.set(r.from, r.to);
  view.faults.forEach((f, i) => {
    if (f.instance === undefined || f.target === undefined || !kindOf.has(f.target)) return;
    const kind = kindOf.get(f.target);
    if (kind !== 'service') {
      error(['faults', i, 'instance'], `a ${kind} has no instances; leave instance out`);
      return;
    }
    const n = replicas.get(f.target) ?? 1;
    if (typeof f.instance === 'number' && f.instance > n)
      error(
        ['faults', i, 'instance'],
        `"${f.target}" has ${n === 1 ? 'one instance' : `${n} instances`} at most; there is no instance ${f.instance}`,
      );
  });
  view.links.forEach((l, i) => {
    const toKind = kindOf.get(l.to);
    if (toKind === undefined || !kindOf.has(l.from)) return;
    const fromKind = kindOf.get(l.from);
    const fromBroker = fromKind === 'queue' || fromKind === 'stream';
    for (const field of ['loadBalancing', 'outlierEjection', 'healthCheck', 'discovery'] as const) {
      if (l[field] === undefined) continue;
      if (toKind !== 'service') error(['links', i, field], `${field} spreads calls over a service's instances; "${l.to}" is a ${toKind}`);
      // Competing consumers: each instance takes messages as it has room (a stream: owns partitions).
      else if (fromBroker)
        error(
          ['links', i, field],
          `a ${fromKind} hands its messages to its consumer's instances itself (each takes what it has room for${fromKind === 'stream' ? ', or owns partitions' : ''}); ${field} does not apply to a link from it`,
        );
    }
    if (toKind === 'service' && fromBroker) {
      if (l.keys !== undefined)
        error(
          ['links', i, 'keys'],
          `keys belong on a producer's link to a stream (they choose its partition); a link from a ${fromKind} to its consumer carries none`,
        );
    } else if (toKind === 'service') {
      if (l.keys !== undefined && l.loadBalancing !== 'consistentHash')
        error(
          ['links', i, 'keys'],
          'keys to a service choose its instance only with consistentHash load balancing; set loadBalancing to consistentHash or leave keys out',
        );
      if (l.loadBalancing === 'consistentHash' && l.keys === undefined)
        error(['links', i, 'keys'], 'consistent hashing needs a key per call: set keys (how many different keys there are)');
    }
    if (l.discovery !== undefined && toKind === 'service' && !fromBroker) {
      // The registry the service registers with, and the caller's own link to it for its lookups.
      const registry = registryOf.get(l.to);
      if (registry === undefined)
        error(['links', i, 'discovery'], `"${l.to}" registers with no registry: link it to one, so that its instances can be found`);
      else if (!linked(l.from, registry))
        error(['links', i, 'discovery'], `"${l.from}" has no link to the registry "${registry}" to look "${l.to}" up; connect them`);
    }
  });
}
