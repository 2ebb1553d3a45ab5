/**
 * The faults in force on a link at the playhead (a cut, added latency, loss), for drawing its
 * edge; undefined before any run, for links the run does not know, and while none is in force.
 */
import type { LinkFaultView } from '../../../engine/replay/linkFaults.ts';
import { useLive } from '../../app/stores.tsx';

export function useLinkFault(linkId: string): LinkFaultView | undefined {
  // The replay hands out one object per change of a link's faults: the edge re-renders only then.
  return useLive((s) => {
    const l = s.linkIndex?.get(linkId);
    return l === undefined ? undefined : s.linkFaults?.[l];
  });
}
