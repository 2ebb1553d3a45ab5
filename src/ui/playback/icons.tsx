/**
 * The playback bar's icons as inline SVG (no icon font or service: the site works offline), in
 * `currentColor` so they follow the theme, hidden from assistive technology: every button
 * carries its own accessible name.
 */
import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="playback-icon"
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

export const PlayIcon = () => (
  <Icon>
    <path d="M4.5 2.5v11l9-5.5z" fill="currentColor" />
  </Icon>
);
export const PauseIcon = () => (
  <Icon>
    <path d="M5 3v10M11 3v10" strokeWidth="2.5" />
  </Icon>
);
export const StepIcon = () => (
  <Icon>
    <path d="M3.5 3v10l7-5z" fill="currentColor" />
    <path d="M13 3v10" strokeWidth="2" />
  </Icon>
);
export const RestartIcon = () => (
  <Icon>
    <path d="M3 3v10" strokeWidth="2" />
    <path d="M13.5 3v10l-7.5-5z" fill="currentColor" />
  </Icon>
);
export const BreakIcon = () => (
  <Icon>
    <path d="M9.5 1.5 4 9h4l-1.5 5.5L12 7H8z" />
  </Icon>
);
export const TrashIcon = () => (
  <Icon>
    <path d="M2.5 4.5h11M6 4.5V2.5h4v2M4 4.5l.7 9h6.6l.7-9" />
  </Icon>
);
