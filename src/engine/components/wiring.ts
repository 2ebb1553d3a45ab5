/**
 * Who calls whom over which link with which timeout, as it stands now. The compiled forms the hot
 * path reads (a service's plan steps, a client's link and timeout lane) are derived from the
 * scenario's settings; a change during the run (a link's timeout, a service's call plan, a
 * client's target or timeout) updates the settings here and the compiled forms are derived again.
 */
import { callsOf, type CallStep, type Scenario } from '../../model/index.ts';
import type { PlanStep, Runtime } from '../runtime.ts';

export class CallWiring {
  /** Per link: its default timeout for the calls over it that have none of their own. */
  private readonly linkTimeout: (number | undefined)[];
  /** Per node index: a service's call plan / a client's own timeout (undefined: the link's). */
  private readonly calls: (readonly CallStep[] | undefined)[];
  private readonly clientTimeout: (number | undefined)[];
  private readonly linkBetween = new Map<string, number>();

  constructor(private readonly rt: Runtime, scenario: Scenario, private readonly nodeIndex: ReadonlyMap<string, number>) {
    this.linkTimeout = scenario.links.map((l) => l.timeout);
    scenario.links.forEach((l, i) => this.linkBetween.set(`${l.from}\u0000${l.to}`, i));
    this.calls = scenario.nodes.map((n) => (n.kind === 'service' ? n.calls : undefined));
    this.clientTimeout = scenario.nodes.map((n) => (n.kind === 'client' ? n.timeout : undefined));
  }

  /** The link from node `from` to node `to` (ids); validation made sure there is one. */
  linkFor(from: string, to: string): number {
    return this.linkBetween.get(`${from}\u0000${to}`) as number;
  }

  /** Service `node`'s call plan compiled against the links' timeouts in force. */
  plan(node: number): PlanStep[] {
    const from = this.rt.nodeIds[node];
    return (this.calls[node] ?? []).map((step) => {
      const calls = callsOf(step);
      return {
        callees: Int32Array.from(calls, (c) => this.nodeIndex.get(c.to) as number),
        links: Int32Array.from(calls, (c) => this.linkFor(from, c.to)),
        timeoutLanes: Int32Array.from(calls, (c) => this.lane(c.timeout ?? this.linkTimeout[this.linkFor(from, c.to)])),
      };
    });
  }

  /** The timeout lane of client `node`'s requests over `link` (-1: no timeout). */
  clientLane(node: number, link: number): number {
    return this.lane(this.clientTimeout[node] ?? this.linkTimeout[link]);
  }

  /** A new default timeout for link `l` (null: none); every plan and client that uses it follows. */
  setLinkTimeout(l: number, timeout: number | null): void {
    this.linkTimeout[l] = timeout ?? undefined;
    this.recompileAll();
  }

  /** A new call plan for service `node`. */
  setCalls(node: number, calls: readonly CallStep[]): void {
    this.calls[node] = calls;
    this.rt.service(node).plan = this.plan(node);
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
  }

  private recompileAll(): void {
    this.rt.services.forEach((svc, node) => { if (svc) svc.plan = this.plan(node); });
    this.rt.clients.forEach((client, node) => { if (client) client.timeoutLane = this.clientLane(node, client.link); });
  }

  private lane(timeout: number | undefined): number {
    return timeout === undefined ? -1 : this.rt.timeouts.laneFor(timeout);
  }
}
