/**
 * How each kind of message looks: a colour *and* a shape, so they stay apart for people who do
 * not see the colours (Okabe–Ito's colour-blind-safe palette, and two of Paul Tol's for acks and
 * nacks; a lighter variant in the dark theme). Colours are CSS variables (overlay.css) read when the theme changes; the legend in the
 * playback bar uses the same variables and shapes.
 */
import { MessageKind } from '../../engine/replay/messageIndex.ts';

export type MessageShape =
  | 'circle'
  | 'diamond'
  | 'cross'
  | 'square'
  | 'triangle'
  | 'hexagon'
  | 'triangleDown'
  | 'plus'
  | 'star'
  | 'bar'
  | 'pentagon'
  | 'hourglass'
  | 'slash';

export interface MessageStyle {
  readonly kind: number;
  /** As people read it in the legend. */
  readonly label: string;
  /** What it is, in a sentence (the legend's tooltip). */
  readonly description: string;
  readonly shape: MessageShape;
  /** The CSS variable holding its colour. */
  readonly cssVar: string;
  /** Its colour if the variable is missing (the light theme's). */
  readonly fallback: string;
  /** Only in systems with brokers or polling (the legend leaves it out elsewhere). */
  readonly messaging?: boolean;
  /** Only in systems with a gateway (its refusals at the door). */
  readonly gateway?: boolean;
}

/** By MessageKind, in order. */
export const MESSAGE_STYLES: readonly MessageStyle[] = [
  {
    kind: MessageKind.REQUEST,
    label: 'Request',
    description: 'A request on its way to the service it calls.',
    shape: 'circle',
    cssVar: '--msg-request',
    fallback: '#0072b2',
  },
  {
    kind: MessageKind.REPLY,
    label: 'Reply',
    description: 'A successful reply on its way back.',
    shape: 'diamond',
    cssVar: '--msg-reply',
    fallback: '#009e73',
  },
  {
    kind: MessageKind.ERROR,
    label: 'Error',
    description: 'A reply carrying an error.',
    shape: 'cross',
    cssVar: '--msg-error',
    fallback: '#d55e00',
  },
  {
    kind: MessageKind.REJECTED,
    label: 'Rejected',
    description: 'A refusal: the waiting line was full or the service was down.',
    shape: 'square',
    cssVar: '--msg-rejected',
    fallback: '#e69f00',
  },
  {
    kind: MessageKind.LATE,
    label: 'Late',
    description: 'A reply to a caller that has already timed out.',
    shape: 'triangle',
    cssVar: '--msg-late',
    fallback: '#cc79a7',
  },
  {
    kind: MessageKind.PUBLISH,
    label: 'Publish',
    description: "A message on its way to a queue or topic; the broker's confirm comes back as a reply.",
    shape: 'hexagon',
    cssVar: '--msg-publish',
    fallback: '#56b4e9',
    messaging: true,
  },
  {
    kind: MessageKind.DELIVERY,
    label: 'Delivery',
    description: 'A queue delivering a message to a consumer; the ack comes back as a reply, a nack as an error.',
    shape: 'triangleDown',
    cssVar: '--msg-delivery',
    fallback: '#3d3d3d',
    messaging: true,
  },
  {
    kind: MessageKind.POLL,
    label: 'Poll',
    description: 'A caller asking for the status of a job it handed over (async HTTP).',
    shape: 'plus',
    cssVar: '--msg-poll',
    fallback: '#a08c00',
    messaging: true,
  },
  {
    kind: MessageKind.ACK,
    label: 'Ack',
    description: 'A consumer acknowledging a delivery: the message is done.',
    shape: 'star',
    cssVar: '--msg-ack',
    fallback: '#117733',
    messaging: true,
  },
  {
    kind: MessageKind.NACK,
    label: 'Nack',
    description: 'A consumer rejecting a delivery (it failed): the queue delivers it again, or dead-letters it.',
    shape: 'bar',
    cssVar: '--msg-nack',
    fallback: '#882255',
    messaging: true,
  },
  {
    kind: MessageKind.UNAUTHORIZED,
    label: '401',
    description: 'A gateway turning a request away at the door: no token, an expired one or a forged one (401).',
    shape: 'pentagon',
    cssVar: '--msg-unauthorized',
    fallback: '#6f2dbd',
    gateway: true,
  },
  {
    kind: MessageKind.THROTTLED,
    label: '429',
    description: 'A gateway holding a client to its rate: too many requests (429).',
    shape: 'hourglass',
    cssVar: '--msg-throttled',
    fallback: '#ee3377',
    gateway: true,
  },
  {
    kind: MessageKind.NOT_FOUND,
    label: '404',
    description: "A gateway with no route for the request's path (404).",
    shape: 'slash',
    cssVar: '--msg-not-found',
    fallback: '#666633',
    gateway: true,
  },
];

/** Lost messages keep their kind's shape, drawn hollow and fading, in this colour's outline. */
export const LOST_STYLE = {
  label: 'Lost',
  description: 'A message the network lost (hollow, fading): only a timeout notices.',
  cssVar: '--msg-lost',
  fallback: '#6b7280',
} as const;

/** The colours the overlay draws with, read from the page's current theme. */
export interface OverlayPalette {
  /** By MessageKind. */
  readonly kinds: readonly string[];
  readonly lost: string;
  /** The thin outline around dots, so they stand out on links and nodes. */
  readonly outline: string;
  readonly badge: string;
  readonly badgeText: string;
  /** Retry marks: attempt numbers and the countdown rings of backoff waits. */
  readonly retry: string;
  /** The ring around a followed request's dots. */
  readonly followed: string;
}

export function readPalette(element: Element = document.documentElement): OverlayPalette {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    kinds: MESSAGE_STYLES.map((s) => read(s.cssVar, s.fallback)),
    lost: read(LOST_STYLE.cssVar, LOST_STYLE.fallback),
    outline: read('--panel', '#ffffff'),
    badge: read('--text', '#1d2330'),
    badgeText: read('--panel', '#ffffff'),
    retry: read('--warn', '#b86e00'),
    followed: read('--accent', '#2f6fed'),
  };
}
