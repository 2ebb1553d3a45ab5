/**
 * A button that opens a menu (the WAI-ARIA menu button pattern): Enter, Space or ↓ opens it on the
 * first item, ↑ on the last; ↑/↓/Home/End move between items; Escape closes it and returns focus
 * to the button; Tab or a click elsewhere closes it.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { ChevronIcon } from './icons.tsx';

export interface MenuItem {
  /** The item's text, which is its accessible name. */
  readonly label: string;
  readonly onSelect: () => void;
  readonly disabled?: boolean;
  /** A hint shown after the label (e.g. a shortcut). */
  readonly hint?: string;
  /** Draws a separator above the item (starts a new group). */
  readonly startsGroup?: boolean;
}

export function MenuButton({ label, icon, items }: { label: string; icon?: ReactNode; items: readonly MenuItem[] }) {
  const [open, setOpen] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const enabled = items.map((item, i) => (item.disabled ? -1 : i)).filter((i) => i >= 0);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[focusIndex]?.focus();
  }, [open, focusIndex]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const openAt = (index: number | undefined) => {
    if (index === undefined) return;
    setFocusIndex(index);
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };
  const select = (item: MenuItem) => {
    close(true);
    // Same event turn: the action keeps the click's user activation (a file picker needs it).
    item.onSelect();
  };
  const step = (delta: number) => {
    const at = enabled.indexOf(focusIndex);
    setFocusIndex(enabled[(at + delta + enabled.length) % enabled.length]);
  };

  const onButtonKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      openAt(enabled[0]);
    }
    if (event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(enabled[enabled.length - 1]);
    }
  };
  const onMenuKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, () => void> = {
      ArrowDown: () => step(1),
      ArrowUp: () => step(-1),
      Home: () => setFocusIndex(enabled[0]),
      End: () => setFocusIndex(enabled[enabled.length - 1]),
      Escape: () => close(true),
    };
    if (moves[event.key]) {
      event.preventDefault();
      event.stopPropagation();
      moves[event.key]();
    } else if (event.key === 'Tab') {
      close(false);
    }
  };

  return (
    <div className="menu-button">
      <button
        ref={buttonRef}
        type="button"
        className="toolbar-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onKeyDown={onButtonKeyDown}
        onClick={() => (open ? close(false) : openAt(enabled[0]))}
      >
        {icon}
        <span>{label}</span>
        <ChevronIcon />
      </button>
      {open && (
        <div ref={menuRef} id={menuId} role="menu" aria-label={label} className="menu" onKeyDown={onMenuKeyDown}>
          {items.map((item, i) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              className={item.startsGroup ? 'menu-item starts-group' : 'menu-item'}
              tabIndex={i === focusIndex ? 0 : -1}
              disabled={item.disabled}
              onClick={() => select(item)}
            >
              <span>{item.label}</span>
              {item.hint && (
                <span className="menu-hint" aria-hidden="true">
                  {item.hint}
                </span>
              )}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
