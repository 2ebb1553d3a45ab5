/**
 * In a client's box during a run: follow the next request it sends (the first at or after the
 * playhead, or its last one if the run has not got that far), as a click on one of its dots would.
 */
import { useStores } from '../app/stores.tsx';
import './overlay.css';

export function FollowNextButton({ nodeId }: { nodeId: string }) {
  const stores = useStores();
  const follow = () => {
    const replay = stores.run.getState().replay;
    const node = replay?.topology.nodeIds.indexOf(nodeId) ?? -1;
    if (!replay || node < 0) return;
    const request = replay.requests.nextFrom(node, stores.playback.getState().time);
    if (request >= 0) stores.ui.getState().follow(request);
    else stores.ui.getState().notify(`${nodeId} has sent no request yet.`);
  };
  return (
    <button
      type="button"
      className="follow-next nodrag nopan"
      onClick={follow}
      title="Follow this client's next request across the system"
      aria-label={`Follow the next request from ${nodeId}`}
    >
      Follow
    </button>
  );
}
