/** Several things selected: how many, and a button that deletes them all (one undo step). */
import { useId } from 'react';
import { useStores } from '../../app/stores.tsx';

export function MultiSelectionView({ nodeIds, linkIds }: { readonly nodeIds: readonly string[]; readonly linkIds: readonly string[] }) {
  const stores = useStores();
  const headingId = useId();
  const parts = [
    nodeIds.length > 0 ? `${nodeIds.length} node${nodeIds.length === 1 ? '' : 's'}` : undefined,
    linkIds.length > 0 ? `${linkIds.length} link${linkIds.length === 1 ? '' : 's'}` : undefined,
  ]
    .filter(Boolean)
    .join(' and ');
  const remove = () => {
    // Refused as a whole while a lesson locks part of it: nothing is deleted and the selection stays.
    if (stores.document.getState().dispatch({ type: 'remove', nodeIds, linkIds }) === undefined) stores.ui.getState().clearSelection();
  };
  return (
    <section className="inspector-view" aria-labelledby={headingId}>
      <header className="inspector-header">
        <h2 id={headingId}>{parts} selected</h2>
        <p className="inspector-kind">Select a single node or link to see and edit its properties.</p>
      </header>
      <ul className="inspector-selected">
        {[...nodeIds, ...linkIds].map((id) => (
          <li key={id}>
            <code>{id}</code>
          </li>
        ))}
      </ul>
      <div className="inspector-actions">
        <button type="button" className="danger" onClick={remove}>
          Delete
        </button>
      </div>
    </section>
  );
}
