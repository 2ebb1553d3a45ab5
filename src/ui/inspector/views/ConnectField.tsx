/**
 * "Connect to": links the selected node to a service without a pointer, the keyboard's way of
 * dragging from one handle to another. It offers exactly the connections the canvas would accept
 * and makes the same link (see canvas/connection.ts); a client then sends to the service, a
 * service calls it as a new step of its plan.
 */
import { useId } from 'react';
import type { NodeInput } from '../../../store/document/commands.ts';
import { useDocument, useStores } from '../../app/stores.tsx';
import { canConnect, newLink } from '../../canvas/connection.ts';

export function ConnectField({ node }: { readonly node: NodeInput }) {
  const stores = useStores();
  const id = useId();
  const doc = useDocument((s) => s.document);
  const choices = doc.nodes.filter((n) => canConnect(doc, node.id, n.id));
  if (choices.length === 0) return null;
  const connect = (to: string) => {
    if (to === '') return;
    stores.document.getState().dispatch({ type: 'connect', link: newLink(node.id, to) });
  };
  return (
    <div className="inspector-field">
      <label className="inspector-label" htmlFor={id}>Connect to</label>
      <div className="inspector-control">
        <select id={id} className="inspector-input" value="" aria-describedby={`${id}-help`} onChange={(e) => connect(e.target.value)}>
          <option value="">Choose a service…</option>
          {choices.map((n) => <option key={n.id} value={n.id}>{n.label ?? n.id}</option>)}
        </select>
      </div>
      <p className="inspector-description" id={`${id}-help`}>
        {node.kind === 'client' ? 'Adds a link; the client then sends its requests to that service.' : 'Adds a link and a call to that service at the end of the call plan.'}
      </p>
    </div>
  );
}
