/**
 * Where the run stands: not run yet, simulating, invalid (how many problems), too big for the page
 * (the refusal, with its estimate), or done with its trace hash (what a share link reproduces); and
 * the run's estimated work. "Run to the end" simulates the rest without playing.
 */
import { useEffect, useRef, useState } from 'react';
import { useRun, useStores } from './stores.tsx';
import { EXAMPLES, exampleOpening, loadExample } from './examples.ts';
import { openSystem } from './openSystem.ts';
import { startRun } from '../playback/usePlaybackEngine.ts';

export function RunInfo() {
  const stores = useStores();
  const status = useRun((s) => s.status);
  const problems = useRun((s) => s.problems);
  const refusal = useRun((s) => s.refusal);
  const estimate = useRun((s) => s.estimateText);
  const duration = useRun((s) => s.duration);
  // A long run re-simulated to show the playhead again (see runStore.ts) has still been run to its end.
  const ended = useRun((s) => s.ended);
  const [hash, setHash] = useState<string | undefined>();
  // The example being fetched (documents load on demand): running meanwhile would run the old document.
  const [opening, setOpening] = useState<string | undefined>();
  const picks = useRef(0);
  useEffect(() => {
    if (status === 'done') void stores.run.traceHash().then(setHash);
    else if (!ended) setHash(undefined);
  }, [status, ended, stores]);
  const shownDone = status === 'done' || (ended && status === 'running');

  const runToEnd = async () => {
    if (stores.run.getState().status === 'idle') await startRun(stores);
    stores.run.runToEnd();
  };

  const openExample = async (id: string) => {
    // The last pick wins, should a person pick again before the first has arrived.
    const pick = ++picks.current;
    setOpening(id);
    try {
      const document = await loadExample(id);
      if (pick === picks.current) openSystem(stores, exampleOpening(id, document));
    } catch {
      // Its chunk did not arrive (the site was updated, or went offline before it was cached).
      if (pick === picks.current) stores.ui.getState().notify(`The example could not be loaded; reload the page and try again.`, 'error');
    } finally {
      if (pick === picks.current) setOpening(undefined);
    }
  };

  return (
    <div className="run-info">
      <label>
        <span className="visually-hidden">Open an example</span>
        <select
          aria-label="Open an example"
          value=""
          aria-busy={opening !== undefined}
          onChange={(e) => {
            if (EXAMPLES.some((x) => x.id === e.target.value)) void openExample(e.target.value);
          }}
        >
          <option value="">Examples…</option>
          {EXAMPLES.map((x) => (
            <option key={x.id} value={x.id}>
              {x.title}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void runToEnd()} disabled={shownDone || status === 'invalid' || opening !== undefined}>
        Run to the end
      </button>
      {/* Only the status is a live region: controls inside one would be announced as they change. */}
      <span
        className={refusal ? 'run-status is-refused' : 'run-status'}
        role="status"
        aria-live="polite"
        title={status === 'invalid' ? refusal : shownDone ? `Simulated ${duration / 1000}s · trace ${hash ?? '…'}` : undefined}
      >
        {status === 'idle' && 'Not run yet'}
        {status === 'running' && !shownDone && 'Simulating…'}
        {status === 'invalid' && (refusal ?? `Cannot run: ${problems.length} problem${problems.length === 1 ? '' : 's'}`)}
        {status === 'failed' && 'The simulation failed'}
        {shownDone && (
          <>
            Simulated {duration / 1000}s · trace <code data-testid="trace-hash">{hash ?? '…'}</code>
          </>
        )}
      </span>
      {estimate && !refusal && (status === 'running' || status === 'done') && (
        <span className="run-estimate" title={`${estimate}: the run's work, estimated before it started`}>
          {estimate}
        </span>
      )}
    </div>
  );
}
