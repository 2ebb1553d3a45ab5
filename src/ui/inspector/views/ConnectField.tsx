/**
 * "Connect to": links the selected node to a service, queue, topic or stream without a pointer, the
 * keyboard's way of dragging from one handle to another. It offers exactly the connections the
 * canvas would accept and makes the same link (see canvas/connection.ts); a client then sends to
 * it, a service calls it (or publishes to it) as a new step of its plan, a queue delivers to it,
 * a topic copies to it (the queue subscribes), a stream delivers to it (a consumer group's member).
 */
import { useId } from 'react';
import type { NodeInput } from '../../../store/document/commands.ts';
import { useDocument, useStores } from '../../app/stores.tsx';
import { linkId } from '../../../model/index.ts';
import { canConnect, newLink } from '../../canvas/connection.ts';

const HELP: Readonly<Partial<Record<NodeInput['kind'], string>>> = {
  client: 'Adds a link; the client then sends its requests to that service, or publishes them to that queue, topic or stream.',
  service: 'Adds a link and a call to that service (or a publish to that queue, topic or stream) at the end of the call plan.',
  queue: 'Adds an async link; the queue then delivers messages to that service too, each to one consumer.',
  topic: 'Adds an async link: that queue subscribes, and gets its own copy of every message published to the topic.',
  stream: "Adds an async link: that service reads the stream as a group of its own (set the link's group to share one).",
};

/** The empty choice's text: what the node can be connected to. */
const PROMPT: Readonly<Partial<Record<NodeInput['kind'], string>>> = {
  queue: 'Choose a consumer…',
  topic: 'Choose a queue to subscribe…',
  stream: 'Choose a consumer…',
};

/** What a choice's kind adds to its name, so a publish target reads as one. */
const SUFFIX: Readonly<Partial<Record<NodeInput['kind'], string>>> = { queue: ' (queue)', topic: ' (topic)', stream: ' (stream)' };

/** The "Connect to" choice of node `node` (nothing when no connection is possible). */
export function ConnectField({ node }: { readonly node: NodeInput }) {
  const stores = useStores();
  const id = useId();
  const doc = useDocument((s) => s.document);
  const choices = doc.nodes.filter((n) => canConnect(doc, node.id, n.id));
  if (choices.length === 0) return null;
  const connect = (to: string) => {
    if (to === '') return;
    const link = newLink(stores.document.getState().document, node.id, to);
    if (stores.document.getState().dispatch({ type: 'connect', link }) !== undefined) return;
    // The field vanishes once nothing more can be connected (a client has one target): focus then
    // goes to the new link on the canvas rather than falling to the page. Otherwise it stays here,
    // for the next connection.
    focusOnCanvas(`.react-flow__edge[data-id="${CSS.escape(linkId(link))}"]`, `.react-flow__node[data-id="${CSS.escape(node.id)}"]`);
  };
  return (
    <div className="inspector-field">
      <label className="inspector-label" htmlFor={id}>
        Connect to
      </label>
      <div className="inspector-control">
        <select id={id} className="inspector-input" value="" aria-describedby={`${id}-help`} onChange={(e) => connect(e.target.value)}>
          <option value="">{PROMPT[node.kind] ?? 'Choose a service, queue, topic or stream…'}</option>
          {choices.map((n) => (
            <option key={n.id} value={n.id}>
              {n.label ?? n.id}
              {SUFFIX[n.kind] ?? ''}
            </option>
          ))}
        </select>
      </div>
      <p className="inspector-description" id={`${id}-help`}>
        {HELP[node.kind] ?? 'Adds a link to that node.'}
      </p>
    </div>
  );
}

/**
 * If focus fell to the page (its field is gone), focuses `selector` once the canvas has drawn it
 * (a few frames at most), else `fallback`.
 */
function focusOnCanvas(selector: string, fallback: string, frames = 10): void {
  requestAnimationFrame(() => {
    if (document.activeElement !== document.body && document.activeElement !== null) return;
    const element = document.querySelector<HTMLElement | SVGElement>(selector);
    if (element) element.focus({ preventScroll: true });
    else if (frames > 0) focusOnCanvas(selector, fallback, frames - 1);
    else document.querySelector<HTMLElement>(fallback)?.focus({ preventScroll: true });
  });
}
