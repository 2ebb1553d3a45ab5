/**
 * A service's mode at the playhead ("healthy", "crashed", …), for styling its box on the canvas.
 * Undefined before any run, for nodes the run does not know, and for clients (they have no modes).
 */
import { useLive } from '../../app/stores.tsx';

/**
 * The engine's `SERVICE_MODE_NAMES`, by mode number. Copied rather than imported: the engine's
 * module defines the XState machine too, which would put XState in the page's first load for
 * five words. A test keeps the two lists equal.
 */
export const SERVICE_MODES = ['starting', 'healthy', 'degraded', 'crashed', 'restarting'] as const;
/** A service mode's name. */
export type ServiceModeName = (typeof SERVICE_MODES)[number];

/** The node's service mode at the playhead (see the file comment). */
export function useNodeMode(nodeId: string): ServiceModeName | undefined {
  // Selecting a string keeps re-renders to actual mode changes, though the live state is new each frame.
  return useLive((s) => {
    const index = s.nodeIndex.get(nodeId);
    if (index === undefined || !s.state || s.topology?.nodeKinds[index] !== 'service') return undefined;
    return SERVICE_MODES[s.state.nodes[index].mode];
  });
}
