/**
 * Who calls whom over which link with which timeout and policies, as it stands now. The compiled
 * forms the hot path reads (a service's plan steps, a client's link, timeout lane and policy) are
 * derived from the scenario's settings; a change during the run (a link's timeout, a service's
 * call plan, a client's target or timeout) updates the settings here and the compiled forms are
 * derived again.
 */
import { callsOf, type CallStep, type GatewayNode, type Scenario } from '../model/index.ts';
import { asGateway, routeSteps } from './features/gateway/gateway.ts';
import type { RandomSource, RandomStream } from './core/random.ts';
import type { PlanStep, Runtime } from './kernel/runtime.ts';
import { compileCallPolicy, type PolicyContext } from './policies/callPolicy.ts';

type LinkSettings = Scenario['links'][number];

export class CallWiring implements PolicyContext {
  /** Per link: its settings in force (a change may replace its timeout). */
  private readonly links: LinkSettings[];
  /** Per node index: a service's call plan / a client's own timeout (undefined: the link's). */
  private readonly calls: (readonly CallStep[] | undefined)[];
  private readonly clientTimeout: (number | undefined)[];
  /** Per node index: a gateway's routes. */
  private readonly routes: (GatewayNode['routes'] | undefined)[];
  private readonly linkBetween = new Map<string, number>();

  /** A call site's random stream, by name: kept across recompilations, so its draws go on. */
  private readonly streams = new Map<string, RandomStream>();

  constructor(
    private readonly rt: Runtime,
    scenario: Scenario,
    readonly nodeIndex: ReadonlyMap<string, number>,
    private readonly random: RandomSource,
  ) {
    this.links = scenario.links.map((l) => ({ ...l }));
    scenario.links.forEach((l, i) => this.linkBetween.set(`${l.from}\u0000${l.to}`, i));
    this.calls = scenario.nodes.map((n) => (n.kind === 'service' ? n.calls : undefined));
    this.routes = scenario.nodes.map((n) =>
      n.kind === 'gateway' ? n.routes : n.kind === 'loadBalancer' ? asGateway(n).routes : undefined,
    );
    this.clientTimeout = scenario.nodes.map((n) => (n.kind === 'client' ? n.timeout : undefined));
  }

  /** The link from node `from` to node `to` (ids); validation made sure there is one. */
  linkFor(from: string, to: string): number {
    return this.linkBetween.get(`${from}\u0000${to}`) as number;
  }

  stream(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (!stream) this.streams.set(name, (stream = this.random.stream(name)));
    return stream;
  }

  /** The timeout lane of a plain call over link `l`: the link's own timeout (−1: none). */
  linkLane(l: number): number {
    return this.lane(this.links[l].timeout);
  }

  /** Service `node`'s call plan compiled against the links' settings in force. */
  plan(node: number): PlanStep[] {
    const from = this.rt.nodeIds[node];
    return this.compile(from, this.calls[node] ?? [], `service:${from}`);
  }

  /** Gateway `node`'s plan per route, compiled against the links' settings in force. */
  routePlans(node: number): PlanStep[][] {
    const from = this.rt.nodeIds[node];
    return (this.routes[node] ?? []).map((route, r) => this.compile(from, routeSteps(route), `gateway:${from}/route${r}`));
  }

  /** Steps from `from`, each call site's policy streams named after `site`. */
  private compile(from: string, steps: readonly CallStep[], site: string): PlanStep[] {
    return steps.map((step, s) => {
      const calls = callsOf(step);
      return {
        callees: Int32Array.from(calls, (c) => this.nodeIndex.get(c.to) as number),
        links: Int32Array.from(calls, (c) => this.linkFor(from, c.to)),
        timeoutLanes: Int32Array.from(calls, (c) => this.lane(c.timeout ?? this.links[this.linkFor(from, c.to)].timeout)),
        policies: Int32Array.from(calls, (c, i) => this.policyIndex(from, this.linkFor(from, c.to), c, `${site}/step${s}.${i}:${c.to}`)),
        paths: calls.some((c) => c.path !== undefined) ? calls.map((c) => c.path) : undefined,
      };
    });
  }

  /** The timeout lane of client `node`'s requests over `link` (-1: no timeout). */
  clientLane(node: number, link: number): number {
    return this.lane(this.clientTimeout[node] ?? this.links[link].timeout);
  }

