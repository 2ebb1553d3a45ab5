/**
 * What every link kind's edge draws: its line (solid or dashed, from the link-kind registry) with
 * an arrow towards the receiving end, a short label beside its middle (off the messages' path:
 * labelPlace.ts) and, during a run, the badge of its circuit breaker and bulkhead under it. While
 * faults are in force on it at the playhead, the line shows them (cut, latency, loss: see
 * linkFaultStyle.ts) with a tag above its middle. Messages on it are drawn by the overlay, not here.
 */
import { BaseEdge, EdgeLabelRenderer, useInternalNode, type EdgeProps } from '@xyflow/react';
import { handlePoint, linkGoesDown } from '../../overlay/geometry.ts';
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
/** How far above the link's middle its fault tag's bottom sits (flow px) when the label is below the line. */
const FAULT_ABOVE = 10;
/** Half the label's height plus a gap (flow px): a tag stacked on a label above the line sits this far over its centre. */
const OVER_LABEL = 11;

/** The edge of one link; `kind` is a CSS modifier of its label (`canvas-edge-label--async`). */
export function LinkEdgeBody({ kind, ...props }: EdgeProps<DocumentFlowEdge> & { readonly kind: string }) {
  const { id, markerEnd, selected, data } = props;
  const { source, target, down } = useLinkEnds(props);
  const curve = linkCurve(source, target, down);
  const middle = curve.pointAt(0.5);
  const label = labelPlace(curve, data?.label ?? '');
  // A fault's tag goes over the label when the label sits above the line (labelPlace), else above the line itself: never on the label.
  const tagAt = label.y <= middle.y ? { x: label.x, y: label.y - OVER_LABEL } : { x: middle.x, y: middle.y - FAULT_ABOVE };
  const stores = useStores();
  const emphasised = useLesson((s) => s.activeId !== undefined && s.highlight?.link === id);
  const fault = useLinkFault(id);
  const look = fault && linkFaultLook(fault);
  const cut = fault !== undefined && (fault.cutForward || fault.cutBackward);
  // While a request is followed: its links so far lit, the others faded (overlay/followTracker.ts).
  const follow = useUi((s) => (s.following === undefined ? '' : s.following.links.includes(id) ? 'is-followed' : 'is-faded'));
  // The link of the span hovered in the trace waterfall.
  const traced = useUi((s) => s.traceHover?.link === id);
  const classes = [emphasised ? 'is-lesson-highlight' : '', look?.className ?? '', follow, traced ? 'is-trace-hover' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <BaseEdge
        id={id}
        path={cut ? cutLinkPath(source, target, down) : curve.path}
        className={classes || undefined}
        markerEnd={markerEnd}
        interactionWidth={24}
        data-fault={look?.kinds}
        style={{ strokeDasharray: look?.dash ?? LINE_STYLES[data?.line ?? 'solid'].strokeDasharray }}
      />
      {data && (
        <EdgeLabelRenderer>
          {/* Off the line, so it selects its link itself (and is no drag of the pane). */}
          <div
            className={`canvas-edge-label canvas-edge-label--${kind} nopan${selected ? ' is-selected' : ''}${emphasised ? ' is-lesson-highlight' : ''}${follow ? ` ${follow}` : ''}`}
            data-link={id}
            onClick={(event) => {
              event.stopPropagation();
              stores.ui.getState().select({ linkIds: [id] });
            }}
            style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)` }}
          >
            {data.label}
          </div>
          {look && (
            <div
              className="canvas-edge-fault"
              data-link={id}
              data-fault={look.kinds}
              style={{ transform: `translate(-50%, -100%) translate(${tagAt.x}px, ${tagAt.y}px)` }}
            >
              {look.tags.map((tag) => (
                <span key={tag.kind} className={`canvas-edge-fault-tag canvas-edge-fault-tag--${tag.kind}`}>
                  {tag.text}
                </span>
              ))}
            </div>
          )}
          {/* Under the line, not beside the label: a short link has no room for both along it. */}
          <div
            className="canvas-edge-guard"
            style={{ transform: `translate(-50%, 0) translate(${middle.x}px, ${middle.y + GUARD_BELOW}px)` }}
          >
            <LinkGuardSlot linkId={id} />
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

/**
 * Where the link's line starts and ends: React Flow's right and left handles, or, when the target
 * lies below the source (the top-to-bottom layout), the bottom and top ones, chosen and placed
 * exactly as the message overlay does (overlay/geometry.ts), so the dots ride on this line.
 */
function useLinkEnds({ source, target, sourceX, sourceY, targetX, targetY }: EdgeProps<DocumentFlowEdge>) {
  const from = useInternalNode(source),
    to = useInternalNode(target);
  if (!from || !to || !linkGoesDown(from, to))
    return { source: { x: sourceX, y: sourceY }, target: { x: targetX, y: targetY }, down: false };
  const ends = new Float64Array(4);
  handlePoint(from, 'source', ends, 0, true);
  handlePoint(to, 'target', ends, 2, true);
  return { source: { x: ends[0], y: ends[1] }, target: { x: ends[2], y: ends[3] }, down: true };
}
