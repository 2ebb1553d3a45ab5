/**
 * The chip shown while a request is followed on the canvas: which request, where it is or how it
 * ended (kept up to date by the overlay), its trace waterfall to open, and how to stop: Esc anywhere
 * on the page (the open waterfall's Esc closes that first), or its button.
 */
import { useEffect } from 'react';
import { Panel } from '@xyflow/react';
import { useStores, useUi } from '../app/stores.tsx';
import './overlay.css';

export function FollowChip() {
  const stores = useStores();
  const following = useUi((s) => s.following);
  const active = following !== undefined;

  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented && stores.ui.getState().tracing === undefined)
        stores.ui.getState().follow(undefined);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, stores]);

  if (!following) return null;
  return (
    <Panel position="top-center" className="follow-chip" data-testid="follow-chip" role="status" aria-live="polite">
      <strong>Following request #{following.request}</strong>
      <span className="follow-chip-hint"> · Esc to stop</span>
      {following.status && <span className="follow-chip-status">{following.status}</span>}
      <button
        type="button"
        className="follow-chip-trace"
        data-testid="open-trace"
        title="Where this request's time went: its spans on a time axis"
        onClick={() => stores.ui.getState().openTrace(following.request)}
      >
        Open trace
      </button>
      <button
        type="button"
        className="follow-chip-stop"
        aria-label="Stop following the request"
        onClick={() => stores.ui.getState().follow(undefined)}
      >
        ×
      </button>
    </Panel>
  );
}
