/**
 * What every link kind's edge draws: its line (solid or dashed, from the link-kind registry) with
 * an arrow towards the receiving end, a short label beside its middle (off the messages' path:
 * labelPlace.ts) and, during a run, the badge of its circuit breaker and bulkhead under it.
 * Messages on it are drawn by the overlay, not here.
 */
import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import { useLesson, useStores, useUi } from '../../app/stores.tsx';
import { LINE_STYLES } from '../../kinds/linkStyles.ts';
import { LinkGuardSlot } from '../../resilience/LazyPolicyViews.tsx';
import { linkCurve } from '../edgeGeometry.ts';
import { labelPlace } from './labelPlace.ts';
import type { DocumentFlowEdge } from '../flowElements.ts';

/** How far below the link's middle its breaker badge sits (flow px): clear of the label. */
const GUARD_BELOW = 11;

/** The edge of one link; `kind` is a CSS modifier of its label (`canvas-edge-label--async`). */
export function LinkEdgeBody({ kind, ...props }: EdgeProps<DocumentFlowEdge> & { readonly kind: string }) {
  const { id, sourceX, sourceY, targetX, targetY, markerEnd, selected, data } = props;
  const curve = linkCurve({ x: sourceX, y: sourceY }, { x: targetX, y: targetY });
  const middle = curve.pointAt(0.5);
  const label = labelPlace(curve, data?.label ?? '');
  const stores = useStores();
  const emphasised = useLesson((s) => s.activeId !== undefined && s.highlight?.link === id);
  // While a request is followed: its links so far lit, the others faded (overlay/followTracker.ts).
  const follow = useUi((s) => (s.following === undefined ? '' : s.following.links.includes(id) ? ' is-followed' : ' is-faded'));
  return (
    <>
      <BaseEdge id={id} path={curve.path} className={`${emphasised ? 'is-lesson-highlight' : ''}${follow}`.trim() || undefined} markerEnd={markerEnd} interactionWidth={24}
        style={{ strokeDasharray: LINE_STYLES[data?.line ?? 'solid'].strokeDasharray }} />
      {data && (
        <EdgeLabelRenderer>
          {/* Off the line, so it selects its link itself (and is no drag of the pane). */}
          <div className={`canvas-edge-label canvas-edge-label--${kind} nopan${selected ? ' is-selected' : ''}${emphasised ? ' is-lesson-highlight' : ''}${follow}`} data-link={id}
            onClick={(event) => { event.stopPropagation(); stores.ui.getState().select({ linkIds: [id] }); }}
            style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)` }}>
            {data.label}
          </div>
          {/* Under the line, not beside the label: a short link has no room for both along it. */}
          <div className="canvas-edge-guard" style={{ transform: `translate(-50%, 0) translate(${middle.x}px, ${middle.y + GUARD_BELOW}px)` }}>
            <LinkGuardSlot linkId={id} />
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
