/**
 * The inspector panel: the document's problems on top, then whatever is selected — a message, a
 * fault, a node, a link, several things — or, with nothing selected, the scenario's settings.
 * Each view is keyed by what it shows, so a half-typed value never carries over to another item.
 */
import { lazy, Suspense } from 'react';
import { linkId } from '../../model/index.ts';
import { deferred } from '../app/deferred.tsx';
import { useDocument, useUi } from '../app/stores.tsx';
import { ProblemsList } from './views/ProblemsList.tsx';
import { SettingsView } from './views/SettingsView.tsx';
import './inspector.css';
import { useLessonTarget } from '../lessons/useLessonTarget.ts';

/**
 * The views of a selection: a page opens with nothing selected (the settings view), so their code
 * comes apart from the first page (bench: bundle_initial_kib) and is fetched once the page is idle
 * (see deferred.tsx), in time for the first click.
 */
const NodeView = deferred(() => import('./views/NodeView.tsx').then((m) => m.NodeView));
const LinkView = deferred(() => import('./views/LinkView.tsx').then((m) => m.LinkView));
const FaultView = deferred(() => import('./views/FaultView.tsx').then((m) => m.FaultView));
const MultiSelectionView = deferred(() => import('./views/MultiSelectionView.tsx').then((m) => m.MultiSelectionView));

/**
 * Loaded when a message is first picked (a dot on the canvas, during a run): not needed for the
 * page's first paint (bench: bundle_initial_kib).
 */
const MessageView = lazy(() => import('./views/MessageView.tsx').then((m) => ({ default: m.MessageView })));

function SelectedView() {
  const selection = useUi((s) => s.selection);
  const doc = useDocument((s) => s.document);
  if (selection.call !== undefined)
    return (
      <Suspense fallback={null}>
        <MessageView key={`call-${selection.call}`} call={selection.call} />
      </Suspense>
    );
  if (selection.faultIndex !== undefined) {
    const fault = doc.faults?.[selection.faultIndex];
    if (fault) return <FaultView key={`fault-${selection.faultIndex}`} fault={fault} index={selection.faultIndex} />;
  }
  const nodeIds = selection.nodeIds.filter((id) => doc.nodes.some((n) => n.id === id));
  const linkIds = selection.linkIds.filter((id) => (doc.links ?? []).some((l) => linkId(l) === id));
  if (nodeIds.length + linkIds.length > 1) return <MultiSelectionView nodeIds={nodeIds} linkIds={linkIds} />;
  if (nodeIds.length === 1) {
    const index = doc.nodes.findIndex((n) => n.id === nodeIds[0]);
    return <NodeView key={`node-${nodeIds[0]}`} node={doc.nodes[index]} index={index} />;
  }
  if (linkIds.length === 1) {
    const index = (doc.links ?? []).findIndex((l) => linkId(l) === linkIds[0]);
    return <LinkView key={`link-${linkIds[0]}`} link={(doc.links ?? [])[index]} index={index} id={linkIds[0]} />;
  }
  // Nothing selected, or the selection is gone (deleted, undone): the scenario itself.
  return <SettingsView />;
}

export function Inspector() {
  const target = useLessonTarget('inspector', 'inspector');
  return (
    <div {...target} role="region" aria-label="Inspector">
      <ProblemsList />
      <SelectedView />
    </div>
  );
}
