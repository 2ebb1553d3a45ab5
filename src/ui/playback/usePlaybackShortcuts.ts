/**
 * Space plays or pauses, → steps to the next event, anywhere on the page, except where those keys
 * already mean something: typing in a field, a focused button or menu (Space presses it), a focused
 * canvas node or link (Space selects it, arrows move it), a slider or a list (arrows move it), or
 * a key another handler took.
 */
import { useEffect } from 'react';
import type { Stores } from '../app/stores.tsx';
import { stepToNextEvent, togglePlay } from './transport.ts';

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'time',
  'datetime-local',
  'month',
  'week',
]);

/** Whether keys typed at `target` are text (an editable field). */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type);
  return target.closest('[contenteditable="true"], [role="textbox"], .monaco-editor') !== null;
}

/** Whether Space at `target` presses or toggles something itself (a focused canvas node or link: selects it). */
function spaceIsTaken(target: HTMLElement): boolean {
  return (
    target.closest(
      'button, a[href], select, input, summary, [role="button"], [role="menuitem"], [role="checkbox"], [role="switch"], [role="option"], [role="tab"], .react-flow__node, .react-flow__edge',
    ) !== null
  );
}

/** Whether the arrow keys at `target` move something itself. */
function arrowsAreTaken(target: HTMLElement): boolean {
  return (
    target.closest(
      'input, select, [role="slider"], [role="menu"], [role="listbox"], [role="tablist"], [role="radiogroup"], [role="tree"], [role="grid"], .react-flow__node, .react-flow__edge',
    ) !== null
  );
}

/** What a key does to playback at `target`, if anything. */
export function shortcutFor(
  event: Pick<KeyboardEvent, 'key' | 'target' | 'ctrlKey' | 'metaKey' | 'altKey' | 'defaultPrevented'>,
): 'toggle' | 'step' | undefined {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTextField(event.target)) return undefined;
  const target = event.target instanceof HTMLElement ? event.target : undefined;
  if (event.key === ' ' && !(target && spaceIsTaken(target))) return 'toggle';
  if (event.key === 'ArrowRight' && !(target && arrowsAreTaken(target))) return 'step';
  return undefined;
}

export function usePlaybackShortcuts(stores: Stores): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      if (!action) return;
      event.preventDefault(); // Space would otherwise scroll the page
      if (action === 'toggle') {
        if (!event.repeat) togglePlay(stores);
      } else stepToNextEvent(stores);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [stores]);
}
