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
    <svg
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
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

/** A service registry: a directory, a card file of entries with a tick beside each (listed, alive). */
export function RegistryIcon(props: KindIconProps) {
  return (
    <Icon {...props}>
      <rect x="4" y="3" width="16" height="18" rx="2" />
      <path d="M8 8h.01M8 12h.01M8 16h.01M11 8h5M11 12h5M11 16h5" />
    </Icon>
  );
}

/** An API gateway: one door that requests come through and fan out from, to the services behind. */
export function GatewayIcon(props: KindIconProps) {
  return (
    <Icon {...props}>
      <path d="M3 12h6" />
      <rect x="9" y="6" width="5" height="12" rx="1" />
      <path d="M14 12h3M17 6v12M17 6h4M17 12h4M17 18h4" />
    </Icon>
  );
}

/** A load balancer: one line in, fanned out evenly over three instances. */
export function LoadBalancerIcon(props: KindIconProps) {
  return (
    <Icon {...props}>
      <path d="M3 12h5l4-6h5M8 12h9M8 12l4 6h5" />
      <circle cx="19.5" cy="6" r="1.5" />
      <circle cx="19.5" cy="12" r="1.5" />
      <circle cx="19.5" cy="18" r="1.5" />
    </Icon>
  );
}
