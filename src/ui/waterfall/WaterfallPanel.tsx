/**
 * The open trace waterfall, docked over the lower part of the canvas (taller on a phone): reads the
 * request named by the ui store's `tracing` from the run on show (traceOf.ts), again while the
 * request is still under way as the run grows; lights up the hovered span's node and link on the
 * canvas (ui store `traceHover`); "Jump" moves the playhead. Esc or × closes it.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useRun, useStores, useUi } from '../app/stores.tsx';
import { useNarrowLayout } from '../app/useNarrowLayout.ts';
import { Waterfall } from './Waterfall.tsx';
import { traceOf } from './traceOf.ts';
import type { WaterfallRow } from './waterfallModel.ts';
import './waterfall.css';

export function WaterfallPanel() {
  const stores = useStores();
  const request = useUi((s) => s.tracing);
  const replay = useRun((s) => s.replay);
  const narrow = useNarrowLayout();
  // While the request is under way its trace is read again as the run grows (a finished one never changes).
  const pending = useRef(false);
  const version = useRun((s) => (pending.current ? s.version : 0));
  const trace = useMemo(() => (replay && request !== undefined ? traceOf(replay, request) : undefined), [replay, request, version]);
  pending.current = trace?.status === 'pending';
  const close = () => stores.ui.getState().openTrace(undefined);
  // Another system's run names other requests by these numbers: the trace closes (as following a request ends).
  const system = useRef<{ request: number; key: string } | undefined>(undefined);
  useEffect(() => {
    if (!replay || request === undefined) return;
    const key = `${replay.topology.nodeIds.join(' ')}|${replay.topology.linkIds.join(' ')}`;
    if (system.current?.request !== request) system.current = { request, key };
    else if (system.current.key !== key) stores.ui.getState().openTrace(undefined);
  }, [replay, request, stores]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        stores.ui.getState().openTrace(undefined);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      stores.ui.getState().hoverTrace(undefined);
    };
  }, [stores]);

  if (request === undefined) return null;
  const hover = (row: WaterfallRow | undefined) => stores.ui.getState().hoverTrace(row && { node: row.service, link: row.link });
  const jump = (t: number) => {
    stores.playback.getState().pause();
    stores.playback.getState().seek(t);
  };
  return (
    <div className={`waterfall-dock${narrow ? ' is-narrow' : ''}`} role="dialog" aria-label="Trace waterfall" data-testid="waterfall-dock">
      {trace ? (
        <Waterfall trace={trace} onHover={hover} onJump={jump} onClose={close} />
      ) : (
        <div className="waterfall">
          <header className="waterfall-head">
            <h2>Request #{request}</h2>
            <button type="button" className="waterfall-close" aria-label="Close the trace" onClick={close}>
              ×
            </button>
          </header>
          <p className="waterfall-status">
            This request is not in the run on show any more (a long run keeps only its latest part, or the system changed).
          </p>
        </div>
      )}
    </div>
  );
}
