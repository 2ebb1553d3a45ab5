/**
 * What the overlay's dots mean: each kind's shape in its colour, with its name. Drawn from the
 * same shapes and colour variables as the overlay. Publishes, deliveries and polls are listed
 * only for a system that has brokers or polling; a gateway's refusals (401, 429, 404) only for one with a gateway.
 */
import { useDocument } from '../app/stores.tsx';
import { LOST_STYLE, MESSAGE_STYLES } from './messageStyles.ts';
import { shapePathData } from './shapes.ts';
import './overlay.css';

function Glyph({ d, colour, hollow = false }: { d: string; colour: string; hollow?: boolean }) {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <path d={d} fill={hollow ? 'none' : colour} stroke={hollow ? colour : 'none'} strokeWidth="1.3" />
    </svg>
  );
}

/** Whether the system has anything that sends publishes, deliveries or polls (a boolean: re-renders only when it flips). */
const hasMessaging = (s: { document: { nodes: readonly { kind: string }[]; links?: readonly { polling?: unknown }[] } }) =>
  s.document.nodes.some((n) => n.kind !== 'client' && n.kind !== 'service') ||
  (s.document.links ?? []).some((l) => l.polling !== undefined);

/** Whether the system has a gateway. */
const hasGateway = (s: { document: { nodes: readonly { kind: string }[] } }) => s.document.nodes.some((n) => n.kind === 'gateway');

export function MessageLegend() {
  const messaging = useDocument(hasMessaging);
  const gateway = useDocument(hasGateway);
  return (
    <ul className="message-legend" aria-label="Message legend">
      {MESSAGE_STYLES.filter((s) => (s.gateway ? gateway : messaging || !s.messaging)).map((s) => (
        <li key={s.kind} title={s.description}>
          <Glyph d={shapePathData(s.shape, 6, 6, 4)} colour={`var(${s.cssVar})`} />
          {s.label}
        </li>
      ))}
      <li title={LOST_STYLE.description}>
        <Glyph d={shapePathData('circle', 6, 6, 4)} colour={`var(${LOST_STYLE.cssVar})`} hollow />
        {LOST_STYLE.label}
      </li>
    </ul>
  );
}
