/**
 * The component kinds the playground offers, one entry each. The palette lists this registry and
 * the canvas draws nodes with the component each entry names, so a new kind (a data store, a
 * sidecar…) is one more entry here, not an edit of the palette or canvas.
 */
import type { ComponentType } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { NodeInput } from '../../store/document/commands.ts';
import { ClientNode } from '../canvas/nodes/ClientNode.tsx';
import { GatewayNode } from '../canvas/nodes/GatewayNode.tsx';
import { LoadBalancerNode } from '../canvas/nodes/LoadBalancerNode.tsx';
import { QueueNode } from '../canvas/nodes/QueueNode.tsx';
import { RegistryNode } from '../canvas/nodes/RegistryNode.tsx';
import { ServiceNode } from '../canvas/nodes/ServiceNode.tsx';
import { StreamNode } from '../canvas/nodes/StreamNode.tsx';
import { TopicNode } from '../canvas/nodes/TopicNode.tsx';
import type { DocumentFlowNode } from '../canvas/flowElements.ts';
import {
  ClientIcon,
  GatewayIcon,
  LoadBalancerIcon,
  QueueIcon,
  RegistryIcon,
  ServiceIcon,
  StreamIcon,
  TopicIcon,
  type KindIconProps,
} from './icons.tsx';

/** A node kind of the scenario schema. */
export type NodeKind = NodeInput['kind'];
type Position = { readonly x: number; readonly y: number };

/** Everything the playground needs to know about one component kind. */
export interface NodeKindSpec {
  readonly kind: NodeKind;
  /** Its name as people read it; the palette item's accessible name. */
  readonly label: string;
  /** One line saying what it is (the palette tooltip). */
  readonly description: string;
  readonly icon: ComponentType<KindIconProps>;
  /** The stem of new ids (`service` → `service-1`, `service-2`, …). */
  readonly idBase: string;
  /** A new node of this kind with its defaults, at `position`. */
  create(id: string, position: Position): NodeInput;
  /** How the canvas draws it. */
  readonly component: ComponentType<NodeProps<DocumentFlowNode>>;
}

/** The kinds, in palette order. */
export const NODE_KINDS: readonly NodeKindSpec[] = [
  {
    kind: 'client',
    label: 'Client',
    description: 'Generates load: sends requests to one service and measures what comes back.',
    icon: ClientIcon,
    idBase: 'client',
    // No target yet: connecting the client to a service sets it.
    create: (id, position) => ({ id, kind: 'client', target: '', workload: { pattern: 'poisson', rate: 5 }, position: { ...position } }),
    component: ClientNode,
  },
  {
    kind: 'service',
    label: 'Service',
    description: 'Does work with a pool of workers and a waiting line, and may call other services.',
    icon: ServiceIcon,
    idBase: 'service',
    create: (id, position) => ({
      id,
      kind: 'service',
      workers: 2,
      serviceTime: { dist: 'exponential', mean: '40ms' },
      position: { ...position },
    }),
    component: ServiceNode,
  },
  {
    kind: 'queue',
    label: 'Queue',
    description: 'Holds messages between producers and consumers: a publisher moves on at once, consumers take them at their pace.',
    icon: QueueIcon,
    idBase: 'queue',
    // The schema's defaults (no limit, 30 s to ack) are what a new queue should start with.
    create: (id, position) => ({ id, kind: 'queue', position: { ...position } }),
    component: QueueNode,
  },
  {
    kind: 'topic',
    label: 'Topic',
    description: 'Fans out what is published to it: every queue subscribed to it (linked from it) gets its own copy of each message.',
    icon: TopicIcon,
    idBase: 'topic',
    // A topic has no settings: its subscriptions are the queues it is linked to.
    create: (id, position) => ({ id, kind: 'topic', position: { ...position } }),
    component: TopicNode,
  },
  {
    kind: 'stream',
    label: 'Stream',
    description:
      'An event log split into partitions (Kafka-like): producers append and move on; each consumer group reads every message in order, committing as it goes.',
    icon: StreamIcon,
    idBase: 'stream',
    // The schema's defaults (3 partitions, kept for the whole run, a 3 s rebalance) suit a first stream.
    create: (id, position) => ({ id, kind: 'stream', position: { ...position } }),
    component: StreamNode,
  },
  {
    kind: 'gateway',
    label: 'Gateway',
    description:
      'The single entry for clients (an API gateway): routes requests by path to services, refuses bad tokens (401) and clients over their rate (429).',
    icon: GatewayIcon,
    idBase: 'gateway',
    // One catch-all route with nowhere to go yet: connecting the gateway to a service sets it.
    create: (id, position) => ({ id, kind: 'gateway', routes: [{ prefix: '/', to: '' }], position: { ...position } }),
    component: GatewayNode,
  },
  {
    kind: 'loadBalancer',
    label: 'Load balancer',
    description:
      "Server-side load balancing: callers send to it without knowing the instances; it spreads requests over its service's instances.",
    icon: LoadBalancerIcon,
    idBase: 'lb',
    // No service yet: connecting it to one sets it (as a client's target).
    create: (id, position) => ({ id, kind: 'loadBalancer', to: '', position: { ...position } }),
    component: LoadBalancerNode,
  },
  {
    kind: 'registry',
    label: 'Registry',
    description:
      'A service registry: the instances of services linked to it register and heartbeat; callers linked to it look them up (discovery).',
    icon: RegistryIcon,
    idBase: 'registry',
    // The schema's defaults (a heartbeat every 5 s, entries expiring after 15 s) are Eureka-like.
    create: (id, position) => ({ id, kind: 'registry', position: { ...position } }),
    component: RegistryNode,
  },
];

const BY_KIND = new Map<string, NodeKindSpec>(NODE_KINDS.map((spec) => [spec.kind, spec]));

/** The entry for `kind`, or undefined for a kind this build does not know. */
export function nodeKindSpec(kind: string): NodeKindSpec | undefined {
  return BY_KIND.get(kind);
}

/** React Flow's `nodeTypes`: one node component per kind (a constant, as React Flow wants). */
export const NODE_COMPONENTS: Readonly<Record<string, ComponentType<NodeProps<DocumentFlowNode>>>> = Object.fromEntries(
  NODE_KINDS.map((spec) => [spec.kind, spec.component]),
);
