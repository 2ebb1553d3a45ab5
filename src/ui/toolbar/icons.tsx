/**
 * The toolbar's icons as inline SVG (no icon font or service: the site works offline). Drawn in
 * `currentColor` so they follow the theme; hidden from assistive technology, since every button
 * carries its own accessible name.
 */
import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="toolbar-icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}

export const UndoIcon = () => (
  <Icon>
    <path d="M5.5 3.5 2.5 6.5l3 3" />
    <path d="M2.5 6.5h7a4 4 0 0 1 0 8H7" />
  </Icon>
);
export const RedoIcon = () => (
  <Icon>
    <path d="m10.5 3.5 3 3-3 3" />
    <path d="M13.5 6.5h-7a4 4 0 0 0 0 8H9" />
  </Icon>
);
export const LayoutIcon = () => (
  <Icon>
    <rect x="1.5" y="2" width="5" height="4" rx="1" />
    <rect x="9.5" y="2" width="5" height="4" rx="1" />
    <rect x="5.5" y="10" width="5" height="4" rx="1" />
    <path d="M4 6v2h8V6M8 8v2" />
  </Icon>
);
export const FitIcon = () => (
  <Icon>
    <path d="M2 5.5V2h3.5M10.5 2H14v3.5M14 10.5V14h-3.5M5.5 14H2v-3.5" />
    <rect x="5" y="5" width="6" height="6" rx="1" />
  </Icon>
);
export const FileIcon = () => (
  <Icon>
    <path d="M3.5 1.5h6l3 3v10h-9z" />
    <path d="M9.5 1.5v3h3" />
  </Icon>
);
export const ChevronIcon = () => (
  <Icon>
    <path d="m4.5 6.5 3.5 3.5 3.5-3.5" />
  </Icon>
);
export const SunIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="3" />
    <path d="M8 1v1.5M8 13.5V15M1 8h1.5M13.5 8H15M3 3l1 1M12 12l1 1M3 13l1-1M12 4l1-1" />
  </Icon>
);
export const MoonIcon = () => (
  <Icon>
    <path d="M13.5 9.5A6 6 0 0 1 6.5 2.5a6 6 0 1 0 7 7z" />
  </Icon>
);
export const PalettePanelIcon = () => (
  <Icon>
    <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
    <path d="M5.5 2.5v11" />
  </Icon>
);
export const InspectorPanelIcon = () => (
  <Icon>
    <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
    <path d="M10.5 2.5v11" />
  </Icon>
);
export const ScriptPanelIcon = () => (
  <Icon>
    <path d="m5.5 4.5-4 3.5 4 3.5M10.5 4.5l4 3.5-4 3.5M9 2.5 7 13.5" />
  </Icon>
);
export const CloseIcon = () => (
  <Icon>
    <path d="m4 4 8 8M12 4l-8 8" />
  </Icon>
);
