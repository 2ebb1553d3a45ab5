/**
 * The shape of a run as a replay needs it: which node index is which id and kind, and which
 * link joins which nodes. Small, plain and serialisable, so a worker can send it with the trace.
 */
import { linkId } from '../../model/index.ts';
import type { Simulation } from '../simulation.ts';

export interface RunTopology {
  readonly nodeIds: readonly string[];
  readonly nodeKinds: readonly ('client' | 'service')[];
  /** Worker-pool size per node (0 for clients). */
  readonly workers: readonly number[];
  readonly linkIds: readonly string[];
  readonly linkFrom: readonly number[];
  readonly linkTo: readonly number[];
  /** Each node's mode before the first event (services without a startup time begin healthy). */
  readonly initialModes: readonly number[];
}

/** The topology of a simulation (not yet run), in the engine's index order. */
export function topologyOf(simulation: Simulation): RunTopology {
  const scenario = simulation.scenario;
  const index = new Map(scenario.nodes.map((n, i) => [n.id, i]));
  return {
    nodeIds: scenario.nodes.map((n) => n.id),
    nodeKinds: scenario.nodes.map((n) => n.kind),
    workers: scenario.nodes.map((n) => (n.kind === 'service' ? n.workers : 0)),
    linkIds: scenario.links.map((l) => linkId(l)),
    linkFrom: scenario.links.map((l) => index.get(l.from) as number),
    linkTo: scenario.links.map((l) => index.get(l.to) as number),
    initialModes: scenario.nodes.map((_, i) => simulation.rt.services[i]?.mode ?? 0),
  };
}
