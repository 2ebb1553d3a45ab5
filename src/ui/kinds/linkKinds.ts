/**
 * The kinds of links between nodes and how each looks. Sync links (request/response) are solid
 * lines labelled with their protocol; async links (a producer publishing to a queue or topic, a
 * topic copying to a queue, a queue delivering to a consumer) are dashed and labelled "async", so the two read differently at a
 * glance. Add an entry per kind here and an edge component in `canvas/edges/`.
 */
import type { ComponentType } from 'react';
import type { EdgeProps, EdgeTypes } from '@xyflow/react';
import type { LinkInput } from '../../store/document/commands.ts';
import { PROTOCOLS, type Protocol } from '../../model/index.ts';
import { AsyncEdge } from '../canvas/edges/AsyncEdge.tsx';
import { SyncEdge } from '../canvas/edges/SyncEdge.tsx';
import type { DocumentFlowEdge } from '../canvas/flowElements.ts';
import { PROTOCOL_LABELS, protocolLabel, type LineStyle } from './linkStyles.ts';

export { LINE_STYLES, protocolLabel, type LineStyle } from './linkStyles.ts';

/** A link kind of the scenario schema. */
export type LinkKind = NonNullable<LinkInput['kind']>;

/** A protocol a link kind can use. */
export interface ProtocolSpec {
  readonly id: Protocol;
  /** Short label on the edge ("HTTP", "gRPC"). */
  readonly label: string;
}

/** Everything the canvas needs to know about one link kind. */
export interface LinkKindSpec {
  readonly kind: LinkKind;
  readonly label: string;
  readonly description: string;
  readonly line: LineStyle;
  /** The short label drawn on the edge ("HTTP", "async"). */
  edgeLabel(link: Pick<LinkInput, 'protocol'>): string;
  readonly protocols: readonly ProtocolSpec[];
  readonly component: ComponentType<EdgeProps<DocumentFlowEdge>>;
}

/** The link kinds. */
export const LINK_KINDS: readonly LinkKindSpec[] = [
  {
    kind: 'sync',
    label: 'Sync (request/response)',
    description: 'The caller sends a request and waits for the reply.',
    line: 'solid',
    edgeLabel: protocolLabel,
    protocols: PROTOCOLS.map((id) => ({ id, label: PROTOCOL_LABELS[id] })),
    component: SyncEdge,
  },
  {
    kind: 'async',
    label: 'Async (through a queue)',
    description:
      'To a queue or topic, the producer waits only for the broker to take the message; from a topic, each subscribed queue gets a copy; from a queue, a consumer gets messages and acknowledges each.',
    line: 'dashed',
    // What matters on the canvas is that nobody waits for the far end; the protocol is in the inspector.
    edgeLabel: () => 'async',
    protocols: PROTOCOLS.map((id) => ({ id, label: PROTOCOL_LABELS[id] })),
    component: AsyncEdge,
  },
];

const BY_KIND = new Map<string, LinkKindSpec>(LINK_KINDS.map((spec) => [spec.kind, spec]));

/** The entry for a link's kind (links without one are sync, the schema's default). */
export function linkKindSpec(link: Pick<LinkInput, 'kind'>): LinkKindSpec {
  return BY_KIND.get(link.kind ?? 'sync') ?? LINK_KINDS[0];
}

/**
 * React Flow's `edgeTypes`: one edge component per link kind. (React Flow types edge components
 * by its generic edge; ours take our edge type, which it passes, hence the cast.)
 */
export const EDGE_COMPONENTS = Object.fromEntries(LINK_KINDS.map((spec) => [spec.kind, spec.component])) as EdgeTypes;
