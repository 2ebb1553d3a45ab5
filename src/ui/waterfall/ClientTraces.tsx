/**
 * In a client's inspector during a run: open the trace waterfall of one of its requests, the one
 * at the playhead, its slowest so far, or the failed or timed-out one nearest the playhead
 * (engine/replay/requestPicks.ts, read on the click from the run on show).
 */
import { useRun, useStores } from '../app/stores.tsx';
import type { RequestPicks } from '../../engine/replay/requestPicks.ts';

const CHOICES: readonly { readonly pick: keyof RequestPicks; readonly label: string; readonly none: string }[] = [
  { pick: 'atPlayhead', label: 'At the playhead', none: 'has sent no request yet' },
  { pick: 'slowest', label: 'Slowest', none: 'has no finished request yet' },
  { pick: 'failed', label: 'Failed', none: 'has no failed request in the run on show' },
  { pick: 'timedOut', label: 'Timed out', none: 'has no timed-out request in the run on show' },
];

export function ClientTraces({ nodeId }: { readonly nodeId: string }) {
  const stores = useStores();
  const running = useRun((s) => s.replay !== undefined);
  if (!running) return null;
  const open = async (choice: (typeof CHOICES)[number]) => {
    const replay = stores.run.getState().replay;
    const node = replay?.topology.nodeIds.indexOf(nodeId) ?? -1;
    if (!replay || node < 0) return;
    const { requestPicks } = await import('../../engine/replay/requestPicks.ts');
    const request = requestPicks(replay, node, stores.playback.getState().time)[choice.pick];
    if (request >= 0) stores.ui.getState().openTrace(request);
    else stores.ui.getState().notify(`${nodeId} ${choice.none}.`);
  };
  return (
    <div className="inspector-field client-traces" role="group" aria-label="Open a request's trace">
      <span className="inspector-label">Trace of a request</span>
      <div className="client-traces-buttons">
        {CHOICES.map((choice) => (
          <button
            key={choice.pick}
            type="button"
            data-trace-pick={choice.pick}
            onClick={() => void open(choice)}
            title={`Open the trace waterfall of ${nodeId}'s ${choice.label.toLowerCase()} request`}
          >
            {choice.label}
          </button>
        ))}
      </div>
    </div>
  );
}
