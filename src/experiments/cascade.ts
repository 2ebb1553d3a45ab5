/**
 * The cascade experiment: a slow dependency three hops down (users → edge → A → B → C, with C
 * turning ten times slower at t = 10 s) run twice with the same traffic and the same fault:
 * unprotected (no timeouts: every hop's workers end up waiting on the next, and the edge's line
 * grows without end) and protected (timeouts on every hop, a circuit breaker and a default
 * answer on B's calls to C: B stops waiting on C, so nothing above it piles up). The two
 * variants are the shipped scenarios `simulations/examples/cascade-unprotected.json` and
 * `cascade-protected.json`, which differ only in their links' policies.
 */
import { callsOf, parseScenario, type Scenario } from '../model/index.ts';
import { simulate } from '../engine/index.ts';
import { countRunEvents } from '../engine/replay/runEvents.ts';
import unprotected from '../../simulations/examples/cascade-unprotected.json';
import protectedDoc from '../../simulations/examples/cascade-protected.json';

export const CASCADE_VARIANTS = ['unprotected', 'protected'] as const;
export type CascadeVariantName = (typeof CASCADE_VARIANTS)[number];

/** What one variant did, from the users' side and from the edge's. */
export interface CascadeVariant {
  readonly variant: CascadeVariantName;
  readonly name: string;
  /** Requests the users sent. */
  readonly sent: number;
  /** Requests that got an answer (a real one or the fallback's). */
  readonly ok: number;
  /** Requests that failed: an error, a rejection, or the user's own timeout. */
  readonly failed: number;
  readonly timedOut: number;
  /** Failed requests over requests that ended (those still out at the end are left out). */
  readonly errorRate: number;
  /** Answered requests per simulated second. */
  readonly throughput: number;
  /** The edge's time in service (arrival to reply), ms, over every reply it sent. */
  readonly edgeP50: number;
  readonly edgeP99: number;
  /** The longest the edge's waiting line grew. */
  readonly edgeMaxLine: number;
  /** Share of the edge's worker time spent holding a request, 0..1 (waiting on A counts). */
  readonly edgeUtilization: number;
  /** Replies the edge sent after the user had given up: work done for nobody. */
  readonly lateReplies: number;
  /** Latency of answered requests as the users saw it, ms. */
  readonly usersP50: number;
  readonly usersP99: number;
  /** Requests answered by a fallback somewhere in the chain. */
  readonly fallbacks: number;
  /** Calls a circuit breaker refused at once. */
  readonly breakerRefused: number;
}

export interface CascadeResult {
  readonly experiment: 'cascade';
  readonly seed: number;
  /** The node ids from the users down, following each service's first call. */
  readonly chain: readonly string[];
  /** The slow fault both variants suffer (its time in ms). */
  readonly slow: { readonly target: string; readonly at: number; readonly factor: number } | undefined;
  readonly variants: readonly CascadeVariant[];
}

/** The two shipped cascade scenarios, validated. */
export function cascadeScenarios(): Readonly<Record<CascadeVariantName, Scenario>> {
  return { unprotected: parseScenario(unprotected), protected: parseScenario(protectedDoc) };
}

/**
 * Runs both variants with one seed (default: the unprotected scenario's own), so both see the
 * same arrivals and the same slow C. The edge is the service the users' client calls.
 */
export function runCascade(options: { readonly seed?: number } = {}): CascadeResult {
  const scenarios = cascadeScenarios();
  const seed = options.seed ?? scenarios.unprotected.seed;
  const slow = scenarios.unprotected.faults.find((f) => f.kind === 'slow');
  return {
    experiment: 'cascade',
    seed,
    chain: chainOf(scenarios.unprotected),
    slow: slow && { target: slow.target, at: slow.at, factor: slow.factor },
    variants: CASCADE_VARIANTS.map((v) => measure(v, scenarios[v], seed)),
  };
}

/** The client, then the service it calls, then the first service that one calls, and so on. */
function chainOf(s: Scenario): string[] {
  const chain: string[] = [];
  let next: string | undefined = s.nodes.find((n) => n.kind === 'client')?.id;
  while (next !== undefined && !chain.includes(next)) {
    chain.push(next);
    const node = s.nodes.find((n) => n.id === next);
    const step = node?.kind === 'service' ? node.calls[0] : undefined;
    next = node?.kind === 'client' ? node.target : step && callsOf(step)[0].to;
  }
  return chain;
}

function measure(variant: CascadeVariantName, scenario: Scenario, seed: number): CascadeVariant {
  const users = scenario.nodes.find((n) => n.kind === 'client');
  if (!users) throw new Error('a cascade scenario needs a client');
  const { simulation, report } = simulate(scenario, { seed });
  const client = report.clients[users.id];
  const edge = report.nodes[users.target];
  const failed = client.failed + client.timedOut + client.rejected + client.dropped;
  const fallbacks = countRunEvents(simulation.rt.trace, 'fallback');
  const links = Object.values(report.links);
  return {
    variant,
    name: scenario.name ?? variant,
    sent: client.sent,
    ok: client.completed,
    failed,
    timedOut: client.timedOut,
    errorRate: client.completed + failed > 0 ? failed / (client.completed + failed) : 0,
    throughput: client.throughput,
    edgeP50: edge.latency.p50,
    edgeP99: edge.latency.p99,
    edgeMaxLine: edge.maxLine,
    edgeUtilization: edge.utilization,
    lateReplies: links.filter((l) => l.to === users.target).reduce((n, l) => n + l.lateReplies, 0),
    usersP50: client.latency.p50,
    usersP99: client.latency.p99,
    fallbacks,
    breakerRefused: links.reduce((n, l) => n + (l.breaker?.notPermitted ?? 0), 0),
  };
}
