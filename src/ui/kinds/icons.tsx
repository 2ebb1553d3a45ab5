/**
 * Icons of the component kinds, as inline SVG (no icon fonts or services: the site works offline).
 * Each draws with `currentColor`, so it follows the theme and the state of what contains it.
 * They are decorative: whatever shows one also shows the kind's name.
 */
import type { SVGProps } from 'react';

/** Props every kind icon accepts (size and class; the rest of SVG's props pass through). */
export type KindIconProps = SVGProps<SVGSVGElement>;

function Icon({ children, ...props }: KindIconProps) {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="1.8"
      strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...props}>
      {children}
    </svg>
  );
}

/** A client: a person at a screen, sending requests. */
export function ClientIcon(props: KindIconProps) {
  return (
    <Icon {...props}>
      <rect x="3" y="4" width="18" height="12" rx="2" />
      <path d="M8 20h8M12 16v4" />
      <path d="M8 10h5m0 0-2-2m2 2-2 2" />
    </Icon>
  );
}

/** A service: a server box with a status light. */
export function ServiceIcon(props: KindIconProps) {
  return (
    <Icon {...props}>
      <rect x="3" y="4" width="18" height="7" rx="1.5" />
      <rect x="3" y="13" width="18" height="7" rx="1.5" />
      <path d="M7 7.5h.01M7 16.5h.01M11 7.5h6M11 16.5h6" />
    </Icon>
  );
}

/** A queue: messages lined up in a tray, leaving on the right. */
export function QueueIcon(props: KindIconProps) {
  return (
    <Icon {...props}>
      <path d="M3 6v12h15" />
      <rect x="6" y="9" width="3" height="6" rx="0.8" />
      <rect x="11" y="9" width="3" height="6" rx="0.8" />
      <path d="M17 12h4m0 0-2-2m2 2-2 2" />
    </Icon>
  );
}

/** A topic: one message fanning out to several subscribers (a queue's icon is a line, this a spray). */
export function TopicIcon(props: KindIconProps) {
  return (
    <Icon {...props}>
      <circle cx="5" cy="12" r="2.5" />
      <path d="M7.5 12H17.5M7.2 10.6 17.6 5.6M7.2 13.4 17.6 18.4" />
      <circle cx="19.5" cy="5" r="1.5" />
      <circle cx="19.5" cy="12" r="1.5" />
      <circle cx="19.5" cy="19" r="1.5" />
    </Icon>
  );
}

/** A stream: stacked logs (partitions) read left to right, each with a read position; a queue's icon is one tray, this several lanes. */
export function StreamIcon(props: KindIconProps) {
  return (
    <Icon {...props}>
      <path d="M3 6h18M3 12h18M3 18h18" />
      <path d="M15 4v4M10 10v4M17 16v4" />
    </Icon>
  );
}
