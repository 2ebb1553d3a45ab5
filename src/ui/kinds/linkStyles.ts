/**
 * How links look, by meaning: the line style of each link kind and the short protocol labels.
 * A leaf module, so edge components can use it without importing the link-kind registry that
 * lists them.
 */
import type { Protocol } from '../../model/index.ts';
import type { LinkInput } from '../../store/document/commands.ts';

/** Line styles by meaning: `solid` for sync links, `dashed` for async links (to or from a queue or topic). */
export const LINE_STYLES = {
  solid: { strokeDasharray: undefined },
  dashed: { strokeDasharray: '6 5' },
} as const;
/** A line style's name. */
export type LineStyle = keyof typeof LINE_STYLES;

/** Short protocol labels, as drawn on an edge. */
export const PROTOCOL_LABELS: Readonly<Record<Protocol, string>> = { http: 'HTTP', grpc: 'gRPC', websocket: 'WS' };

/** The short label of a link's protocol ("HTTP" when none is set, the schema's default). */
export function protocolLabel(link: Pick<LinkInput, 'protocol'>): string {
  return PROTOCOL_LABELS[link.protocol ?? 'http'];
}
