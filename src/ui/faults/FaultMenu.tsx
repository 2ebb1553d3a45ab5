/**
 * The fault menu: what can be done to a service or a link (WAI-ARIA menu: ↑/↓/Home/End move,
 * Enter picks, Escape closes and gives focus back), then a small form for the fault's numbers.
 * The fault is added to the schedule at the playhead's time when the form is sent; the run then
 * restarts from the new document and playback continues from where it is.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useDocument, useStores } from '../app/stores.tsx';
import { roundToTenthMs } from '../playback/transport.ts';
import { actionsFor, buildFault, resolveTarget, type FaultAction, type FaultTargetRef, type PartitionDirection } from './faultActions.ts';
import { FaultForm } from './FaultForm.tsx';

/** Keeps a gap between the menu and the window's edges, px. */
const MARGIN = 8;

export interface FaultMenuProps {
  readonly target: FaultTargetRef;
  /** Where it was asked for, in viewport pixels. */
  readonly x: number;
  readonly y: number;
  /** Closes the menu; `refocus` gives focus back to where it was (Escape, a fault added). */
  onClose(refocus: boolean): void;
}

export function FaultMenu({ target: ref, x, y, onClose }: FaultMenuProps) {
  const stores = useStores();
  const document = useDocument((s) => s.document);
  const target = resolveTarget(document, ref);
  const [action, setAction] = useState<FaultAction | undefined>();
  const [focusIndex, setFocusIndex] = useState(0);
  const popover = useRef<HTMLDivElement>(null);
  const titleId = useId();

  // The target vanished (deleted, undone): nothing to break.
  useEffect(() => {
    if (!target) onClose(false);
  }, [target, onClose]);

  // Opens at the pointer, flipped up or left where it would leave the window.
  useLayoutEffect(() => {
    const el = popover.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    const left = x + width + MARGIN > window.innerWidth ? Math.max(MARGIN, x - width) : x;
    const top = y + height + MARGIN > window.innerHeight ? Math.max(MARGIN, y - height) : y;
    el.style.left = `${left}px`;
    el.style.top = `${top}px`;
  }, [x, y, action]);

  // Focus follows the roving item (and lands in the menu when it opens).
  useEffect(() => {
    if (action) return;
    popover.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[focusIndex]?.focus();
  }, [action, focusIndex]);

  // A press anywhere else closes the menu (focus then goes where the press put it).
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (!popover.current?.contains(event.target as Node)) onClose(false);
    };
    window.document.addEventListener('pointerdown', onPointerDown);
    return () => window.document.removeEventListener('pointerdown', onPointerDown);
  }, [onClose]);

  if (!target) return null;
  const actions = actionsFor(target);
  const itemCount = Math.max(1, actions.length);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose(true);
      return;
    }
    if (action) return;
    const moves: Record<string, number> = { ArrowDown: focusIndex + 1, ArrowUp: focusIndex - 1, Home: 0, End: itemCount - 1 };
    if (event.key in moves) {
      event.preventDefault();
      setFocusIndex((moves[event.key] + itemCount) % itemCount);
    } else if (event.key === 'Tab') {
      onClose(false);
    }
  };

  const inject = (values: Readonly<Record<string, number>>, direction: PartitionDirection, instance?: number) => {
    if (!action) return;
    const at = roundToTenthMs(stores.playback.getState().time);
    const index = (stores.document.getState().document.faults ?? []).length;
    stores.document.getState().dispatch({ type: 'addFault', fault: buildFault(action.id, target, values, at, direction, instance) });
    // The new fault's marker is selected: it shows on the timeline and the inspector can edit it.
    stores.ui.getState().select({ faultIndex: index });
    onClose(true);
  };

  const what = target.kind === 'link' ? 'link' : target.kind;
  return (
    <div ref={popover} className="fault-popover" style={{ left: x, top: y }} onKeyDown={onKeyDown}>
      <div className="fault-popover-title" id={titleId}>
        Break {what} <strong>{target.name}</strong>
      </div>
      {!action ? (
        <div role="menu" aria-labelledby={titleId} className="fault-menu">
          {actions.map((a, i) => (
            <button
              key={a.id}
              type="button"
              role="menuitem"
              className="fault-menu-item"
              tabIndex={i === focusIndex ? 0 : -1}
              onClick={() => setAction(a)}
              onFocus={() => setFocusIndex(i)}
            >
              <span>{a.label}</span>
              <span className="fault-menu-hint">{a.hint}</span>
            </button>
          ))}
          {actions.length === 0 && (
            <button type="button" role="menuitem" className="fault-menu-item" aria-disabled="true" tabIndex={0}>
              A client only sends: break the service or the link it calls
            </button>
          )}
        </div>
      ) : (
        <FaultForm action={action} target={target} onSubmit={inject} onCancel={() => onClose(true)} />
      )}
    </div>
  );
}
