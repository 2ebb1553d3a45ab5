/**
 * The fault schedule on the timeline: one row per fault, labelled with what it does ("Partition
 * api ↔ db"), with its marker from its start for as long as it lasts, so faults that start
 * together stay apart. A marker selects its fault (for the inspector to edit); the selected one
 * can be removed here, undoably (it is a document command like any other).
 */
import type { KeyboardEvent } from 'react';
import type { FaultInput } from '../../store/document/commands.ts';
import { useDocument, useStores, useUi } from '../app/stores.tsx';
import { describeFault, describeFaultWithTime, faultWindow } from '../faults/faultLabels.ts';
import { TrashIcon } from './icons.tsx';

/** Markers never get narrower than this (a short fault must still be clickable), in px. */
const MIN_MARKER_PX = 8;
/** A fault starting after this share of the run has its label end with its marker, spilling leftwards (it would run off the end). */
const LABEL_BEFORE_FROM = 0.6;
/** A document without a schedule: one shared empty list (a new one per read would re-render forever). */
const NO_FAULTS: readonly FaultInput[] = [];

export function FaultMarkers({ end }: { end: number }) {
  const stores = useStores();
  const faults = useDocument((s) => s.document.faults ?? NO_FAULTS);
  const selected = useUi((s) => s.selection.faultIndex);
  const remove = (index: number) => {
    stores.document.getState().dispatch({ type: 'removeFault', index });
    stores.ui.getState().clearSelection();
  };
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    if (event.key !== 'Delete' && event.key !== 'Backspace') return;
    event.preventDefault();
    event.stopPropagation(); // the canvas's Delete must not also remove the selected nodes
    remove(index);
  };
  return (
    <div className="timeline-markers" role="group" aria-label="Faults">
      {faults.map((fault, index) => {
        const span = faultWindow(fault);
        if (!span || end <= 0) return null;
        const start = Math.min(span.start, end);
        const left = (start / end) * 100;
        const width = ((Math.min(span.end ?? end, end) - start) / end) * 100;
        const before = start / end > LABEL_BEFORE_FROM;
        return (
          // The schedule has no ids: a fault is known by its index (what the commands use too).
          <div key={index} className="timeline-fault-row" data-testid="fault-row">
            <button
              type="button"
              className={`timeline-marker timeline-marker--${fault.kind}`}
              style={{ left: `${left}%`, width: `${width}%`, minWidth: MIN_MARKER_PX }}
              aria-label={describeFaultWithTime(fault)}
              title={describeFaultWithTime(fault)}
              aria-pressed={selected === index}
              data-testid="fault-marker"
              onClick={() => stores.ui.getState().select({ faultIndex: index })}
              onKeyDown={(e) => onKeyDown(e, index)}
            >
              {/* In the marker, spilling past a short one; the button's name already says it (and when). */}
              <span className={`timeline-fault-label${before ? ' is-before' : ''}`} aria-hidden="true">
                {describeFault(fault)}
              </span>
            </button>
          </div>
        );
      })}
    </div>
  );
}

/** The selected fault, named, with the button that removes it. */
export function SelectedFault({ afterRemove }: { afterRemove: () => void }) {
  const stores = useStores();
  const index = useUi((s) => s.selection.faultIndex);
  const fault = useDocument((s) => (index === undefined ? undefined : s.document.faults?.[index]));
  if (index === undefined || !fault) return null;
  const remove = () => {
    stores.document.getState().dispatch({ type: 'removeFault', index });
    stores.ui.getState().clearSelection();
    afterRemove();
  };
  return (
    <div className="timeline-selected-fault">
      <span className="timeline-selected-name">{describeFault(fault)}</span>
      <button type="button" className="playback-button" onClick={remove} title="Remove this fault from the schedule (undo brings it back)">
        <TrashIcon />
        <span>Remove fault</span>
      </button>
    </div>
  );
}
