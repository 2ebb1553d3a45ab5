/**
 * What every link kind's edge draws: its line (solid or dashed, from the link-kind registry) with
 * an arrow towards the receiving end, a short label beside its middle (off the messages' path:
 * labelPlace.ts) and, during a run, the badge of its circuit breaker and bulkhead under it. While
 * faults are in force on it at the playhead, the line shows them (cut, latency, loss: see
 * linkFaultStyle.ts) with a tag above its middle. Messages on it are drawn by the overlay, not here.
 */
import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import { useLesson, useStores, useUi } from '../../app/stores.tsx';
import { LINE_STYLES } from '../../kinds/linkStyles.ts';
import { LinkGuardSlot } from '../../resilience/LazyPolicyViews.tsx';
import { linkCurve } from '../edgeGeometry.ts';
import { labelPlace } from './labelPlace.ts';
import type { DocumentFlowEdge } from '../flowElements.ts';
import { cutLinkPath, linkFaultLook } from './linkFaultStyle.ts';
import { useLinkFault } from './useLinkFault.ts';

/** How far below the link's middle its breaker badge sits (flow px): clear of the label. */
const GUARD_BELOW = 11;
/** How far above the link's middle its fault tag's bottom sits (flow px): clear of the label. */
const FAULT_ABOVE = 10;

/** The edge of one link; `kind` is a CSS modifier of its label (`canvas-edge-label--async`). */
export function LinkEdgeBody({ kind, ...props }: EdgeProps<DocumentFlowEdge> & { readonly kind: string }) {
  const { id, sourceX, sourceY, targetX, targetY, markerEnd, selected, data } = props;
  const curve = linkCurve({ x: sourceX, y: sourceY }, { x: targetX, y: targetY });
  const middle = curve.pointAt(0.5);
  const label = labelPlace(curve, data?.label ?? '');
  const stores = useStores();
  const emphasised = useLesson((s) => s.activeId !== undefined && s.highlight?.link === id);
  const fault = useLinkFault(id);
  const look = fault && linkFaultLook(fault);
  const cut = fault !== undefined && (fault.cutForward || fault.cutBackward);
  // While a request is followed: its links so far lit, the others faded (overlay/followTracker.ts).
  const follow = useUi((s) => (s.following === undefined ? '' : s.following.links.includes(id) ? 'is-followed' : 'is-faded'));
  const classes = [emphasised ? 'is-lesson-highlight' : '', look?.className ?? '', follow].filter(Boolean).join(' ');
  return (
    <>
      <BaseEdge id={id} path={cut ? cutLinkPath({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }) : curve.path} className={classes || undefined}
        markerEnd={markerEnd} interactionWidth={24} data-fault={look?.kinds}
        style={{ strokeDasharray: look?.dash ?? LINE_STYLES[data?.line ?? 'solid'].strokeDasharray }} />
      {data && (
        <EdgeLabelRenderer>
          {/* Off the line, so it selects its link itself (and is no drag of the pane). */}
          <div className={`canvas-edge-label canvas-edge-label--${kind} nopan${selected ? ' is-selected' : ''}${emphasised ? ' is-lesson-highlight' : ''}${follow ? ` ${follow}` : ''}`} data-link={id}
            onClick={(event) => { event.stopPropagation(); stores.ui.getState().select({ linkIds: [id] }); }}
            style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)` }}>
            {data.label}
          </div>
          {look && (
            <div className="canvas-edge-fault" data-link={id} data-fault={look.kinds}
              style={{ transform: `translate(-50%, -100%) translate(${middle.x}px, ${middle.y - FAULT_ABOVE}px)` }}>
              {look.tags.map((tag) => <span key={tag.kind} className={`canvas-edge-fault-tag canvas-edge-fault-tag--${tag.kind}`}>{tag.text}</span>)}
            </div>
          )}
          {/* Under the line, not beside the label: a short link has no room for both along it. */}
          <div className="canvas-edge-guard" style={{ transform: `translate(-50%, 0) translate(${middle.x}px, ${middle.y + GUARD_BELOW}px)` }}>
            <LinkGuardSlot linkId={id} />
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
