/**
 * A service's, gateway's, load balancer's, queue's, topic's, stream's or registry's mode at the playhead ("healthy", "crashed", …), for
 * styling its
 * box on the canvas (a crashed queue, topic, stream or registry is an outage; a service with replicas is
 * "degraded" while only some of its instances serve). Undefined before any run, for nodes the run
 * does not know, and for clients (they have no modes).
 */
import { SERVICE_MODE_NAMES, type ServiceModeName } from '../../../engine/trace/eventTypes.ts';
import { useLive } from '../../app/stores.tsx';
import { instancesOf } from '../../playback/instances.ts';
import { combinedMode } from '../../playback/nodeStatus.ts';

/** Kinds with modes (a client has none). */
const MODED: ReadonlySet<string> = new Set(['service', 'gateway', 'loadBalancer', 'queue', 'topic', 'stream', 'registry']);

export type { ServiceModeName };

/** The node's mode at the playhead (see the file comment). */
export function useNodeMode(nodeId: string): ServiceModeName | undefined {
  // Selecting a string keeps re-renders to actual mode changes, though the live state is new each frame.
  return useLive((s) => {
    const index = s.nodeIndex.get(nodeId);
    const kind = index === undefined ? undefined : s.topology?.nodeKinds[index];
    if (index === undefined || !s.state || kind === undefined || !MODED.has(kind)) return undefined;
    // A service with replicas: its instances' modes in one word (see combinedMode).
    const instances = kind === 'service' && s.topology ? instancesOf(s.topology, index) : [index];
    const nodes = s.state.nodes;
    return SERVICE_MODE_NAMES[instances.length === 1 ? nodes[index].mode : combinedMode(instances.map((i) => nodes[i].mode))];
  });
}
