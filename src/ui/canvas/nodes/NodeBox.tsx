/**
 * The box every component kind is drawn as: icon, name, a one-line summary, its live state at the
 * playhead (figures, or bars when zoomed out; a replicated service's totals, then a card per instance)
 * with its bulkheads and rate limiter, and connection handles (requests come in on the left and go out on the right, so a
 * left-to-right layout reads as the direction of calls; a link to a node below uses the bottom and top ones).
 */
import type { ComponentType, ReactNode } from 'react';
import { Handle, Position, useStore, type ReactFlowState } from '@xyflow/react';
import type { KindIconProps } from '../../kinds/icons.tsx';
import { deferred } from '../../app/deferred.tsx';
import { InstancesSlot } from '../../playback/InstancesSlot.tsx';
import { NodePolicySlot } from '../../resilience/LazyPolicyViews.tsx';
import { useLesson, useUi } from '../../app/stores.tsx';
import { useNodeMode } from './useNodeMode.ts';
import '../../playback/nodeLive.css';

/** Node boxes show bars instead of figures when the canvas is zoomed out below this (text under ~6 px; see NodeLiveGauge). */
export const COMPACT_BELOW_ZOOM = 0.55;

/**
 * A node's live figures come apart from the first page: there is no run before the first Play, and
 * until the code arrives (while the page is idle) the box holds the same empty block it shows then.
 */
const NodeLiveStatus = deferred(
  () => import('../../playback/NodeLiveStatus.tsx').then((m) => m.NodeLiveStatus),
  ({ nodeId }: { nodeId: string; compact?: boolean }) => (
    <div className="node-live" data-node={nodeId} data-testid={`node-live-${nodeId}`} />
  ),
);

/** What a kind's node component tells the box. */
export interface NodeBoxProps {
  readonly nodeId: string;
  /** The component kind (a CSS modifier: `canvas-node--service`). */
  readonly kind: string;
  /** The kind as people read it ("Service"). */
  readonly kindLabel: string;
  /** The node's display name (its label, else its id). */
  readonly name: string;
  readonly summary: string;
  readonly icon: ComponentType<KindIconProps>;
  readonly selected: boolean;
  /** Whether other nodes can connect to it (a target handle on the left). */
  readonly accepts: boolean;
  /** Whether it can connect to others (a source handle on the right). */
  readonly sends: boolean;
  /** What its source handle connects to, for the handle's tooltip ("a service, a queue or a topic"). */
  readonly sendsTo?: string;
  /** What its kind shows below its live state (a gateway's routes, a registry's entries). */
  readonly children?: ReactNode;
}

/** Whether the canvas is zoomed out too far to read a box's figures (a boolean: boxes re-render only when it flips). */
const zoomedOut = (s: ReactFlowState) => s.transform[2] < COMPACT_BELOW_ZOOM;

/** Whether the canvas is zoomed out too far for a box's figures (for what a kind adds to its box). */
export function useCompactCanvas(): boolean {
  return useStore(zoomedOut);
}

/** The shared node box (see the file comment). */
export function NodeBox({
  nodeId,
  kind,
  kindLabel,
  name,
  summary,
  icon: Icon,
  selected,
  accepts,
  sends,
  sendsTo = 'a service, a queue or a topic',
  children,
}: NodeBoxProps) {
  const mode = useNodeMode(nodeId);
  const compact = useStore(zoomedOut);
  // The node the lesson's current step points at (a boolean: only the box that gains or loses it re-renders).
  const emphasised = useLesson((s) => s.activeId !== undefined && s.highlight?.node === nodeId);
  // The node of the span hovered in the trace waterfall.
  const traced = useUi((s) => s.traceHover?.node === nodeId);
  return (
    <div
      className={`canvas-node canvas-node--${kind}${selected ? ' is-selected' : ''}${emphasised ? ' is-lesson-highlight' : ''}${traced ? ' is-trace-hover' : ''}`}
      data-mode={mode}
    >
      {accepts && <Handle type="target" position={Position.Left} className="canvas-handle" title={`Connect into ${name}`} />}
      <div className="canvas-node-head">
        <Icon className="canvas-node-icon" />
        <span className="canvas-node-name" title={name}>
          {name}
        </span>
        {mode && mode !== 'healthy' && <span className="canvas-node-mode">{mode}</span>}
      </div>
      <div className="canvas-node-summary">
        <span className="visually-hidden">{kindLabel}: </span>
        {summary}
      </div>
      <NodeLiveStatus nodeId={nodeId} compact={compact} />
      {kind === 'service' && <InstancesSlot nodeId={nodeId} compact={compact} />}
      {children}
      <NodePolicySlot nodeId={nodeId} compact={compact} />
      {sends && (
        <Handle
          type="source"
          position={Position.Right}
          className="canvas-handle"
          title={`Drag from here to ${sendsTo} to connect ${name} to it`}
        />
      )}
      {/* Where a link to a node below leaves and enters (the top-to-bottom layout); not for connecting. After the
          right and left ones, which stay each type's first (what an edge without a handle id uses). */}
      {sends && (
        <Handle type="source" id="down" position={Position.Bottom} className="canvas-handle canvas-handle--down" isConnectable={false} />
      )}
      {accepts && (
        <Handle type="target" id="down" position={Position.Top} className="canvas-handle canvas-handle--down" isConnectable={false} />
      )}
    </div>
  );
}