  /** The policy of client `node`'s requests over `link` (its link's), or −1: plain. */
  clientPolicy(node: number, link: number): number {
    return this.policyIndex(this.rt.nodeIds[node], link, undefined, `client:${this.rt.nodeIds[node]}`);
  }

  /** The policy of topic `node`'s copies over its subscription `link` (the link's), or −1: plain. */
  topicPolicy(node: number, link: number): number {
    return this.policyIndex(this.rt.nodeIds[node], link, undefined, `topic:${this.rt.nodeIds[node]}->${this.links[link].to}`);
  }

  /** Compiles a call site's policy; its index in the runtime's policies, or −1 if it has none. */
  private policyIndex(caller: string, link: number, call: CallStep | undefined, site: string): number {
    const policy = compileCallPolicy(this, caller, this.links[link], call as Parameters<typeof compileCallPolicy>[3], site);
    if (!policy) return -1;
    this.rt.policies.push(policy);
    return this.rt.policies.length - 1;
  }

  /** A new default timeout for link `l` (null: none); every plan and client that uses it follows. */
  setLinkTimeout(l: number, timeout: number | null): void {
    this.links[l] = { ...this.links[l], timeout: timeout ?? undefined };
    this.recompileAll();
  }

  /** New call policies for link `l` (null removes one); every plan and client that uses it follows. */
  setLinkPolicies(l: number, patch: Partial<Record<'retry' | 'deadline' | 'propagateDeadline' | 'fallback', unknown>>): void {
    const next = { ...this.links[l] } as Record<string, unknown>;
    for (const [key, value] of Object.entries(patch)) next[key] = value === null ? undefined : value;
    this.links[l] = next as LinkSettings;
    this.recompileAll();
  }

  /** Link `l`'s guards changed (a breaker or bulkhead was set): its call sites may now need operations. */
  setLinkGuards(l: number, guards: Partial<Pick<LinkSettings, 'breaker' | 'bulkhead'>>): void {
    this.links[l] = { ...this.links[l], ...guards };
    this.recompileAll();
  }

  /** A new call plan for service `node`. */
  setCalls(node: number, calls: readonly CallStep[]): void {
    this.calls[node] = calls;
    const plan = this.plan(node);
    for (const instance of this.rt.instancesOf[node] ?? [node]) this.rt.service(instance).plan = plan;
  }

  /** A new own timeout for client `node` (null: the link's). */
  setClientTimeout(node: number, timeout: number | null): void {
    this.clientTimeout[node] = timeout ?? undefined;
    const client = this.rt.clients[node];
    if (client) client.timeoutLane = this.clientLane(node, client.link);
  }

  /** Client `node` sends to service `target` (an id) from now on. */
  setClientTarget(node: number, target: string): void {
    const client = this.rt.clients[node];
    if (!client) return;
    client.target = this.nodeIndex.get(target) as number;
    client.link = this.linkFor(this.rt.nodeIds[node], target);
    client.timeoutLane = this.clientLane(node, client.link);
    client.policy = this.clientPolicy(node, client.link);
  }

  private recompileAll(): void {
    // Instances share their service's plan (compiled once, for the first).
    this.rt.services.forEach((svc, node) => {
      if (svc && svc.primary === node) svc.plan = this.plan(node);
    });
    this.rt.services.forEach((svc) => {
      if (svc && svc.primary !== svc.node) svc.plan = this.rt.service(svc.primary).plan;
    });
    this.rt.services.forEach((svc, node) => {
      if (svc?.gateway) svc.gateway.plans = this.routePlans(node);
    });
    this.rt.clients.forEach((client, node) => {
      if (!client) return;
      client.timeoutLane = this.clientLane(node, client.link);
      client.policy = this.clientPolicy(node, client.link);
    });
    this.rt.topics.forEach((topic, node) => {
      if (!topic) return;
      topic.policies = Int32Array.from(topic.subscriptions, (l) => this.topicPolicy(node, l));
      topic.subscriptions.forEach((l, i) => {
        topic.lanes[i] = this.linkLane(l);
      });
    });
  }

  private lane(timeout: number | undefined): number {
    return timeout === undefined ? -1 : this.rt.timeouts.laneFor(timeout);
  }
}
