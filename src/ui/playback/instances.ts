/**
 * A replicated service in a run: the engine runs each of its instances as a node of its own (the
 * first at the service's index, the others appended after the scenario's nodes as "api#2",
 * "api#3"…; see the engine's topology.ts), while the canvas and the inspector show one service.
 * These helpers map one to the other (nodeStatus.ts adds the instances up), so that a service's
 * box and its figures are totals and nothing is read from the first instance alone. Pure:
 * components and tests share them.
 */
import type { RunTopology } from '../../engine/replay/topology.ts';

const groups = new WeakMap<RunTopology, readonly (readonly number[])[]>();

/** Per scenario node index: its engine nodes, instance 1 first (built once per run). */
function groupsOf(topology: RunTopology): readonly (readonly number[])[] {
  let out = groups.get(topology);
  if (!out) {
    const owner = topology.instanceOf;
    const number = topology.instanceNumber;
    const built: number[][] = topology.nodeIds.map(() => []);
    topology.nodeIds.forEach((_, i) => built[owner?.[i] ?? i].push(i));
    // Engine order already is instance order; sorting keeps that true whatever the engine appends.
    if (number) for (const g of built) g.sort((a, b) => number[a] - number[b]);
    out = built;
    groups.set(topology, out);
  }
  return out;
}

/** The engine nodes that are instances of node `index` (itself alone for a node without replicas). */
export function instancesOf(topology: RunTopology, index: number): readonly number[] {
  return groupsOf(topology)[index] ?? [index];
}

/** Whether the run has any service with more than one instance. */
export function hasReplicas(topology: RunTopology): boolean {
  return topology.instanceOf !== undefined && topology.instanceOf.some((owner, i) => owner !== i);
}

/**
 * Engine node `node` as people read it: "api (instance 2)" for an instance of a replicated
 * service (the engine's id is "api#2", and instance 1 is plain "api"), else its id.
 */
export function engineNodeLabel(topology: RunTopology, node: number): string {
  const owner = topology.instanceOf?.[node] ?? node;
  const id = topology.nodeIds[owner] ?? '?';
  if (instancesOf(topology, owner).length < 2) return topology.nodeIds[node] ?? '?';
  return `${id} (instance ${topology.instanceNumber?.[node] ?? 1})`;
}

/** Engine node `node` as a short name, for a small space: "catalog #2", or "catalog" for a service of one instance. */
export function instanceName(topology: RunTopology, node: number): string {
  const owner = topology.instanceOf?.[node] ?? node;
  const id = topology.nodeIds[owner] ?? '?';
  return instancesOf(topology, owner).length > 1 ? `${id} #${topology.instanceNumber?.[node] ?? 1}` : id;
}
